import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { createTestIo } from '../helpers/io.js';

async function run(args: string[], options: Parameters<typeof createTestIo>[0] = {}) {
  const io = createTestIo(options);
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr() };
}

describe('op-errors explain', () => {
  it('explains a code in any case, with status, verdict, cause, fix, example and related codes', async () => {
    const r = await run(['explain', 'order_not_found']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ORDER_NOT_FOUND {2}HTTP 404 {2}do not retry/);
    for (const label of ['Cause', 'Fix', 'Retry', 'Source', 'Related', 'Example body']) expect(r.out).toContain(label);
    expect(r.out).toContain('GET /api/v1/orders');
    expect(r.out).not.toMatch(/\x1b\[/);
  });

  it('prints the entry as JSON with --json, before or after the command', async () => {
    for (const args of [['explain', 'RATE_LIMIT_EXCEEDED', '--json'], ['--json', 'explain', 'rate-limit-exceeded']]) {
      const r = await run(args);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.out)).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', status: 429, retry: 'backoff', retryable: true });
    }
  });

  it('explains a status: its generic meaning and every code documented with it', async () => {
    const r = await run(['explain', '404']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^NOT_FOUND/);
    for (const code of ['ORDER_NOT_FOUND', 'BLACKLIST_NOT_FOUND', 'PROSPECT_SEARCH_NOT_FOUND', 'LEAD_NOT_FOUND']) expect(r.out).toContain(code);
    const json = JSON.parse((await run(['explain', '409', '--json'])).out);
    expect(json.generic.code).toBe('CONFLICT');
    expect(json.codes.map((c: { code: string }) => c.code)).toContain('RESOURCE_LOCKED');
  });

  it('finds transport failures by errno and curl exit code', async () => {
    expect(JSON.parse((await run(['explain', 'ECONNREFUSED', '--json'])).out).code).toBe('CONNECTION_REFUSED');
    expect(JSON.parse((await run(['explain', 'curl:28', '--json'])).out).code).toBe('NETWORK_TIMEOUT');
  });

  it('exits 1 for an unknown code and suggests the closest ones', async () => {
    const r = await run(['explain', 'ORDER_NOTFOUND']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown error code 'ORDER_NOTFOUND'\. Did you mean ORDER_NOT_FOUND/);
    const j = await run(['explain', 'BLACKLST_NOT_FOUND', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.out)).toMatchObject({ found: false, suggestions: expect.arrayContaining(['BLACKLIST_NOT_FOUND']) });
    expect((await run(['explain', '418'])).code).toBe(1);
  });

  it('lists every code, or those of one status, as a table or JSON', async () => {
    const all = await run(['codes', '--json']);
    expect(JSON.parse(all.out).length).toBeGreaterThanOrEqual(60);
    const r = await run(['explain', '--list', '--status', '403']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('BLACKLIST_ACCESS_DENIED');
    expect(r.out).not.toContain('ORDER_NOT_FOUND');
  });

  it('rejects bad usage with exit 2 and a one-line message', async () => {
    for (const args of [['explain'], ['explain', '--status', 'abc', '--list'], ['explain', 'X', '--bogus'], ['explian', 'X']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err).toMatch(/^op-errors: /);
      expect(r.err).not.toMatch(/\n\s+at /);
    }
    expect((await run(['explian'])).err).toContain('Did you mean explain?');
  });

  it('colours output only when asked or on a terminal, and never with NO_COLOR or --no-color', async () => {
    expect((await run(['explain', '429'], { env: { FORCE_COLOR: '1' } })).out).toMatch(/\x1b\[/);
    expect((await run(['explain', '429'], { stdoutIsTTY: true, env: { TERM: 'xterm' } })).out).toMatch(/\x1b\[/);
    expect((await run(['explain', '429'], { stdoutIsTTY: true, env: { TERM: 'xterm', NO_COLOR: '1' } })).out).not.toMatch(/\x1b\[/);
    expect((await run(['explain', '429', '--no-color'], { stdoutIsTTY: true, env: { TERM: 'xterm' } })).out).not.toMatch(/\x1b\[/);
    expect((await run(['explain', '429', '--json'], { env: { FORCE_COLOR: '1' } })).out).not.toMatch(/\x1b\[/);
  });

  it('prints help with examples and the version', async () => {
    const help = await run(['explain', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Examples:');
    expect((await run(['--version'])).out).toMatch(/^\d+\.\d+\.\d+/);
  });
});
