import { randomUUID } from 'node:crypto';
import { SANDBOX_KEYS, bearerKey } from './keys.js';
import { RateLimiter } from './rate-limit.js';
import { methodNotAllowed, missingScopes, notFound, rateLimited, unauthorized } from './reply.js';
import { type Route, allowedMethods, matchRoute } from './router.js';
import { blacklistRoutes } from './routes-blacklists.js';
import { orderRoutes } from './routes-orders.js';
import { Store } from './store.js';
import type { RateLimit, SandboxRequest, SandboxResponse } from './types.js';

/** Where the API lives, as on api.openprospect.io. */
export const API_PREFIX = '/api/v1';

const ROUTES: readonly Route[] = [...orderRoutes, ...blacklistRoutes];

/** The in-memory OpenProspect API: rate limit, routing, key, scope, then the endpoint itself. */
export class SimulatedApi {
  private readonly store: Store;
  private readonly limiter: RateLimiter;

  constructor(rateLimit: RateLimit, now: () => number) {
    this.store = new Store(now);
    this.limiter = new RateLimiter(rateLimit, now);
  }

  /** Answers one request; every answer carries the caller's X-RateLimit-* headers. */
  handle(req: SandboxRequest): SandboxResponse {
    const key = bearerKey(req.headers.authorization);
    const scopes = key === null ? undefined : SANDBOX_KEYS[key];
    // Unknown keys share their address's quota, so inventing keys does not buy more requests.
    const quota = this.limiter.take(scopes ? `key:${key}` : `addr:${req.remote}`);
    const reply = quota.allowed ? this.route(req, key, scopes) : rateLimited(quota.retryAfter);
    Object.assign(reply.headers, quota.headers);
    return reply;
  }

  private route(req: SandboxRequest, key: string | null, scopes: readonly string[] | undefined): SandboxResponse {
    if (req.path !== API_PREFIX && !req.path.startsWith(`${API_PREFIX}/`)) {
      return notFound(`No endpoint at ${req.path}: the API lives under ${API_PREFIX} (GET ${API_PREFIX}/orders, for example)`);
    }
    const match = matchRoute(ROUTES, req.path.slice(API_PREFIX.length));
    if (!match) return notFound(`No endpoint ${req.method} ${req.path}`);
    const endpoint = match.route.methods[req.method === 'HEAD' ? 'GET' : req.method];
    if (!endpoint) return methodNotAllowed(req.method, req.path, allowedMethods(match.route));
    if (!scopes) return unauthorized(key !== null);
    if (endpoint.scope !== null && !scopes.includes(endpoint.scope)) return missingScopes([endpoint.scope], scopes);
    return endpoint.handle({ req, params: match.params, store: this.store, scopes, newId: randomUUID });
  }
}
