import type { CatalogEntry } from '../core/types.js';

/** Client-side network failures where no HTTP response arrived (status null). */
export const transportEntries: readonly CatalogEntry[] = [
  {
    code: 'CONNECTION_REFUSED', status: null, kind: 'transport',
    summary: 'The server host actively refused the TCP connection',
    cause: 'Nothing is listening on the host and port dialled, e.g. a wrong base URL or port, a proxy that is down, or a server restarting.',
    fix: 'Check the base URL (https://api.openprospect.io, port 443) and any HTTPS_PROXY setting, then retry with exponential backoff (no Retry-After header exists without a response).',
    retry: 'backoff', sources: ['transport'], related: ['DNS_FAILURE', 'NETWORK_TIMEOUT', 'SERVICE_UNAVAILABLE'],
    aliases: ['ECONNREFUSED', 'ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'curl:7'],
  },
  {
    code: 'CONNECTION_RESET', status: null, kind: 'transport',
    summary: 'The connection was closed abruptly while the request was in flight',
    cause: 'A server restart, load balancer, proxy or idle timeout dropped the connection, so the request may or may not have been processed.',
    fix: 'Retry with exponential backoff (no Retry-After header exists without a response); before repeating a POST such as order creation, check GET /api/v1/orders so you do not create a duplicate.',
    retry: 'backoff', sources: ['transport'], related: ['NETWORK_TIMEOUT', 'BAD_GATEWAY', 'TLS_FAILURE'],
    aliases: ['ECONNRESET', 'EPIPE', 'curl:52', 'curl:55', 'curl:56'],
  },
  {
    code: 'NETWORK_TIMEOUT', status: null, kind: 'transport',
    summary: 'No response arrived within the client timeout',
    cause: 'The connect or read took longer than the client allowed (the OpenProspect samples use 30 seconds), because of a slow network or a long-running request.',
    fix: 'Retry with exponential backoff (no Retry-After header exists without a response); for large jobs send fewer records or create the order and poll GET /api/v1/orders/{order_id}, and check whether a timed-out POST succeeded before repeating it.',
    retry: 'backoff', sources: ['transport'], related: ['GATEWAY_TIMEOUT', 'REQUEST_TIMEOUT', 'CONNECTION_RESET'],
    aliases: ['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'curl:28'],
  },
  {
    code: 'DNS_FAILURE', status: null, kind: 'transport',
    summary: 'The API host name could not be resolved to an address',
    cause: 'The host name in the base URL is misspelled, the DNS resolver or proxy is unreachable, or a lookup failed temporarily (EAI_AGAIN).',
    fix: 'Check the host name in the base URL (api.openprospect.io), the proxy settings and the DNS resolver, then retry with exponential backoff (no Retry-After header exists without a response); a transient EAI_AGAIN usually clears.',
    retry: 'backoff', sources: ['transport'], related: ['CONNECTION_REFUSED', 'TLS_FAILURE', 'NETWORK_TIMEOUT'],
    aliases: ['ENOTFOUND', 'EAI_AGAIN', 'curl:5', 'curl:6'],
  },
  {
    code: 'TLS_FAILURE', status: null, kind: 'transport',
    summary: 'The TLS handshake or certificate check failed',
    cause: 'The certificate is invalid, expired, self-signed or issued for another host name, or the handshake failed, often because of a wrong clock or an intercepting corporate proxy.',
    fix: 'Check the system clock, the base URL host name and any corporate proxy; add a corporate root CA with NODE_EXTRA_CA_CERTS, and never disable certificate verification against production.',
    retry: 'none', sources: ['transport'], related: ['DNS_FAILURE', 'CONNECTION_RESET'],
    aliases: ['CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'ERR_TLS_CERT_ALTNAME_INVALID', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'EPROTO', 'ERR_SSL_WRONG_VERSION_NUMBER', 'curl:35', 'curl:51', 'curl:58', 'curl:60'],
  },
];
