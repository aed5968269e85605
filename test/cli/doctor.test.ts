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
      ['key set', true], ['connect', true], ['service', true], ['base path', true], ['key valid', true], ['scopes', true], ['clock', true]]);
    expect(r.json.endpoints.every((e: { open: boolean }) => e.open)).toBe(true);
    expect(r.json.endpoints).toHaveLength(29);
  });

  it('shows which endpoints a read-only key closes, as a warning that does not fail', async () => {
    const r = await doctor('lnc_test_read_only', false);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/closed +│ POST \/api\/v1\/orders +│ orders:write/);
    expect(r.out).toMatch(/open +│ GET \/api\/v1\/orders /);
    expect(r.out).toMatch(/! scopes +9 of 29 endpoints closed \(POST \/orders needs orders:write;/);
    expect(r.out).toContain('All checks passed.');
  });

  it('fails with the fix for a missing or malformed key', async () => {
    const missing = await doctor(undefined, false);
    expect(missing.code).toBe(1);
    expect(missing.out).toMatch(/✖ key set +OPENPROSPECT_API_KEY is not set\n +Fix +export OPENPROSPECT_API_KEY=lnc_live_/);
    const odd = await doctor('lnc_test_has space');
    expect(odd.json.checks[0]).toMatchObject({ ok: false, fix: expect.stringContaining('no quotes, spaces') });
  });
});

describe('doctor usage errors', () => {
  it('rejects a base URL that is not a URL with exit 2', async () => {
    const { main } = await import('../../src/cli/main.js');
    const io = createTestIo({ env: { OPENPROSPECT_API_KEY: 'lnc_test_full_access', XDG_CONFIG_HOME: '/x' } });
    expect(await main(['doctor', '--base-url', 'not a url'], io)).toBe(2);
    expect(io.stderr()).toMatch(/--base-url: 'not a url' is not a URL/);
  });
});
