import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPlayback } from '../../src/sandbox/load-playback.js';
import { startSandbox } from '../../src/sandbox/sandbox.js';
import { call } from '../helpers/call.js';

const env = { OPENPROSPECT_API_KEY: 'lnc_test_read_only', XDG_CONFIG_HOME: '/nonexistent' };
const requests = [
  { method: 'GET', target: '/orders', query: ['limit=2'] },
  { method: 'GET', target: '/orders/00000000-0000-0000-0000-000000000000' },
  { method: 'POST', target: '/orders', data: '{"companies": [{"company_name": "Acme"}]}' },
  { method: 'GET', target: '/blacklists/nope' },
];

describe('call --sandbox and the record → serve --cassette round trip', () => {
  it('call --sandbox flaky recovers with --retry', async () => {
    const r = await call({ method: 'GET', target: '/orders', sandbox: 'flaky', retry: 3 }, { XDG_CONFIG_HOME: '/nonexistent' }, { json: true });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).attempts.map((a: { status: number }) => a.status)).toEqual([503, 503, 200]);
  });

  it('reproduces the same classifications when the recording is served back', async () => {
    const live = await startSandbox({ port: 0 });
    const file = join(mkdtempSync(join(tmpdir(), 'op-rt-')), 'tape.json');
    const first: unknown[] = [];
    try {
      for (const req of requests) {
        const r = await call({ ...req, baseUrl: live.url, record: file }, env, { json: true });
        first.push(pick(JSON.parse(r.out)));
      }
    } finally {
      await live.close();
    }
    expect(first.map((c) => (c as { code: string }).code)).toEqual([null, 'ORDER_NOT_FOUND', 'AUTHORIZATION_ERROR', 'BLACKLIST_NOT_FOUND']);
    const replayed = await startSandbox({ port: 0, playback: await loadPlayback(file) });
    try {
      const second: unknown[] = [];
      for (const req of requests) second.push(pick(JSON.parse((await call({ ...req, baseUrl: replayed.url }, env, { json: true })).out)));
      expect(second).toEqual(first);
    } finally {
      await replayed.close();
    }
  });
});

function pick(c: Record<string, unknown>) {
  const { ok, status, code, known, retry, retryAfter, message, fields, details } = c;
  return { ok, status, code, known, retry, retryAfter, message, fields, details };
}

describe('call --sandbox through the whole program', () => {
  it('works when the environment holds other credentials (which are masked in the output)', async () => {
    const { main } = await import('../../src/cli/main.js');
    const { createTestIo } = await import('../helpers/io.js');
    const io = createTestIo({ env: { GITHUB_TOKEN: 'ghp_secretsecretsecret', XDG_CONFIG_HOME: '/nonexistent' } });
    const code = await main(['call', 'GET', '/orders', '--sandbox', '--json'], io);
    expect(io.stderr()).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(io.stdout())).toMatchObject({ ok: true, status: 200 });
  });
});
