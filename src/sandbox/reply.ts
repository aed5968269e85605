import type { PydanticError } from './pydantic.js';
import { readEnvelope } from '../core/envelope.js';
import { tryParseJson } from '../core/json-scanner.js';
import type { SandboxResponse } from './types.js';

/** A JSON response; the label is the body's code unless given. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}, label?: string | null): SandboxResponse {
  const text = body === undefined ? '' : JSON.stringify(body);
  const type: Record<string, string> = body === undefined ? {} : { 'content-type': 'application/json' };
  return { status, headers: { ...type, ...headers }, body: text, label: label !== undefined ? label : status < 400 ? null : codeOf(text) };
}

/** An HTML response, as a proxy in front of the API would send it. */
export function html(status: number, page: string, label: string): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html', server: 'nginx' }, body: page, label };
}

/** 404 for an unknown id, in the flat envelope with the id repeated under `<resource>_id`. */
export function resourceNotFound(code: string, resource: string, id: string, idField: string): SandboxResponse {
  return json(404, {
    code, message: `${resource} with identifier ${id} not found`, resource_type: resource, identifier: id, [idField]: id,
  });
}

/** 404 for something that is not there at all (a route, a recording). */
export function notFound(message: string): SandboxResponse {
  return json(404, { code: 'NOT_FOUND', message });
}

/** 401 for a missing or unknown key; the key itself is never echoed. */
export function unauthorized(sent: boolean): SandboxResponse {
  const message = sent
    ? 'Invalid API key (the sandbox accepts lnc_test_full_access and lnc_test_read_only)'
    : 'Unauthorized: No authentication provided';
  return json(401, { code: 'UNAUTHORIZED', message }, { 'www-authenticate': 'Bearer' });
}

/** 403 for a key that lacks a scope the route needs. */
export function missingScopes(required: string[], held: readonly string[]): SandboxResponse {
  return json(403, {
    code: 'AUTHORIZATION_ERROR', message: `Missing required scopes: ${required.join(', ')}`,
    details: { required_scopes: required, user_scopes: [...held] },
  });
}

/** 405 with the Allow header listing the methods the route takes. */
export function methodNotAllowed(method: string, path: string, allowed: string[]): SandboxResponse {
  return json(405, {
    code: 'METHOD_NOT_ALLOWED', message: `Method ${method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
  }, { allow: allowed.join(', ') });
}

/** 422 with a FastAPI/Pydantic error list. */
export function validationFailed(detail: PydanticError[]): SandboxResponse {
  return json(422, { detail }, {}, 'VALIDATION_ERROR');
}

/** 503 in the nested envelope, with Retry-After. */
export function unavailable(retryAfter: number): SandboxResponse {
  return json(503, { error: { code: 'SERVICE_UNAVAILABLE', message: 'Service temporarily unavailable' } },
    { 'retry-after': String(retryAfter) });
}

/** 429 in the documented `error`-as-code envelope, with Retry-After. */
export function rateLimited(retryAfter: number): SandboxResponse {
  return json(429, {
    error: 'RATE_LIMIT_EXCEEDED', message: `Rate limit exceeded. Retry after ${retryAfter} seconds.`, retry_after: retryAfter,
  }, { 'retry-after': String(retryAfter) });
}

/** 413 for a body past the sandbox's limit. */
export function payloadTooLarge(limitBytes: number): SandboxResponse {
  return json(413, { code: 'PAYLOAD_TOO_LARGE', message: `Request body is larger than ${limitBytes / 1024 / 1024} MiB` });
}

/** 500 for a fault in the sandbox itself, naming the request id. */
export function internalError(requestId: string): SandboxResponse {
  return json(500, {
    error: { code: 'INTERNAL_ERROR', message: 'An unexpected error occurred', details: { request_id: requestId } },
  });
}

const page = (title: string) =>
  `<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>`;

/** nginx's own 502 page. */
export const BAD_GATEWAY_PAGE = page('502 Bad Gateway');

/** nginx's own 504 page. */
export const GATEWAY_TIMEOUT_PAGE = page('504 Gateway Time-out');

/** The code a body states, read as the classifier reads it, for the request log; null when none. */
export function codeOf(body: string): string | null {
  if (!body.startsWith('{')) return null;
  const parsed = tryParseJson(body);
  return parsed === undefined ? null : readEnvelope(parsed).code;
}
