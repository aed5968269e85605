// The benchmark's smoke test, run by .ci/run after `npm test` (it takes about 15 s, too long for the unit
// suite): runs every benchmark in quick mode and checks that each section of the report is written.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = mkdtempSync(join(tmpdir(), 'op-bench-quick-'));
const out = join(dir, 'performance.md');
const run = spawnSync(process.execPath, [fileURLToPath(new URL('run.mjs', import.meta.url)), '--quick', '--out', out],
  { stdio: ['ignore', 'inherit', 'inherit'], timeout: 180_000 });
const problems = [];
if (run.status !== 0) problems.push(`bench/run.mjs --quick exited with ${run.status ?? run.signal}`);
else {
  const doc = readFileSync(out, 'utf8');
  const sections = ['## The goals of issue 13', '## Startup', '## Throughput of `classify`', '## `call` against `serve` on loopback', '## Retry timing',
    '## `serve` under load', '## `replay` of a large HAR', '## What each change gained'];
  for (const section of sections) if (!doc.includes(section)) problems.push(`the report lacks the section "${section}"`);
  if (!/\| bare `node:http`, same JSON \| \d+ \(\d+ – \d+\) \|/.test(doc)) problems.push('the report lacks the bare server beside serve');
  // Every goal row names its figure and the peer from the same run, or says it was not measured.
  const goals = doc.split('## The goals of issue 13')[1]?.split('\n## ')[0].split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Goal') && !l.startsWith('| ---')) ?? [];
  if (goals.length < 8) problems.push(`the report lists ${goals.length} goals, fewer than issue 13 has`);
  for (const g of goals) if (!/\*\*(met|missed)\*\*|not measured/.test(g)) problems.push(`a goal without its verdict: ${g}`);
}
rmSync(dir, { recursive: true, force: true });
for (const p of problems) console.error(`bench check: ${p}`);
console.log(problems.length === 0 ? 'bench check: every section written' : 'bench check: failed');
process.exitCode = problems.length === 0 ? 0 : 1;
