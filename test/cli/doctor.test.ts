import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '../../src/commands/context.js';
import { runDoctor } from '../../src/commands/doctor.js';
import { type Sandbox, startSandbox } from '../../src/sandbox/sandbox.js';
import { createTestIo } from '../helpers/io.js';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0 });
});
afterAll(() => sandbox.close());

async function doctor(key: string | undefined, json = true, now?: number) {
  const env: Record<string, string> = { XDG_CONFIG_HOME: '/nonexistent', OPENPROSPECT_BASE_URL: sandbox.url };
  if (key !== undefined) env.OPENPROSPECT_API_KEY = key;
  const io = createTestIo({ env });
  io.now = () => now ?? Date.now();
  const code = await runDoctor({ timeout: 5 }, await createContext(io, { json }));
  return { code, out: io.stdout(), err: io.stderr(), json: json ? JSON.parse(io.stdout()) : null };
}

describe('op-errors doctor against the sandbox', () => {
  it('passes every check for the full-access key and lists every endpoint as open', async () => {
    const r = await doctor('lnc_test_full_access');
    expect(r.code).toBe(0);
    expect(r.json.checks.map((c: { name: string; ok: boolean }) => [c.name, c.ok])).toEqual([
      ['key set', true], ['base URL', true], ['key valid', true], ['clock', true]]);
    expect(r.json.endpoints.every((e: { open: boolean }) => e.open)).toBe(true);
  });

  it('shows which endpoints a read-only key closes', async () => {
    const r = await doctor('lnc_test_read_only', false);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/closed +│ POST \/api\/v1\/orders +│ orders:write/);
    expect(r.out).toMatch(/open +│ GET \/api\/v1\/orders /);
    expect(r.out).toContain('All checks passed.');
  });

  it('fails with the fix for a missing, malformed or unknown key, and for a skewed clock', async () => {
    const missing = await doctor(undefined, false);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/✖ key set +OPENPROSPECT_API_KEY is not set\n +Fix +export OPENPROSPECT_API_KEY=lnc_live_/);
    const odd = await doctor('lnc_test_has space');
    expect(odd.json.checks[0]).toMatchObject({ ok: false, fix: expect.stringContaining('no quotes, spaces') });
    const unknown = await doctor('lnc_test_nobodyknowsme');
    expect(unknown.json.checks.find((c: { name: string }) => c.name === 'key valid')).toMatchObject({ ok: false, fix: expect.stringContaining('Settings > Developer > API Keys') });
    expect(unknown.out).not.toContain('lnc_test_nobodyknowsme');
    const skewed = await doctor('lnc_test_full_access', true, Date.now() + 120_000);
    expect(skewed.json.checks.find((c: { name: string }) => c.name === 'clock')).toMatchObject({ ok: false, detail: expect.stringMatching(/12\d s ahead/) });
  });

  it('fails the base URL check with the network error when nothing listens', async () => {
    const io = createTestIo({ env: { OPENPROSPECT_API_KEY: 'lnc_test_full_access', XDG_CONFIG_HOME: '/x' } });
    const code = await runDoctor({ timeout: 2, baseUrl: 'http://127.0.0.1:9/api/v1' }, await createContext(io, { json: true }));
    expect(code).toBe(1);
    expect(JSON.parse(io.stdout()).checks[1]).toMatchObject({ name: 'base URL', ok: false, fix: expect.stringContaining('ECONNREFUSED') });
  });
});

describe('doctor usage errors', () => {
  it('rejects a base URL that is not a URL with exit 2', async () => {
    const { main } = await import('../../src/cli/main.js');
    const io = createTestIo({ env: { OPENPROSPECT_API_KEY: 'lnc_test_full_access', XDG_CONFIG_HOME: '/x' } });
    expect(await main(['doctor', '--base-url', 'not a url'], io)).toBe(2);
    expect(io.stderr()).toMatch(/--base-url: 'not a url' is not an http:\/\/ or https:\/\/ URL/);
  });
});
