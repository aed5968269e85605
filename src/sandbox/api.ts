import { randomUUID } from 'node:crypto';
import type { StoreLimits } from './budget.js';
import { reshape } from './envelope.js';
import { INACTIVE_KEYS, SANDBOX_KEYS, bearerKey } from './keys.js';
import { RateLimiter } from './rate-limit.js';
import { methodNotAllowed, missingScopes, notFound, rateLimited, unauthorized } from './reply.js';
import { type Route, allowedMethods, buildRoutes, matchRoute } from './router.js';
import { blacklistHandlers } from './routes-blacklists.js';
import { companyHandlers } from './routes-companies.js';
import { orderHandlers } from './routes-orders.js';
import { searchHandlers } from './routes-searches.js';
import { remembered } from './remember.js';
import { Store } from './store.js';
import type { Envelope, RateLimit, SandboxRequest, SandboxResponse } from './types.js';

/** Where the API lives, as on api.openprospect.io. */
export const API_PREFIX = '/api/v1';

/** Every route the simulated API serves, built from the shared endpoint table. */
export const ROUTES: readonly Route[] = buildRoutes({ ...orderHandlers, ...companyHandlers, ...blacklistHandlers, ...searchHandlers });

/** The route of a path under /api/v1, found once per path (handlers only read the parameters). */
const routeOf = remembered((path: string) => matchRoute(ROUTES, path));

/** The key of an Authorization header value, read once per value. */
const keyOf = remembered((header: string) => bearerKey(header));

/** The in-memory OpenProspect API: rate limit, routing, key, scope, then the endpoint itself. */
export class SimulatedApi {
  private readonly store: Store;
  private readonly limiter: RateLimiter;

  constructor(rateLimit: RateLimit, now: () => number, private readonly envelope: Envelope = 'flat', limits?: StoreLimits) {
    this.store = new Store(now, limits);
    this.limiter = new RateLimiter(rateLimit, now);
  }

  /** Records kept and request bytes charged for what clients created. */
  usage(): { records: number; bytes: number } {
    return this.store.usage();
  }

  /** Answers one request; every answer carries the caller's X-RateLimit-* headers. */
  handle(req: SandboxRequest): SandboxResponse {
    const { authorization } = req.headers;
    const key = typeof authorization === 'string' ? keyOf(authorization) : bearerKey(authorization);
    const scopes = key === null ? undefined : SANDBOX_KEYS[key];
    // Unknown keys share their address's quota, so inventing keys does not buy more requests.
    const quota = this.limiter.take(scopes ? `key:${key}` : `addr:${req.remote}`);
    const reply = quota.allowed ? this.route(req, key, scopes) : rateLimited(quota.retryAfter);
    Object.assign(reply.headers, quota.headers);
    return reshape(reply, this.envelope);
  }

  private route(req: SandboxRequest, key: string | null, scopes: readonly string[] | undefined): SandboxResponse {
    if (req.path !== API_PREFIX && !req.path.startsWith(`${API_PREFIX}/`)) {
      return notFound(`No endpoint at ${req.path}: the API lives under ${API_PREFIX} (GET ${API_PREFIX}/orders, for example)`);
    }
    const match = routeOf(req.path.slice(API_PREFIX.length));
    if (!match) return notFound(`No endpoint ${req.method} ${req.path}`);
    const endpoint = match.route.methods[req.method === 'HEAD' ? 'GET' : req.method];
    if (!endpoint) return methodNotAllowed(req.method, req.path, allowedMethods(match.route));
    if (!scopes) return unauthorized(key === null ? 'missing' : INACTIVE_KEYS[key] ?? 'invalid');
    const lacking = endpoint.endpoint.scopes.filter((s) => !scopes.includes(s));
    if (lacking.length > 0) return missingScopes(lacking, scopes);
    return endpoint.handle({ req, params: match.params, store: this.store, scopes, newId: randomUUID });
  }
}
