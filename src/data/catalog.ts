import { Catalog } from '../core/catalog.js';
import { authEntries } from './codes-auth.js';
import { requestEntries } from './codes-request.js';
import { resourceEntries } from './codes-resource.js';
import { serverEntries } from './codes-server.js';
import { protocolEntries } from './codes-protocol.js';
import { transportEntries } from './codes-transport.js';
import { HTTP_GENERIC_CODES, httpEntries } from './codes-http.js';
import { FIELD_FIXES } from './field-fixes.js';

/** The generic code for each HTTP error status: used when a body names no code of its own. */
export const GENERIC_CODES: Readonly<Record<number, string>> = {
  ...HTTP_GENERIC_CODES,
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  408: 'REQUEST_TIMEOUT',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'UNPROCESSABLE_ENTITY',
  429: 'RATE_LIMIT_EXCEEDED',
  500: 'INTERNAL_ERROR',
  502: 'BAD_GATEWAY',
  503: 'SERVICE_UNAVAILABLE',
  504: 'GATEWAY_TIMEOUT',
};

/** Every built-in entry. */
export const ENTRIES = [...authEntries, ...requestEntries, ...resourceEntries, ...serverEntries, ...transportEntries, ...protocolEntries, ...httpEntries];

/** The built-in catalog. */
export const defaultCatalog = new Catalog(ENTRIES, GENERIC_CODES, FIELD_FIXES);
