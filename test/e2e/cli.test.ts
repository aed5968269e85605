import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/op-errors.js', import.meta.url));

/** Runs the built CLI as a user would, with colour forced off. */
function cli(args: string[], input?: string) {
  const env: Record<string, string | undefined> = { ...process.env, NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const r = spawnSync(process.execPath, [BIN, ...args], { input: input ?? '', env, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('bin/op-errors.js', () => {
  it('prints help with examples and exit codes', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Usage: op-errors/);
    expect(r.out).toContain('Exit codes');
  });

  it('explains a code as text and as JSON', () => {
    expect(cli(['explain', 'BLACKLIST_ACCESS_DENIED']).out).toMatch(/^BLACKLIST_ACCESS_DENIED {2}HTTP 403/);
    expect(JSON.parse(cli(['explain', 'GATEWAY_TIMEOUT', '--json']).out)).toMatchObject({ status: 504, retry: 'backoff' });
  });

  it('classifies piped curl -i output and exits 75 for a retryable error', () => {
    const r = cli(['classify', '--json'], 'HTTP/1.1 503 Service Unavailable\r\nRetry-After: 2\r\n\r\n{"error":{"code":"SERVICE_UNAVAILABLE"}}');
    expect(r.code).toBe(75);
    expect(JSON.parse(r.out)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: 2, retryable: true });
  });

  it('exits 2 with one line and no stack trace on bad input and bad flags', () => {
    for (const args of [['classify'], ['explain', '--nope'], ['classify', 'missing.json']]) {
      const r = cli(args, args[0] === 'classify' ? 'just words' : undefined);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n')).toHaveLength(1);
      expect(r.err).not.toMatch(/\bat .*\.js:\d+/);
    }
  });

  it('exits 1 for an unknown code', () => {
    expect(cli(['explain', 'NOPE_NOT_A_CODE']).code).toBe(1);
  });
});
