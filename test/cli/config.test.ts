import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findConfigFile, loadConfigFile } from '../../src/adapters/config.js';
import { main } from '../../src/cli/main.js';
import { prepareCall, type CallFlags } from '../../src/commands/call-request.js';
import { createTestIo } from '../helpers/io.js';

const flags = (extra: Partial<CallFlags> = {}): CallFlags =>
  ({ method: 'GET', target: '/orders', header: [], query: [], auth: false, insecureHttp: false, retryUnsafe: false, ...extra });
const noStdin = { readStdin: async () => '', stdinIsTTY: true };

describe('config: finding and reading', () => {
  it('searches from the current folder up to the project root, then ~/.config/openprospect', () => {
    const root = mkdtempSync(join(tmpdir(), 'op-cfg-'));
    const deep = join(root, 'proj', 'src', 'deep');
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(root, 'proj', 'package.json'), '{"name":"p"}');
    const env = { XDG_CONFIG_HOME: join(root, 'xdg') };
    expect(findConfigFile(deep, env)).toBeNull();
    writeFileSync(join(root, '.openprospectrc'), '{}');
    expect(findConfigFile(deep, env)).toBeNull();
    mkdirSync(join(root, 'xdg', 'openprospect'), { recursive: true });
    writeFileSync(join(root, 'xdg', 'openprospect', 'config.yaml'), 'timeout: 5\n');
    expect(findConfigFile(deep, env)).toBe(join(root, 'xdg', 'openprospect', 'config.yaml'));
    writeFileSync(join(root, 'proj', 'package.json'), '{"name":"p","openprospect":{"timeout":9}}');
    expect(findConfigFile(deep, env)).toBe(join(root, 'proj', 'package.json'));
    writeFileSync(join(root, 'proj', 'src', '.openprospectrc.json'), '{}');
    expect(findConfigFile(deep, env)).toBe(join(root, 'proj', 'src', '.openprospectrc.json'));
  });

  it('names the line, column and reason of a YAML syntax error, and warns once about the old nested retry keys', async () => {
    const root = mkdtempSync(join(tmpdir(), 'op-cfg-'));
    writeFileSync(join(root, 'bad.yaml'), 'retry: 3\njitter: [full\ntimeout: 5\n');
    const bad = createTestIo({ env: {}, cwd: root });
    expect(await main(['explain', '429', '--config', join(root, 'bad.yaml')], bad)).toBe(2);
    expect(bad.stderr()).toBe(`op-errors: config file ${join(root, 'bad.yaml')}, line 3, column 1: missed comma between flow collection entries\n`);
    writeFileSync(join(root, 'old.yaml'), 'retry:\n  limit: 2\n  maxDelay: 5\n');
    const old = createTestIo({ env: {}, cwd: root });
    expect(await main(['explain', '429', '--config', join(root, 'old.yaml')], old)).toBe(0);
    expect(old.stderr()).toBe(`op-errors: warning: config file ${join(root, 'old.yaml')}: config keys are named like their flags: ` +
      'retry.limit is now retry, retry.maxDelay is now retryMaxDelay (the old names still work)\n');
    expect((await loadConfigFile(join(root, 'old.yaml'))).config).toEqual({ retry: 2, retryMaxDelay: 5 });
  });

  it('reads YAML, JSON and JavaScript files with cosmiconfig', async () => {
    const root = mkdtempSync(join(tmpdir(), 'op-cfg-'));
    writeFileSync(join(root, 'a.yaml'), 'retry: 3\njitter: equal\n');
    writeFileSync(join(root, 'b.mjs'), 'export default { timeout: 12 };');
    expect((await loadConfigFile(join(root, 'a.yaml'))).config).toEqual({ retry: 3, jitter: 'equal' });
    expect((await loadConfigFile(join(root, 'b.mjs'))).config).toEqual({ timeout: 12 });
  });

  it('rejects a bad file or key with exit 2, naming the file and the key, and refuses a plain apiKey', async () => {
    const root = mkdtempSync(join(tmpdir(), 'op-cfg-'));
    const cases: [string, RegExp][] = [
      ['{"retry": {"limit": "three"}}', /retry\.limit: expected a whole number/],
      ['{"timeout": 5, "colour": true}', /colour: unknown setting/],
      ['{"apiKey": "lnc_live_x"}', /apiKey: .* set apiKeyEnv/],
      ['{"codes": {"MY_CODE": {"summary": "x"}}}', /codes\.MY_CODE: a new code needs a summary and a fix/],
      ['{ not json', /\.openprospectrc\.json, line 1, column 3: /],
      ['{\n  "retry": 3,\n  "jitter": "full"\n  "timeout": 5\n}', /\.openprospectrc\.json, line 4, column 3: expected "," or "}"/],
    ];
    for (const [text, message] of cases) {
      const file = join(root, '.openprospectrc.json');
      writeFileSync(file, text);
      const io = createTestIo({ env: {}, cwd: root });
      expect(await main(['explain', 'ORDER_NOT_FOUND', '--config', file], io), text).toBe(2);
      expect(io.stderr()).toMatch(message);
      expect(io.stderr()).toContain(file);
      expect(io.stderr().trim().split('\n')).toHaveLength(1);
    }
  });

  it('adds an organisation\'s own codes to explain and classify', async () => {
    const root = mkdtempSync(join(tmpdir(), 'op-cfg-'));
    writeFileSync(join(root, '.openprospectrc'), 'codes:\n  SEAT_LIMIT:\n    summary: All seats are taken\n    status: 409\n    fix: Free a seat first\n');
    const io = createTestIo({ env: {}, cwd: root, input: '{"code":"SEAT_LIMIT","message":"no seats"}' });
    expect(await main(['classify', '--json'], io)).toBe(1);
    expect(JSON.parse(io.stdout())).toMatchObject({ code: 'SEAT_LIMIT', known: true, status: 409, retry: 'refresh', fix: 'Free a seat first' });
  });
});

