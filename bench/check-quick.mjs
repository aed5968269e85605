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
  const sections = ['## Startup', '## Throughput of `classify --json`', '## `call` against `serve` on loopback', '## Retry timing', '## `serve` under load', '## `replay` of a large HAR'];
  for (const section of sections) if (!doc.includes(section)) problems.push(`the report lacks the section "${section}"`);
  if (!/\| bare `node:http`, same JSON \| \d+ \| \d+ \|/.test(doc)) problems.push('the report lacks the bare server beside serve');
}
rmSync(dir, { recursive: true, force: true });
for (const p of problems) console.error(`bench check: ${p}`);
console.log(problems.length === 0 ? 'bench check: every section written' : 'bench check: failed');
process.exitCode = problems.length === 0 ? 0 : 1;
