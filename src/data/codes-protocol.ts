import type { CatalogEntry } from '../core/types.js';

/** Client-side failures where something came back but not a usable HTTP response (status null). */
export const protocolEntries: readonly CatalogEntry[] = [
  {
    code: 'CORRUPTED_TRANSFER', status: null, kind: 'transport',
    summary: 'The response arrived damaged: broken chunked encoding, or a compressed body that does not decompress',
    cause: 'The connection was cut or garbled mid-response (a proxy, load balancer or server restart interrupted it), so the chunk framing or the gzip/deflate stream is invalid.',
    fix: 'Retry with exponential backoff (no Retry-After header exists without a complete response); if it persists, try without the proxy in between, and check whether a POST was applied before repeating it.',
    retry: 'backoff', sources: ['transport'], related: ['CONNECTION_RESET', 'INVALID_HTTP_FRAMING'],
    aliases: ['HPE_INVALID_CHUNK_SIZE', 'HPE_INVALID_EOF_STATE', 'Z_DATA_ERROR', 'Z_BUF_ERROR', 'ERR_STREAM_PREMATURE_CLOSE', 'curl:18', 'curl:61'],
  },
  {
    code: 'INVALID_HTTP_FRAMING', status: null, kind: 'transport',
    summary: 'The response framing is contradictory or malformed, so it cannot be read safely',
    cause: 'The server or a proxy sent conflicting Content-Length and Transfer-Encoding headers, an invalid Content-Length, or malformed or oversized headers: a misconfiguration that the same request meets again.',
    fix: 'Do not retry: report the response framing to whoever runs the server or proxy in between (the headers are rejected to prevent request smuggling), or call the API without that proxy.',
    retry: 'none', sources: ['transport'], related: ['CORRUPTED_TRANSFER', 'NOT_HTTP'],
    aliases: ['HPE_INVALID_TRANSFER_ENCODING', 'HPE_UNEXPECTED_CONTENT_LENGTH', 'HPE_INVALID_CONTENT_LENGTH', 'HPE_INVALID_HEADER_TOKEN',
      'HPE_HEADER_OVERFLOW', 'HPE_LF_EXPECTED', 'HPE_CR_EXPECTED', 'curl:8'],
  },
  {
    code: 'NOT_HTTP', status: null, kind: 'transport',
    summary: 'Something answered on that port, but not an HTTP server',
    cause: 'The base URL points at another service (SSH, a database, a TLS port dialled with http://), so the reply does not start with an HTTP status line.',
    fix: 'Check the scheme, host and port of the base URL (https://api.openprospect.io on 443); repeating the same request gets the same reply.',
    retry: 'none', sources: ['transport'], related: ['INVALID_HTTP_FRAMING', 'TLS_FAILURE', 'CONNECTION_REFUSED'],
    aliases: ['HPE_INVALID_CONSTANT', 'HPE_INVALID_VERSION', 'HPE_INVALID_STATUS', 'HPE_INVALID_METHOD', 'curl:1'],
  },
  {
    code: 'REDIRECT_LOOP', status: null, kind: 'transport',
    summary: 'The server kept redirecting: more than 10 redirects for one request',
    cause: 'Two URLs redirect to each other, or a login or proxy keeps sending the client back, so the request never reaches an answer.',
    fix: 'Do not retry: check the base URL (a missing /api/v1 or http instead of https often causes a loop) and look at the redirect chain, which op-errors lists for each attempt.',
    retry: 'none', sources: ['transport'], related: ['NOT_FOUND', 'NOT_HTTP'],
    aliases: ['ERR_TOO_MANY_REDIRECTS', 'curl:47'],
  },
];
