import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, ScenarioName } from '../../src/sandbox/types.js';
import { sandbox } from './client.js';

const CLIENTS = fileURLToPath(new URL('../fixtures/clients/', import.meta.url));
// The first python3 that imports the module: the one on PATH, else Debian's (python3-requests, python3-httpx).
const pythonWith = (module: string) => ['python3', '/usr/bin/python3']
  .find((python) => spawnSync(python, ['-c', `import ${module}`], { stdio: 'ignore' }).status === 0) ?? null;
const WITH_REQUESTS = pythonWith('requests');
const WITH_HTTPX = pythonWith('httpx');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'op-errors-clients-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  sleeps: number[];
}

function run(file: string, args: string[], env: Record<string, string>): Promise<Run> {
  return new Promise((resolve) => {
    execFile(file, args, { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 15_000 }, (error, stdout, stderr) => {
      const sleeps = [...stderr.matchAll(/^sleep ([\d.]+)$/gm)].map((m) => Number(m[1]));
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr, sleeps });
    });
  });
}

/** Runs a JavaScript or TypeScript sample against a sandbox, its production URL replaced by the sandbox's. */
async function runNode(sample: string, key: string, scenario?: ScenarioName, envelope?: Envelope) {
  const s = await sandbox({ scenario, envelope });
  let source = (await readFile(join(CLIENTS, sample), 'utf8')).replaceAll('https://api.openprospect.io', s.root);
  // The TypeScript sample defines the function only; the harness calls it as the JavaScript one does.
  if (sample.endsWith('.ts')) {
    source = transformSync(source, { loader: 'ts', format: 'esm' }).code
      + `\nconsole.log(JSON.stringify(await requestWithBackoff("${s.root}/api/v1/orders")));\n`;
  }
  const file = join(dir, `${sample}-${Math.random().toString(36).slice(2)}.mjs`);
  await writeFile(file, source);
  const r = await run(process.execPath, ['--import', join(CLIENTS, 'instant-timers.mjs'), file], { OPENPROSPECT_API_KEY: key });
  return { ...r, logs: s.logs };
}

describe('the seeds\' JavaScript and TypeScript samples against serve', () => {
  it('001 fetch sample: lists orders with a good key', async () => {
    const r = await runNode('001-fetch-backoff.mjs', 'lnc_test_full_access');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/total: 3/);
    expect(r.sleeps).toEqual([]);
  });

  it('001 fetch sample: rides out the flaky scenario (503, 503, 200) with the 1 s and 2 s waits it documents', async () => {
    const r = await runNode('001-fetch-backoff.mjs', 'lnc_test_full_access', 'flaky');
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([1000, 2000]);
    expect(r.logs.map((l) => l.split(' → ')[1].split(' ')[0])).toEqual(['503', '503', '200']);
  });

  it('001 fetch sample: gives up after three 503s in an outage, and stops at once on a revoked key', async () => {
    const outage = await runNode('001-fetch-backoff.mjs', 'lnc_test_full_access', 'outage');
    expect(outage.code).not.toBe(0);
    expect(outage.stderr).toContain('OpenProspect request failed after retries');
    expect(outage.logs).toHaveLength(3);
    const revoked = await runNode('001-fetch-backoff.mjs', 'lnc_test_revoked');
    expect(revoked.stderr).toContain('API key has been revoked');
    expect(revoked.logs).toHaveLength(1);
  });

  it('001 TypeScript sample: reads code and message from the flat envelope, and finds neither in the legacy one', async () => {
    const flat = await runNode('001-fetch-backoff.ts', 'lnc_test_expired');
    expect(flat.stderr).toContain('Error: UNAUTHORIZED: API key has expired');
    const legacy = await runNode('001-fetch-backoff.ts', 'lnc_test_expired', undefined, 'legacy');
    expect(legacy.stderr).toContain('Error: undefined: API key has expired');
  });
});

describe('the seeds\' Python samples against serve', () => {
  it.skipIf(!WITH_REQUESTS)('000 resilient_request (requests): backs off on 503s, then raises the 401 its unauthenticated POST gets', async () => {
    const s = await sandbox({ scenario: 'flaky' });
    const r = await run(WITH_REQUESTS as string, [join(CLIENTS, 'run-sample.py'), join(CLIENTS, '000-resilient-request.py'), `${s.root}/api/v1/orders`], {});
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/requests\.exceptions\.HTTPError: 401 Client Error/);
    expect(r.sleeps.map(Math.floor)).toEqual([1, 2]);
    expect(s.logs.map((l) => l.split(' → ')[1].split(' ')[0])).toEqual(['503', '503', '401']);
  });

  it.skipIf(!WITH_HTTPX)('001 request_with_backoff (httpx): lists orders through the flaky scenario', async () => {
    const s = await sandbox({ scenario: 'flaky' });
    const r = await run(WITH_HTTPX as string, [join(CLIENTS, 'run-sample.py'), join(CLIENTS, '001-httpx-backoff.py'), `${s.root}/api/v1/orders`],
      { OPENPROSPECT_API_KEY: 'lnc_test_full_access' });
    expect(r.code).toBe(0);
    expect(r.sleeps).toEqual([1, 2]);
    expect(r.stdout).toContain("'total': 3");
  });
});
