import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const RUN = fileURLToPath(new URL('../bench/run.mjs', import.meta.url));

describe('npm run bench (quick mode)', () => {
  it('runs every benchmark on small sizes and writes every section', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'op-bench-test-')), 'performance.md');
    const r = spawnSync(process.execPath, [RUN, '--quick', '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const doc = readFileSync(out, 'utf8');
    for (const section of ['## Startup', '## Throughput of `classify --json`', '## `call` against `serve` on loopback', '## Retry timing', '## `serve` under load']) {
      expect(doc).toContain(section);
    }
    expect(doc).toMatch(/\| 50 \| 2 s \| \d+ \| \d+ \|/);
  }, 120_000);
});