describe('config: precedence', () => {
  it('uses defaults < config file < environment < flags', async () => {
    const file = { baseUrl: 'https://file.example/api/v1', timeout: 10, retry: 2, retryMaxDelay: 5, jitter: 'none' as const };
    const env = { OPENPROSPECT_BASE_URL: 'https://env.example/api/v1' };
    const defaults = await prepareCall(flags(), null, {}, noStdin, '0');
    expect(defaults).toMatchObject({ url: 'https://api.openprospect.io/api/v1/orders', timeoutMs: 30_000 });
    expect(defaults.policy).toMatchObject({ limit: 0, maxDelayMs: 30_000, maxTimeMs: 300_000, jitter: 'full' });
    const fromFile = await prepareCall(flags(), file, {}, noStdin, '0');
    expect(fromFile).toMatchObject({ url: 'https://file.example/api/v1/orders', timeoutMs: 10_000 });
    expect(fromFile.policy).toMatchObject({ limit: 2, maxDelayMs: 5000, jitter: 'none' });
    expect((await prepareCall(flags(), file, env, noStdin, '0')).url).toBe('https://env.example/api/v1/orders');
    const fromFlags = await prepareCall(flags({ baseUrl: 'http://127.0.0.1:1/v2', retry: 7, timeout: 1 }), file, env, noStdin, '0');
    expect(fromFlags).toMatchObject({ url: 'http://127.0.0.1:1/v2/orders', timeoutMs: 1000 });
    expect(fromFlags.policy.limit).toBe(7);
  });

  it('reads the key from the variable the config names', async () => {
    const r = await prepareCall(flags({ auth: true }), { apiKeyEnv: 'ACME_OP_KEY' }, { ACME_OP_KEY: 'lnc_live_abc123' }, noStdin, '0');
    expect(r.headers.authorization).toBe('Bearer lnc_live_abc123');
    await expect(prepareCall(flags({ auth: true }), { apiKeyEnv: 'ACME_OP_KEY' }, {}, noStdin, '0')).rejects.toThrow(/ACME_OP_KEY is not set/);
  });

  it('does not double the base path and keeps full URLs', async () => {
    expect((await prepareCall(flags({ target: '/api/v1/orders' }), null, {}, noStdin, '0')).url).toBe('https://api.openprospect.io/api/v1/orders');
    expect((await prepareCall(flags({ target: 'orders/1' }), null, {}, noStdin, '0')).url).toBe('https://api.openprospect.io/api/v1/orders/1');
    expect((await prepareCall(flags({ target: 'https://x.example/health' }), null, {}, noStdin, '0')).url).toBe('https://x.example/health');
  });
});

describe('.openprospectrc.example', () => {
  it('is a valid config file that documents every key', async () => {
    const file = new URL('../../.openprospectrc.example', import.meta.url).pathname;
    const { readFileSync, copyFileSync } = await import('node:fs');
    const copy = join(mkdtempSync(join(tmpdir(), 'op-cfg-')), 'config.yaml');
    copyFileSync(file, copy);
    const { config } = await loadConfigFile(copy);
    expect(Object.keys(config).sort()).toEqual(['apiKeyEnv', 'baseUrl', 'codes', 'jitter', 'retry', 'retryMaxDelay', 'retryMaxTime', 'timeout']);
    expect(readFileSync(file, 'utf8')).toContain('apiKey');
  });
});
