// Type-checks and runs the vitest suite at the same time (tsc fills the gaps while vitest builds and while
// its last files finish), and ends with the plain "N passed, N failed" line that CI reads.
import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const report = '.vitest-report.json';
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
const env = { ...process.env, NO_COLOR: '1' };
delete env.FORCE_COLOR;
rmSync(report, { force: true });

/** Runs a child to its end; resolves with its exit status and, when `capture`, its output. */
function runChild(args, capture) {
  const child = spawn(process.execPath, args, { stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'], env });
  let output = '';
  if (capture) for (const s of [child.stdout, child.stderr]) s.on('data', (d) => (output += d));
  return new Promise((resolve) => child.on('close', (status) => resolve({ status, output })));
}

const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
// The type-check's output is held back so that it does not interleave with vitest's.
const typecheck = runChild([tsc, '-p', 'tsconfig.test.json'], true);
const run = await runChild(
  [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)],
  false,
);
const types = await typecheck;
if (types.status !== 0) process.stdout.write(`\ntype-check (tsc -p tsconfig.test.json) failed:\n${types.output}`);
let passed = 0;
let failed = 0;
let skipped = 0;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  // A file that fails before running any test (a syntax or import error) counts as one failure.
  const brokenFiles = (json.testResults ?? []).filter((f) => f.status === 'failed' && f.assertionResults.length === 0);
  failed = json.numFailedTests + brokenFiles.length;
  skipped = (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0);
} catch {
  failed = Math.max(failed, 1);
}
if (run.status !== 0 && failed === 0) failed = 1;
// A type error counts as one failure: the suite is not green while tsc rejects the code.
if (types.status !== 0) failed += 1;
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed > 0 || run.status !== 0 ? 1 : 0;
