import { SCENARIOS } from '../core/config-schema.js';
import { parseMs, parsePort, parseRate, parseRateLimit } from '../core/option-values.js';
import { defineCommand } from './definition.js';
import { ENVELOPES } from '../sandbox/types.js';
import type { ServeOptions } from './serve.js';

/** `serve`: the local OpenProspect-like sandbox. */
export const serveCommand = defineCommand<ServeOptions>({
  name: 'serve',
  description: 'run a local OpenProspect-like API (test keys, seeded data, scripted failures) to try clients against',
  arguments: [],
  options: [
    { key: 'port', value: '<n>', description: 'port on 127.0.0.1 (0 picks a free one)', parse: parsePort, default: 4010 },
    { key: 'scenario', value: '<name>', description: 'script a failure mode', choices: SCENARIOS, conflicts: ['cassette'] },
    { key: 'failRate', value: '<0..1>', description: 'share of requests that answer 503, on top of the scenario', parse: parseRate },
    { key: 'cassette', value: '<file>', description: 'replay the responses recorded in an op-errors cassette or a HAR file' },
    { key: 'slowMs', value: '<ms>', description: 'delay of each response with --scenario slow (default: 35000)', parse: parseMs },
    { key: 'envelope', value: '<shape>', description: 'error body shape: flat {code,message}, nested {error:{code}}, legacy {error:CODE}', choices: ENVELOPES, default: 'flat', layered: true },
    { key: 'rateLimit', value: '<n/s>', description: 'requests per window per key, e.g. 120/60 (the default), or off', parse: parseRateLimit },
  ],
  help: `
The sandbox listens on 127.0.0.1 only and serves /api/v1 like api.openprospect.io, with data in memory.
Keys: lnc_test_full_access (every scope) and lnc_test_read_only (the :read scopes); lnc_test_revoked and
lnc_test_expired answer 401 with their own bodies. 120 requests per minute per key. Each request is
logged on stderr; Ctrl-C stops it.

Scenarios:
  flaky         each method and path answers 503, 503, then normally, and again
  rate-limited  3 requests per 10 s per key, then 429 with Retry-After
  outage        every request answers 503 with Retry-After: 5
  slow          every response is delayed by --slow-ms (default 35 s, past a 30 s client timeout)
  reset         every other request has its connection dropped
  gateway       nginx's HTML 502 and 504 pages, alternately

Examples:
  $ op-errors serve
  $ OPENPROSPECT_API_KEY=lnc_test_full_access op-errors call GET /orders --base-url http://127.0.0.1:4010/api/v1
  $ op-errors serve --scenario flaky     # then: op-errors call GET /orders --retry 3 --base-url ...
  $ op-errors serve --port 0 --json      # prints {"url": ..., "port": ...} on stdout
  $ op-errors serve --cassette incident.json
  $ op-errors serve --fail-rate 0.2
  $ op-errors serve --envelope legacy   # errors as {"error": "CODE", "message": ...}
  $ op-errors serve --rate-limit off      # e.g. to load-test your own client`,
  load: async () => {
    const { runServe } = await import('./serve.js');
    return { run: runServe };
  },
});
