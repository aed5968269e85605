// Runs the benchmarks and writes docs/performance.md (or --out FILE). --quick runs small sizes for CI;
// --only a,b runs those sections and prints their goals (writing the report only with --out).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { callVsCurl, retryTiming } from './network.mjs';
import { replayHar, serveVsBare } from './peers.mjs';
import { goalsTable, renderReport } from './report.mjs';
import { startup } from './startup.mjs';
import { throughput } from './throughput.mjs';
import { fmt } from './lib.mjs';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const only = option('--only')?.split(',');
const out = option('--out') ?? (only ? undefined : fileURLToPath(new URL('../docs/performance.md', import.meta.url)));
const bin = fileURLToPath(new URL('../bin/op-errors.js', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'op-bench-'));
const log = (s) => process.stderr.write(`bench: ${s}\n`);

const SECTIONS = {
  startup: () => startup({ bin, tmp, rounds: quick ? 3 : 30 }),
  throughput: () => throughput({ bin, tmp, sizesMb: quick ? [1, 3] : [10, 100, 1024], runs: quick ? 1 : 3 }),
  call: () => callVsCurl({ bin, rounds: quick ? 3 : 20 }),
  retry: () => retryTiming({ bin, runs: quick ? 1 : 3 }),
  serve: () => serveVsBare({ bin, seconds: quick ? 1 : 10, rounds: quick ? 2 : 5 }),
  // Past 8 MB (30,000 entries) a HAR is streamed: every size here is, so memory is compared like for like.
  replay: () => replayHar({ bin, tmp, sizes: quick ? [40_000, 80_000] : [50_000, 100_000, 200_000] }),
};
const unknown = (only ?? []).filter((name) => !(name in SECTIONS));
if (unknown.length > 0) {
  console.error(`bench: unknown section ${unknown.join(', ')} (sections: ${Object.keys(SECTIONS).join(', ')})`);
  process.exit(2);
}

/**
 * The goals of classify's throughput, from what bench/throughput.mjs returns (its own `goals` when it has
 * them): per size, `floor`, `one` (--jobs 1), `o` (every core) and `j` (jq), and `modes` with the human form.
 */
function throughputGoals(t) {
  if (t.goals) return t.goals;
  const big = (r) => quick || r.mb >= 100;
  const log = (mb) => `\`node bench/gen-ndjson.mjs log.ndjson ${mb}\``;
  const goals = [];
  for (const r of t.rows.filter(big)) {
    if (r.floor) {
      goals.push({
        goal: `\`classify --json\` ≤ 1.5x the JS floor on ${r.mb} MB`, figure: `${fmt(r.one.median)} (one thread)`, peer: `floor ${fmt(r.floor.median)}`,
        ratio: `${(r.one.median / r.floor.median).toFixed(2)}x`, met: r.one.median / r.floor.median <= 1.5,
        reproduce: `${log(r.mb)}, then \`node bench/floor.mjs log.ndjson\` and \`node bin/op-errors.js classify --json --jobs 1 log.ndjson > /dev/null\``,
      });
    }
    if (r.j) {
      goals.push({
        goal: `\`classify --json\` ≥ 2x faster than jq on ${r.mb} MB`, figure: fmt(r.o.median), peer: `jq ${fmt(r.j.median)}`,
        ratio: `${(r.j.median / r.o.median).toFixed(2)}x`, met: r.j.median / r.o.median >= 2,
        reproduce: `${log(r.mb)}, then \`node bin/op-errors.js classify --json log.ndjson > /dev/null\` and \`jq -c '{code}' log.ndjson > /dev/null\``,
      });
    }
    if (r.one) {
      goals.push({
        goal: `\`classify --json\` on every core ≥ 1.7x one thread on ${r.mb} MB`, figure: fmt(r.o.median), peer: `--jobs 1 ${fmt(r.one.median)}`,
        ratio: `${(r.one.median / r.o.median).toFixed(2)}x`, met: r.one.median / r.o.median >= 1.7,
        reproduce: `${log(r.mb)}, then \`classify --json\` with and without \`--jobs 1\``,
      });
    }
  }
  for (const m of t.modes ?? []) {
    goals.push({
      goal: `human \`classify\` ≤ 1.5x \`--json\` on ${m.mb} MB`, figure: fmt(m.human.median), peer: `--json ${fmt(m.json.median)}`,
      ratio: `${(m.human.median / m.json.median).toFixed(2)}x`, met: m.human.median / m.json.median <= 1.5,
      reproduce: `${log(m.mb)}, then \`classify --jobs 1\` with and without \`--json\``,
    });
  }
  const [first, last] = [t.rows[0], t.rows[t.rows.length - 1]];
  const peak = Math.max(...t.rows.map((r) => r.opRss));
  goals.push({
    goal: '`classify --json` peak RSS flat and under 200 MB', figure: `${peak.toFixed(0)} MB at most`,
    peer: `${first.opRss.toFixed(0)} MB on ${first.mb} MB, ${last.opRss.toFixed(0)} MB on ${last.mb} MB`,
    ratio: `${(last.opRss / first.opRss).toFixed(2)}x`, met: peak < 200 && last.opRss < 1.5 * first.opRss, reproduce: 'as above, under `/usr/bin/time -f %M`',
  });
  if (!t.modes) goals.push({ goal: 'human `classify` ≤ 1.5x `--json`', figure: '', peer: '', ratio: '', met: null, reproduce: '' });
  return goals;
}

try {
  const results = {};
  for (const [name, measure] of Object.entries(SECTIONS)) {
    if (only && !only.includes(name)) continue;
    log(name);
    results[name] = await measure();
  }
  const goals = Object.entries(results).flatMap(([name, r]) => (name === 'throughput' ? throughputGoals(r) : r.goals ?? []));
  if (out) {
    writeFileSync(out, renderReport({ quick, goals, ...results }));
    log(`wrote ${out}`);
  } else console.log(goalsTable(goals));
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
