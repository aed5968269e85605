import { closeSync, mkdtempSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';

const dir = mkdtempSync(join(tmpdir(), 'op-mistakes-'));
const missing = join(dir, 'missing.json');

describe('one wording and exit code per mistake, whatever the command', () => {
  it.each([
    [['classify', missing]],
    [['replay', missing]],
    [['serve', '--port', '0', '--cassette', missing]],
    [['--config', missing, 'explain', '429']],
    [['call', '/orders', '--base-url', 'http://127.0.0.1:9/api/v1', '-d', `@${missing}`]],
    [['call', '/orders', '--base-url', 'http://127.0.0.1:9/api/v1', '-F', `note=@${missing}`]],
  ])('a missing file: %j', async (args) => {
    const r = await runBin(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`^op-errors: (-[dF]( @\\S+)?: )?cannot read ${missing.replace(/[.]/g, '\\.')}: no such file\\n$`));
  });

  it.each([
    [['classify', dir]],
    [['--config', dir, 'explain', '429']],
    [['call', '/orders', '--base-url', 'http://127.0.0.1:9/api/v1', '-d', `@${dir}`]],
  ])('a folder where a file belongs: %j', async (args) => {
    const r = await runBin(args);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(new RegExp(`cannot read ${dir.replace(/[.]/g, '\\.')}: it is a folder\\n$`));
  });

  it.each([
    [['classify']],
    [['replay', '-']],
    [['call', 'POST', '/orders', '--base-url', 'http://127.0.0.1:9/api/v1', '-d', '@-']],
  ])('a folder as stdin: %j', async (args) => {
    const folder = openSync(dir, 'r');
    try {
      const r = await runBin(args, { stdinFd: folder });
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/^op-errors: (-d @-: )?cannot read stdin: it is a folder\n$/);
    } finally {
      closeSync(folder);
    }
  });

  it('replays the other files when one is missing, and reads a recording from stdin with "-"', async () => {
    const capture = 'HTTP/1.1 503 Service Unavailable\r\nretry-after: 1\r\n\r\n{"code":"SERVICE_UNAVAILABLE","message":"down"}\n';
    const r = await runBin(['--json', 'replay', missing, '-'], { input: capture });
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot read ${missing}: no such file`);
    expect(JSON.parse(r.out)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE', source: { input: '-' } });
  });

  it('says help for an unknown command is unknown, with exit 2', async () => {
    const r = await runBin(['help', 'nope']);
    expect(r).toEqual({ code: 2, out: '', err: "op-errors: help: unknown command 'nope' (op-errors --help lists the commands)\n" });
  });
});
