import { SCENARIOS } from '../core/config-schema.js';
import { parseSeconds } from '../core/option-values.js';
import { DEFAULT_SETTINGS } from '../core/settings.js';
import type { CallFlags } from './call-request.js';
import { defineCommand } from './definition.js';
import { RETRY_OPTIONS } from './retry-options.js';

/** `call <method> <path>`: one API call, classified, retried when it can help. */
export const callCommand = defineCommand<CallFlags>({
  name: 'call',
  description: 'call the OpenProspect API, classify the result, and retry with backoff when it can help',
  arguments: [
    { key: 'method', name: 'method', description: 'GET, POST, PUT, PATCH, DELETE, HEAD or OPTIONS (default: GET, or POST with a body)' },
    { key: 'target', name: 'path', description: 'a path joined to the base URL (e.g. /orders), or a full URL' },
  ],
  options: [
    { key: 'request', short: 'X', value: '<method>', description: 'the method, as curl takes it' },
    { key: 'data', short: 'd', value: '<json>', description: 'request body: JSON text, @file, or @- for stdin (checked before sending); a piped stdin is the body when no -d is given', conflicts: ['rawField', 'field'] },
    { key: 'rawField', short: 'f', value: '<key=value>', description: 'a string field of a JSON body (a query parameter with GET); key[sub] and key[] nest', repeatable: true },
    { key: 'field', short: 'F', value: '<key=value>', description: 'a typed field: true, false, null and integers become JSON values, @file reads a file', repeatable: true },
    { key: 'header', short: 'H', value: '<header>', description: 'extra header "Name: value"', repeatable: true },
    { key: 'query', short: 'q', value: '<key=value>', description: 'query parameter', repeatable: true },
    { key: 'baseUrl', value: '<url>', description: 'base URL for paths (env OPENPROSPECT_BASE_URL, config baseUrl)', default: DEFAULT_SETTINGS.baseUrl, layered: true },
    { key: 'timeout', value: '<seconds>', description: 'timeout of each attempt', parse: parseSeconds, default: DEFAULT_SETTINGS.timeout, layered: true },
    { key: 'include', short: 'i', description: 'show the response headers' },
    { key: 'output', short: 'o', value: '<file>', description: 'write the response body (any size, secrets masked) to this file; the classification still prints' },
    { key: 'silent', short: 's', description: 'print nothing but errors', conflicts: ['verbose'] },
    { key: 'verbose', short: 'v', description: 'print each request and response header curl-style on stderr (secrets masked)' },
    { key: 'paginate', description: 'follow limit/offset/has_more to the last page, printing items as they come (--json: one page per line)' },
    { key: 'bodyOnly', description: 'print only the response body (pretty JSON), e.g. to pipe into jq', conflicts: ['body'] },
    { key: 'body', negate: true, description: 'leave the response body out' },
    { key: 'auth', negate: true, description: 'send no API key' },
    { key: 'insecureHttp', description: 'allow sending the key over plain http to a host other than this machine' },
    { key: 'idempotencyKey', value: '<key>', description: 'send Idempotency-Key (auto: a new UUID, kept across attempts) so POST/PATCH may be retried' },
    { key: 'record', value: '<file>', description: 'append every attempt (secrets masked) to this cassette file' },
    { key: 'sandbox', value: '[scenario]', description: 'call the built-in sandbox (no key or network needed), optionally with a fault scenario', choices: SCENARIOS, conflicts: ['baseUrl'] },
    ...RETRY_OPTIONS,
  ],
  help: `
The key is read from OPENPROSPECT_API_KEY (or the variable named by the config key apiKeyEnv) and sent as
Authorization: Bearer. Retries happen only for outcomes whose rule is backoff (429, 5xx, network failures);
POST and PATCH are retried only on 429 or a refused connection unless they carry an Idempotency-Key.
Every retry step is logged on stderr before the wait.

Examples:
  $ op-errors call /orders
  $ op-errors call /orders --paginate --json | jq -c '.body.items[]'
  $ cat order.json | op-errors call POST /orders
  $ op-errors call /orders -f title='Q3 leads' -F companies[]=42      # POST {"title": ..., "companies": [42]}
  $ op-errors call -v /auth/validate                                 # headers curl-style on stderr, key masked
  $ op-errors call GET /orders -q limit=10 --retry 5
  $ op-errors call POST /orders -d @order.json --retry 3 --idempotency-key auto
  $ op-errors call GET /auth/validate --json | jq .body.scopes
  $ op-errors call GET /orders --retry 5 --record incident.json
  $ op-errors call GET /orders --sandbox flaky --retry 3      # no key, no network: the built-in sandbox`,
  load: async () => {
    const { runCall } = await import('./call.js');
    return { run: runCall };
  },
});
