import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { runBin } from '../helpers/bin.js';
import { type Reply, type ScriptedServer, startServer } from '../helpers/server.js';

let server: ScriptedServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});
const serve = async (...replies: Reply[]) => (server = await startServer(replies));
const ok = { status: 200, body: { items: [], total: 0 } };
const created = { status: 201, body: { id: 'ord_7', title: 'Untitled order', status: 'pending' } };

describe('call: the method', () => {
  it('is GET by default, POST with a body, and -X works like curl', async () => {
    const s = await serve(ok);
    expect((await runBin(['call', `${s.url}/orders`])).code).toBe(0);
    expect((await runBin(['call', `${s.url}/orders`, '-d', '{"title":"x"}'])).code).toBe(0);
    expect((await runBin(['call', '-X', 'delete', `${s.url}/orders/1`])).code).toBe(0);
    expect((await runBin(['call', 'PUT', `${s.url}/orders/1`, '-X', 'PUT', '-d', '{}'])).code).toBe(0);
    expect(s.requests.map((r) => `${r.method} ${r.url} ${r.body}`)).toEqual([
      'GET /orders ', 'POST /orders {"title":"x"}', 'DELETE /orders/1 ', 'PUT /orders/1 {}',
    ]);
  });

  it('refuses two different methods, a method without a path, and -d with GET, with exit 2', async () => {
    for (const args of [['call', 'GET', '/x', '-X', 'POST'], ['call', 'GET'], ['call', 'GET', '/x', '-d', '{}']]) {
      const r = await runBin(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.err).toMatch(/^op-errors: /);
    }
  });
});

