import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/op-errors.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'op-hostile-'));

/**
 * Runs the built CLI on a file; reports exit code, output and peak memory. The time limit only bounds a
 * runaway (the run is killed and its exit code is null); how fast is the benchmark's question.
 */
function cli(args: string[], limitMs = 20_000) {
  return new Promise<{ code: number | null; out: string; err: string; rssMb: number }>((resolve) => {
    const child = spawn('/usr/bin/time', ['-f', '%M', process.execPath, BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { if (out.length < 1_000_000) out += d; });
    child.stderr.on('data', (d) => (err += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), limitMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      const lines = err.trim().split('\n');
      const rssKb = Number(lines.pop());
      resolve({ code, out, err: lines.join('\n'), rssMb: Math.round(rssKb / 1024) });
    });
  });
}

async function write(name: string, make: (w: (s: string | Buffer) => void) => void): Promise<string> {
  const file = join(dir, name);
  const stream = createWriteStream(file);
  make((s) => stream.write(s));
  await new Promise<void>((r) => stream.end(r));
  return file;
}

describe('hostile inputs end with a clear message or a correct result, in bounded time and memory', () => {
  it('a 50 MB single-line JSON body is skipped with a message, and the next line still classified', async () => {
    const file = await write('big.json', (w) => {
      w('{"code":"DATA_QUALITY_ERROR","message":"');
      for (let i = 0; i < 50; i++) w('x'.repeat(1024 * 1024));
      w('"}\n{"code":"ORDER_NOT_FOUND"}\n');
    });
    const r = await cli(['classify', '--json', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/line 1: line over 16 MB: skipped; the rest of the input is still read/);
    expect(JSON.parse(r.out)).toMatchObject({ code: 'ORDER_NOT_FOUND', source: { line: 2 } });
    expect(r.rssMb).toBeLessThan(200);
  });

  it('60 MB with no newline at all', async () => {
    const file = await write('zeros.bin', (w) => {
      for (let i = 0; i < 60; i++) w(Buffer.alloc(1024 * 1024));
    });
    const r = await cli(['classify', '--json', file]);
    expect([r.code, r.out]).toEqual([2, '']);
    expect(r.err.split("\n")[0]).toBe(`op-errors: ${file} line 1: line over 16 MB: skipped; the rest of the input is still read`);
    expect(r.err).not.toMatch(/no input/);
    expect(r.rssMb).toBeLessThan(200);
  });

  it('JSON nested 100,000 levels deep', async () => {
    const deep = `{"code":"BAD_REQUEST","details":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`;
    writeFileSync(join(dir, 'deep.json'), deep);
    const r = await cli(['classify', '--json', join(dir, 'deep.json')]);
    expect(r.code).toBe(1);
    const line = JSON.parse(r.out);
    expect(line.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(line.details)).toContain('nested deeper than 64 levels');
    const human = await cli(['classify', join(dir, 'deep.json')]);
    expect(human.code).toBe(1);
    writeFileSync(join(dir, 'deep-array.json'), `${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    const arr = await cli(['classify', '--json', join(dir, 'deep-array.json')]);
    expect([0, 1, 2]).toContain(arr.code);
    expect(arr.err).not.toMatch(/\bat .*\.js:\d+/);
  });

  it('binary data and invalid UTF-8', async () => {
    const bytes = Buffer.alloc(2 * 1024 * 1024);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 2654435761) >>> 24;
    writeFileSync(join(dir, 'binary.bin'), bytes);
    const r = await cli(['classify', join(dir, 'binary.bin')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/expected a JSON body, NDJSON, or the output of curl -i/);
    writeFileSync(join(dir, 'latin1.txt'), Buffer.concat([Buffer.from('{"code":"NOT_FOUND","message":"caf'), Buffer.from([0xe9, 0xff]), Buffer.from('"}\n')]));
    const bad = await cli(['classify', '--json', join(dir, 'latin1.txt')]);
    expect(JSON.parse(bad.out)).toMatchObject({ code: 'NOT_FOUND', message: 'caf\ufffd\ufffd' });
  });

  it('a HAR with 100,000 entries', async () => {
    const file = await write('huge.har', (w) => {
      w('{"log":{"version":"1.2","entries":[');
      for (let i = 0; i < 100_000; i++) {
        w(`${i ? ',' : ''}{"startedDateTime":"2026-11-21T09:00:00.000Z","time":5,"request":{"method":"GET","url":"https://api.openprospect.io/api/v1/orders/${i}"},` +
          `"response":{"status":${i % 7 === 0 ? 503 : 404},"headers":[],"content":{"text":"{\\"code\\":\\"ORDER_NOT_FOUND\\"}"}}}`);
      }
      w(']}}');
    });
    const r = await cli(['replay', file], 60_000);
    expect(r.code).toBe(1);
    expect(r.out).toContain('... and 99800 more calls');
    expect(r.out).toContain('100000 calls');
  });

  it('a header block that never ends', async () => {
    const file = await write('headers.txt', (w) => {
      w('HTTP/1.1 503 Service Unavailable\r\n');
      for (let i = 0; i < 400_000; i++) w(`X-Filler-${i}: ${'v'.repeat(200)}\r\n`);
    });
    const r = await cli(['classify', '--json', file]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/header block starting at line 1 has no end/);
    expect(r.err).toMatch(/over 16 MB/);
    expect(r.rssMb).toBeLessThan(700);
  });
});
