import { ENDPOINTS, type Endpoint, endpointKey } from '../data/endpoints.js';
import type { Store } from './store.js';
import type { SandboxRequest, SandboxResponse } from './types.js';

/** What a handler gets: the request, the path parameters, the data and the caller's key. */
export interface HandlerContext {
  req: SandboxRequest;
  params: Record<string, string>;
  store: Store;
  /** The scopes of the key that was sent. */
  scopes: readonly string[];
  newId(): string;
}

/** Answers one method of one route. */
export type Handler = (c: HandlerContext) => SandboxResponse;

/** Handlers by `METHOD /path`, the path written as in the endpoint table. */
export type Handlers = Readonly<Record<string, Handler>>;

/** A path under /api/v1 and, per method, the endpoint row and its handler. */
export interface Route {
  segments: string[];
  methods: Record<string, { endpoint: Endpoint; handle: Handler }>;
}

/** A route that matched a path, with the parameters it captured. */
export interface Match {
  route: Route;
  params: Record<string, string>;
}

/**
 * The routes of the endpoint table, each with its handler: the table `doctor` reads is the one served, and
 * a row without a handler (or a handler without a row) fails here, at start-up and in the tests.
 */
export function buildRoutes(handlers: Handlers, endpoints: readonly Endpoint[] = ENDPOINTS): Route[] {
  const routes = new Map<string, Route>();
  for (const endpoint of endpoints) {
    const handle = handlers[endpointKey(endpoint)];
    if (!handle) throw new Error(`no sandbox handler for ${endpointKey(endpoint)}`);
    const route = routes.get(endpoint.path) ?? { segments: split(endpoint.path), methods: {} };
    route.methods[endpoint.method] = { endpoint, handle };
    routes.set(endpoint.path, route);
  }
  const served = new Set(endpoints.map(endpointKey));
  const extra = Object.keys(handlers).filter((k) => !served.has(k));
  if (extra.length > 0) throw new Error(`sandbox handlers missing from the endpoint table: ${extra.join(', ')}`);
  return [...routes.values()];
}

/** The route whose pattern fits `path` (relative to /api/v1), or null; literal segments win over parameters. */
export function matchRoute(routes: readonly Route[], path: string): Match | null {
  const parts = split(path);
  let best: Match | null = null;
  let bestLiterals = -1;
  for (const route of routes) {
    if (route.segments.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let literals = 0;
    let ok = true;
    for (let i = 0; i < parts.length && ok; i++) {
      const seg = route.segments[i];
      if (seg.startsWith('{')) params[seg.slice(1, -1)] = safeDecode(parts[i]);
      else if (seg === parts[i]) literals++;
      else ok = false;
    }
    if (ok && literals > bestLiterals) {
      best = { route, params };
      bestLiterals = literals;
    }
  }
  return best;
}

/** The methods a route takes, HEAD included wherever GET is. */
export function allowedMethods(route: Route): string[] {
  const methods = Object.keys(route.methods);
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}

function split(path: string): string[] {
  return path.split('/').filter((p) => p !== '');
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
