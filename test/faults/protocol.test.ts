import { type Server, type Socket, createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { call } from '../helpers/call.js';

let server: Server | null = null;
const sockets = new Set<Socket>();
afterEach(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((ok) => (server ? server.close(ok) : ok(undefined)));
  server = null;
});

/**
 * A TCP server on 127.0.0.1 that answers every request with exactly these bytes, then closes. Replies that are
 * retried say `Connection: close`, so that a retry never races the close on a reused socket.
 */
async function raw(reply: string | Buffer): Promise<string> {
  server = createServer((s) => {
    sockets.add(s);
    s.once('data', () => s.end(reply));
  });
  await new Promise<void>((ok) => server!.listen(0, '127.0.0.1', ok));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/orders`;
}

const cases: [string, string | Buffer, string, string, number][] = [
  ['broken chunked encoding', 'HTTP/1.1 200 OK\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n', 'HPE_INVALID_CHUNK_SIZE', 'CORRUPTED_TRANSFER', 75],
  ['garbage gzip', 'HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Encoding: gzip\r\nContent-Length: 10\r\n\r\n0123456789', 'Z_DATA_ERROR', 'CORRUPTED_TRANSFER', 75],
  ['conflicting Content-Length and Transfer-Encoding', 'HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n',
    'HPE_INVALID_TRANSFER_ENCODING', 'INVALID_HTTP_FRAMING', 1],
  ['a reply that is not HTTP', 'SSH-2.0-OpenSSH_9.6\r\n', 'HPE_INVALID_CONSTANT', 'NOT_HTTP', 1],
];

describe('protocol failures are classified by the catalog with the right rule', () => {
  for (const [what, reply, transport, code, exit] of cases) {
    it(`${what}: ${code}, exit ${exit}`, async () => {
      const r = await call({ method: 'GET', target: await raw(reply), retry: 2 }, undefined, { json: true });
      const json = JSON.parse(r.out);
      expect(json.attempts[0].transport).toBe(transport);
      expect(json.code).toBe(code);
      expect(json.known).toBe(true);
      expect(r.code).toBe(exit);
      expect(json.attempts).toHaveLength(exit === 75 ? 3 : 1);
    });
  }

  it('a 2xx whose body contradicts its type is reported with a warning, human and --json', async () => {
    const url = await raw('HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 38\r\n\r\n<html><title>Wi-Fi login</title></html');
    const human = await call({ method: 'GET', target: url });
    expect(human.code).toBe(0);
    expect(human.err).toMatch(/warning: the 200 answer says application\/json but its body is not valid JSON/);
    await new Promise((ok) => server!.close(ok));
    const portal = await raw('HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 39\r\n\r\n<html><title>Wi-Fi login</title></html>');
    const json = JSON.parse((await call({ method: 'GET', target: portal }, undefined, { json: true })).out);
    expect(json.warnings).toEqual([expect.stringMatching(/HTML page where JSON was expected/)]);
  });
});
