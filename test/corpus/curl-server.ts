import { execFile } from 'node:child_process';
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import { createServer as createH2cServer, type Http2ServerRequest, type Http2ServerResponse } from 'node:http2';
import type { AddressInfo } from 'node:net';

/** The answer the corpus server gives for one status. */
function reply(status: number, text: boolean): { headers: Record<string, string>; body: string } {
  if (text) return { headers: { 'content-type': 'text/plain' }, body: status === 200 ? 'fine' : status === 500 ? 'Internal Server Error' : 'Service Unavailable' };
  const json = (o: object) => ({ headers: { 'content-type': 'application/json' }, body: JSON.stringify(o) });
  switch (status) {
    case 200: return json({ items: [], total: 0 });
    case 404: return json({ code: 'ORDER_NOT_FOUND', message: 'Order 42 not found' });
    case 429: return { ...json({ error: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded', retry_after: 7 }), headers: { 'content-type': 'application/json', 'retry-after': '7' } };
    case 500: return json({ code: 'INTERNAL_ERROR', message: 'Something broke' });
    default: return json({ code: 'SERVICE_UNAVAILABLE', message: 'Try again' });
  }
}

/**
 * Answers `/seq/<id>?s=503,503,200[&cl=1][&text=1]` with the listed statuses in turn (per id), with a
 * Content-Length when `cl` is set (chunked otherwise) and a request id naming the attempt.
 */
function handler(req: IncomingMessage | Http2ServerRequest, res: ServerResponse | Http2ServerResponse, seen: Map<string, number>): void {
  const url = new URL(req.url ?? '/', 'http://x');
  const id = url.pathname;
  const n = seen.get(id) ?? 0;
  seen.set(id, n + 1);
  const statuses = (url.searchParams.get('s') ?? '200').split(',').map(Number);
  const status = statuses[Math.min(n, statuses.length - 1)];
  const { headers, body } = reply(status, url.searchParams.has('text'));
  const all: Record<string, string> = { ...headers, 'x-request-id': `req_${id.split('/').pop()}_${n + 1}` };
  if (url.searchParams.has('cl')) all['content-length'] = String(Buffer.byteLength(body));
  res.writeHead(status, all);
  if (!url.searchParams.has('cl')) (res as ServerResponse).write(body.slice(0, 5));
  res.end(url.searchParams.has('cl') ? body : body.slice(5));
}

/** An HTTP/1.1 and an h2c server on 127.0.0.1, each on a free port. */
export async function startCorpusServers(): Promise<{ http1: string; h2c: string; closed: string; close(): Promise<void> }> {
  const seen = new Map<string, number>();
  const h1 = createServer((req, res) => handler(req, res, seen));
  const h2 = createH2cServer((req, res) => handler(req, res, seen));
  const gone = createServer();
  const listen = (s: { listen: (port: number, host: string, cb: () => void) => void; address: () => unknown }) =>
    new Promise<number>((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port)));
  const [p1, p2, p3] = await Promise.all([listen(h1), listen(h2), listen(gone)]);
  await new Promise<void>((resolve) => gone.close(() => resolve()));
  return {
    http1: `http://127.0.0.1:${p1}`, h2c: `http://127.0.0.1:${p2}`, closed: `http://127.0.0.1:${p3}`,
    close: async () => {
      h1.closeAllConnections();
      await Promise.all([new Promise((r) => h1.close(r)), new Promise((r) => h2.close(r))]);
    },
  };
}

/** Runs the real curl with stderr joined to stdout, as `curl ... 2>&1` does; returns what it printed. */
export function curl(args: string[]): Promise<string> {
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    execFile('sh', ['-c', `curl -q --noproxy '*' --max-time 15 ${quoted} 2>&1`], { encoding: 'utf8', timeout: 30_000 },
      (error, stdout) => (error && error.killed ? reject(error) : resolve(stdout)));
  });
}
