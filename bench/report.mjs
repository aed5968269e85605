// docs/performance.md from the figures of one run of bench/run.mjs: the goals of issue 13 first, each with
// its peer from the same run and the command that reproduces it, then each section's table, then what each
// change gained.
import { cpus } from 'node:os';

/**
 * A goal row: `goal` says what is promised, `figure` and `peer` what this run measured, `ratio` the figure
 * against the peer as the goal states it, `met` true, false, or null when the run did not measure it.
 */
const goalRow = (g) => `| ${g.goal} | ${g.figure} | ${g.peer} | ${g.ratio} | ${g.met === null ? 'not measured' : g.met ? '**met**' : '**missed**'} | ${g.reproduce} |`;

/** The goals table. */
export function goalsTable(goals) {
  return ['| Goal | This run | Peer, same run | Ratio | | Reproduce |', '| --- | --- | --- | --- | --- | --- |', ...goals.map(goalRow)].join('\n');
}

/** The whole report; `sections` holds each benchmark's result, null for one that was not run. */
export function renderReport({ quick, goals, startup: s, throughput: t, call: c, retry: r, serve: l, replay: h }) {
  const part = (result, text) => (result ? text() : '');
  return `# Performance

Measured by \`npm run bench\` (\`bench/run.mjs\`) on ${new Date().toISOString().slice(0, 10)}: Node ${process.version},
${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}). Commands are run interleaved, round by round in a
rotating order, so machine noise falls on all of them alike; medians and spreads are reported, and each goal
is a ratio measured in the same run. On a shared 2-core machine whole runs still move by 10–30% from one to
the next, so read the ratios, not the absolute times.${quick ? ' **Quick mode: small sizes and few runs; the figures are only a smoke test.**' : ''}

## The goals of issue 13

${goalsTable(goals)}

\`node bench/run.mjs --only startup,throughput,call,retry,serve,replay\` runs some sections and prints their goals.
${part(s, () => `
## Startup

${s.rounds} interleaved rounds.

${s.table.join('\n')}

The two floors show what any Node CLI pays before its first line runs: loading a file at all, and loading it
as an ES module. op-errors starts from a CommonJS file (\`bin/op-errors.js\`) that compiles one bundle with a V8
code cache, so the CommonJS floor is its floor. What op-errors adds on top of it (its own code, commander,
writing the answer) is ${s.added.map((a) => `${a.ms.toFixed(0)} ms for \`${a.name.replace('op-errors ', '')}\``).join(', ')}.
`)}${part(t, () => `
## Throughput of \`classify\`

Generated NDJSON logs with a realistic mix of every envelope shape (\`bench/gen-ndjson.mjs\`). op-errors writes
the full classification of each line (code, rule, fix, fields, details: about four times the input), jq only
\`{code}\`.

${t.table.join('\n')}

Reproduce: \`node bench/gen-ndjson.mjs log.ndjson 100 && node bin/op-errors.js classify --json log.ndjson > /dev/null\`
against \`jq -c '{code}' log.ndjson > /dev/null\`, each under \`/usr/bin/time -f %M\`.
`)}${part(c, () => `
## \`call\` against \`serve\` on loopback

\`op-errors serve --rate-limit off\` in its own process; \`call GET /orders\` against it, curl on the same URL,
and bare node, interleaved. The budget is \`node -e 0\` plus curl's own time (${c.budget.toFixed(1)} ms).

${c.table.join('\n')}
`)}${part(r, () => `
## Retry timing

A scripted loopback server answers 503 with \`Retry-After: 1\`, two 503s without, then 200;
\`call --retry 4 --json\` logs each wait, and the server notes when each request arrives. The difference
includes the request's own round trip. Goal: within 20 ms of the logged wait — ${r.met ? '**met**' : '**missed**'} (worst ${r.worst.toFixed(1)} ms).

${r.table.join('\n')}
`)}${part(l, () => `
## \`serve\` under load

autocannon (a dev dependency), 50 concurrent keep-alive connections on \`GET /api/v1/orders?limit=5\` with a
valid key, the request log going to /dev/null; and a bare \`node:http\` server in its own process answering
every request with the JSON \`serve\` gave. ${l.rounds} rounds, alternating which goes first.

${l.table.join('\n')}

The test suite also holds 200 concurrent keep-alive clients, 5 requests each (more with
\`OP_ERRORS_LOAD_ROUNDS\`), with no failed request: \`test/sandbox/load.test.ts\`.
`)}${part(h, () => `
## \`replay\` of a large HAR

HARs of failed GETs, each with its own request id (\`bench/gen-har.mjs\`), replayed without \`--retry\`, beside
Node reading and parsing the whole HAR at once (fast, in memory that grows with the file). Peak RSS still
moves a little with the size because V8 grows its heap lazily when memory is plentiful; under
\`--max-old-space-size=48\` a HAR of 400,000 entries replays in about 100 MB, table or \`--json\`.

${h.table.join('\n')}
`)}
## What each change gained