describe('call: the body', () => {
  it('reads a piped body from stdin and sends it with POST', async () => {
    const s = await serve(created);
    const r = await runBin(['call', `${s.url}/orders`], { input: '{"title":"from a pipe"}\n' });
    expect(r.code).toBe(0);
    expect(s.requests[0]).toMatchObject({ method: 'POST', body: '{"title":"from a pipe"}\n' });
    expect(s.requests[0].headers['content-type']).toBe('application/json');
  });

  it('checks a piped body is JSON before sending it', async () => {
    const s = await serve(created);
    const r = await runBin(['call', 'POST', `${s.url}/orders`], { input: '{"title": oops}' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/the body on stdin is not JSON: line 1, column 11/);
    expect(s.requests).toHaveLength(0);
  });

  it('builds a JSON body from -f and -F fields, and a query string with GET', async () => {
    const s = await serve(created, ok);
    const dir = mkdtempSync(join(tmpdir(), 'op-fields-'));
    const note = join(dir, 'note.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(note, 'from a file'));
    await runBin(['call', `${s.url}/orders`, '-f', 'title=Q3 leads', '-F', 'companies[]=42', '-F', 'companies[]=43',
      '-F', 'urgent=true', '-f', 'count=7', '-F', 'meta[note]=@' + note, '-F', 'meta[owner]=null']);
    expect(JSON.parse(s.requests[0].body)).toEqual({
      title: 'Q3 leads', companies: [42, 43], urgent: true, count: '7', meta: { note: 'from a file', owner: null },
    });
    await runBin(['call', 'GET', `${s.url}/orders`, '-f', 'status=open', '-F', 'limit=10']);
    expect(s.requests[1]).toMatchObject({ method: 'GET', url: '/orders?status=open&limit=10', body: '' });
  });
});

describe('call: what it prints', () => {
  it('shows a success as a success: status, reason and the resource id, not a title as a message', async () => {
    const s = await serve(created);
    const r = await runBin(['call', `${s.url}/orders`, '-d', '{}', '--no-body']);
    expect(r.out).toMatch(/\n✔ 201 Created\n {2}id ord_7\n$/);
    expect(r.out).not.toContain('Untitled order');
  });

  it('-o writes the body to a file while the classification still prints', async () => {
    const s = await serve(created);
    const file = join(mkdtempSync(join(tmpdir(), 'op-out-')), 'order.json');
    const r = await runBin(['call', `${s.url}/orders`, '-d', '{}', '-o', file]);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(created.body);
    expect(r.out).toContain('✔ 201 Created');
    expect(r.out).not.toContain('pending');
  });

  it('-s prints nothing on success and only the error on failure', async () => {
    const s = await serve(ok, { status: 404, body: { error: { code: 'ORDER_NOT_FOUND', message: 'Order not found' } } });
    expect(await runBin(['call', '-s', `${s.url}/orders`])).toEqual({ code: 0, out: '', err: '' });
    const failed = await runBin(['call', '-s', `${s.url}/orders/9`]);
    expect(failed.code).toBe(1);
    expect(failed.out).toBe('');
    expect(failed.err).toMatch(/^✖ 404 ORDER_NOT_FOUND/);
  });

  it('-v prints request and response headers on stderr as curl -v does, with the key masked', async () => {
    const s = await serve({ status: 200, headers: { 'x-request-id': 'req_1' }, body: { ok: true } });
    const key = 'lnc_test_verbosekey1234567890';
    const r = await runBin(['call', '-v', `${s.url}/auth/validate?x=1`], { env: { OPENPROSPECT_API_KEY: key } });
    expect(r.err).toContain('> GET /auth/validate?x=1 HTTP/1.1\n');
    expect(r.err).toMatch(/\n> authorization: \S.*\n/);
    expect(r.err).toContain('< HTTP/1.1 200 OK\n');
    expect(r.err).toContain('< x-request-id: req_1\n');
    expect(r.err + r.out).not.toContain(key);
    // The real curl prints the same request and status lines.
    const curl = await promisify(execFile)('curl', ['-sv', `${s.url}/auth/validate?x=1`]).catch((e) => e);
    expect(curl.stderr).toContain('> GET /auth/validate?x=1 HTTP/1.1\r\n');
    expect(curl.stderr).toContain('< HTTP/1.1 200 OK\r\n');
  });
});

describe('call --paginate', () => {
  const page = (items: number[], offset: number, more: boolean) => ({ status: 200, body: { items: items.map((id) => ({ id })), total: 5, limit: 2, offset, has_more: more } });

  it('follows offset and has_more to the last page, printing items as they come', async () => {
    const s = await serve(page([1, 2], 0, true), page([3, 4], 2, true), page([5], 4, false));
    const r = await runBin(['call', `${s.url}/orders`, '--paginate', '--body-only']);
    expect(r.code).toBe(0);
    expect(s.requests.map((q) => q.url)).toEqual(['/orders', '/orders?offset=2&limit=2', '/orders?offset=4&limit=2']);
    expect(r.out.trim().split('\n').map((l) => JSON.parse(l).id)).toEqual([1, 2, 3, 4, 5]);
  });

  it('prints one page object per line with --json, and stops at a failed page with its exit code', async () => {
    const s = await serve(page([1, 2], 0, true), { status: 503, body: { error: { code: 'SERVICE_UNAVAILABLE', message: 'down' } } });
    const r = await runBin(['--json', 'call', `${s.url}/orders`, '--paginate']);
    expect(r.code).toBe(75);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.status, l.body?.items?.length ?? null])).toEqual([[200, 2], [503, null]]);
  });
});

describe('conflicting options are usage errors (exit 2)', () => {
  it.each([
    [['call', '/orders', '--sandbox', '--base-url', 'http://127.0.0.1:9/api/v1']],
    [['--json', 'call', '/orders', '--sandbox', '--body-only']],
    [['call', '/orders', '--sandbox', '--body-only', '--no-body']],
    [['call', '/orders', '--sandbox', '-s', '-v']],
    [['serve', '--port', '0', '--slow-ms', '10']],
    [['serve', '--port', '0', '--scenario', 'flaky', '--cassette', 'x.json']],
    [['call', '/orders', '--base-url', 'ftp://files.example/api']],
  ])('%j', async (args) => {
    const r = await runBin(args);
    expect(r.code).toBe(2);
    expect(r.err.trim().split('\n')).toHaveLength(1);
    expect(r.out).toBe('');
  });
});
