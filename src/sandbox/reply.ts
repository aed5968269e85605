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

/** A success whose JSON body is already encoded. */
export function encodedJson(status: number, text: string): SandboxResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: text, label: null };
}

/** An error in the flat envelope `{code, message, ...extra}`, kept as an object so `--envelope` can reshape it. */
export function flatError(status: number, code: string, message: string, extra: Record<string, unknown> = {},
  headers: Record<string, string> = {}): SandboxResponse {
  const error = { code, message, ...extra };
  return { ...json(status, error, headers, code), error };
}

/** An HTML response, as a proxy in front of the API would send it. */
export function html(status: number, page: string, label: string): SandboxResponse {
  return { status, headers: { 'content-type': 'text/html', server: 'nginx' }, body: page, label };
}

/** 404 for an unknown id, in the flat envelope with the id repeated under `<resource>_id`. */
export function resourceNotFound(code: string, resource: string, id: string, idField: string): SandboxResponse {
  return flatError(404, code, `${resource} with identifier ${id} not found`, { resource_type: resource, identifier: id, [idField]: id });
}

/** 404 ENTITY_NOT_FOUND, the documented shape for resources without a code of their own (companies, prospects). */
export function entityNotFound(entity: string, id: string): SandboxResponse {
  const name = entity[0].toUpperCase() + entity.slice(1);
  return flatError(404, 'ENTITY_NOT_FOUND', `${name} with identifier ${id} not found`, { entity_type: entity, identifier: id });
}

/** 404 for something that is not there at all (a route, a recording). */
export function notFound(message: string): SandboxResponse {
  return flatError(404, 'NOT_FOUND', message);
}

/** 400 for a request the sandbox cannot read (a malformed target). */
export function badRequest(message: string): SandboxResponse {
  return flatError(400, 'BAD_REQUEST', message);
}

/** Why a key was refused: none sent, unknown, revoked or expired. */
export type KeyProblem = 'missing' | 'invalid' | 'revoked' | 'expired';

/** When the sandbox's expired test key expired. */
export const EXPIRED_AT = '2026-01-31T23:59:59Z';

/** 401 UNAUTHORIZED with OpenProspect's own messages; the key itself is never echoed. */
export function unauthorized(problem: KeyProblem): SandboxResponse {
  const bodies: Record<KeyProblem, [string, Record<string, unknown>]> = {
    missing: ['Authentication required', { details: { reason: 'no_token' } }],
    invalid: ['Invalid API key', {}],
    revoked: ['API key has been revoked', { details: { reason: 'token_revoked' } }],
    expired: ['API key has expired', { details: { reason: 'token_expired', expired_at: EXPIRED_AT } }],
  };
  const [message, extra] = bodies[problem];
  return flatError(401, 'UNAUTHORIZED', message, extra, { 'www-authenticate': 'Bearer' });
}

/** 403 for a key that lacks a scope the route needs. */
export function missingScopes(required: readonly string[], held: readonly string[]): SandboxResponse {
  return flatError(403, 'AUTHORIZATION_ERROR', `Missing required scopes: ${required.join(', ')}`,
    { details: { required_scopes: [...required], user_scopes: [...held] } });
}

/** 405 with the Allow header listing the methods the route takes. */
export function methodNotAllowed(method: string, path: string, allowed: string[]): SandboxResponse {
  return flatError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path}; allowed: ${allowed.join(', ')}`,
    {}, { allow: allowed.join(', ') });
}

/** 422 with a FastAPI/Pydantic error list: what the docs show for order and blacklist bodies. */
export function validationFailed(detail: PydanticError[]): SandboxResponse {
  return json(422, { detail }, {}, 'VALIDATION_ERROR');
}

/** 422 VALIDATION_ERROR in the flat envelope, for query parameters and the other bodies. */
export function invalidInput(errors: PydanticError[]): SandboxResponse {
  const fields = errors.map((e) => ({ field: e.loc.join('.'), error: e.msg, provided: e.input ?? null }));
  const first = fields[0];
  const message = `Validation failed: ${first.field}: ${first.error}${fields.length > 1 ? ` (and ${fields.length - 1} more)` : ''}`;
  return flatError(422, 'VALIDATION_ERROR', message, { details: { validation_errors: fields } });
}

/** 409 for an edit against a stale version or a reused idempotency key. */
export function conflict(code: string, message: string, extra: Record<string, unknown> = {}): SandboxResponse {
  return flatError(409, code, message, extra);
}

/** 503 with Retry-After. */
export function unavailable(retryAfter: number): SandboxResponse {
  return flatError(503, 'SERVICE_UNAVAILABLE', 'Service temporarily unavailable', {}, { 'retry-after': String(retryAfter) });
}

/** 429 with the documented `retry_after` and a Retry-After header. */
export function rateLimited(retryAfter: number): SandboxResponse {
  return flatError(429, 'RATE_LIMIT_EXCEEDED', `Rate limit exceeded. Retry after ${retryAfter} seconds.`,
    { retry_after: retryAfter }, { 'retry-after': String(retryAfter) });
}

/** 413 for a body past the sandbox's limit. */
export function payloadTooLarge(limitBytes: number): SandboxResponse {
  return flatError(413, 'PAYLOAD_TOO_LARGE', `Request body is larger than ${limitBytes / 1024 / 1024} MiB`);
}

/** 500 for a fault in the sandbox itself, naming the request id. */
export function internalError(requestId: string): SandboxResponse {
  return flatError(500, 'INTERNAL_ERROR', 'An unexpected error occurred', { request_id: requestId });
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
