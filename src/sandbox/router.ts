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

/** One method of a route: the scope it needs (null: any valid key) and its handler. */
export interface Endpoint {
  scope: string | null;
  handle: Handler;
}

/** A path under /api/v1 (`:name` marks a parameter) and its methods. */
export interface Route {
  pattern: string;
  methods: Record<string, Endpoint>;
}

/** A route that matched a path, with the parameters it captured. */
export interface Match {
  route: Route;
  params: Record<string, string>;
}

/** The route whose pattern fits `path` (relative to /api/v1), or null. */
export function matchRoute(routes: readonly Route[], path: string): Match | null {
  const parts = path.split('/').filter((p) => p !== '');
  for (const route of routes) {
    const pattern = route.pattern.split('/').filter((p) => p !== '');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < pattern.length && ok; i++) {
      if (pattern[i].startsWith(':')) params[pattern[i].slice(1)] = safeDecode(parts[i]);
      else ok = pattern[i] === parts[i];
    }
    if (ok) return { route, params };
  }
  return null;
}

/** The methods a route takes, HEAD included wherever GET is. */
export function allowedMethods(route: Route): string[] {
  const methods = Object.keys(route.methods);
  return methods.includes('GET') ? [...methods, 'HEAD'] : methods;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