Measured while other work shared the machine, so as ratios against a peer in the same interleaved run, or as
CPU time (user + system, which load does not inflate as much as wall time). All together, in one interleaved
run of 15 rounds against the code before these changes: \`explain\` 1.25x to 1.15x \`node -e 0\` (51.7 ms),
\`classify\` of one response 1.34x to 1.20x, \`--help\` 1.30x to 1.18x; \`call\` against \`serve\` 1.72x to 1.32x
of \`node -e 0\` plus curl (12 rounds).

- **Startup.** Built-ins that every start loaded but few commands use (child_process, which commander requires,
  and with it net and the stream modules; fs/promises, os, tty) load on first use, /dev/null is recognised as
  no terminal without node:tty, and the config search takes the home folder from HOME: \`explain\` 68.3 to
  62.3 ms, \`--help\` 69.9 to 65.5 ms beside \`node -e 0\` at 55.1 ms. \`classify\` reads files with fs.read
  instead of a read stream and touches stdin only for \`-\`: 68 to 61 ms of CPU (\`node -e 0\` 50 ms). The code
  cache holds explain, classify and --help as run, a command line that names a command builds only that one,
  and the version is written into the bundle: CPU per start 1.24x to 1.11x \`node -e 0\` for explain, 1.33x to
  1.13x for classify, 1.26x to 1.13x for --help.
- **\`call\`.** got's HTTP/2, TLS and zlib modules load when a request needs them (requiring got: 40 to 25 ms
  under load); got is compiled from a code cache of its own (1.68x to 1.43x of node + curl, same run); the
  Intl list formats of got's type checks are built when a message needs them (9 ms); masking skips its
  escaped-forms expression for text without escapes (3 ms with a key in the environment). CPU of one call:
  108 to 82 ms, \`node -e 0\` 53 ms.
- **\`serve\`.** A bodiless request is answered without a promise, its headers in one writeHead, the request
  log written once per tick, and order JSON encoded once: CPU per request 29–34 µs to 19–21 µs, where the bare
  \`node:http\` server takes 10–13 µs (from /proc over 60,000 requests per round). Request targets, routes
  and keys parsed once per distinct value: 19.3 to 18.2 µs. What is left is mostly node:http's own work for
  the headers the API sends (request id, rate limit) and garbage collection; on two shared cores the load
  generator and the server compete, so the ratio of requests per second moves from run to run more than the
  CPU per request does.
- **\`replay --json\`** writes its records in batches of 256 calls: system time on 100,000 entries 0.23–0.56 s
  to 0.14–0.19 s.
- **\`classify\`** (its own commits): 256 KB reads and catalog look-ups cached by spelling, about 12% less CPU
  on a 100 MB log; human output 1.46x the CPU of \`--json\`, was 2.0x, then 1.32x once a code's fix is looked
  up by its own text instead of a JSON key built for every line; \`--jobs\` splits a file over the cores,
  in pieces of 256 KB rather than 512 KB: peak RSS on 1 GB 200–207 MB to 181 MB, at the same speed within noise.
- **The package.** The bundle's source map leaves out the bundled packages' code: 350 to 334 kB packed.
`;
}
