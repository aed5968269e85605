// The local server every capture is recorded against: OpenProspect-like error bodies, a page that calls them
// from a browser, and a route that drops the connection.
import { createServer } from 'node:http';

const BODIES = {
  404: { code: 'ORDER_NOT_FOUND', message: 'Order 42 not found', request_id: 'req_corpus_404' },
  429: { error: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded', retry_after: 7 },
  500: 'Internal Server Error',
  503: { code: 'SERVICE_UNAVAILABLE', message: 'Try again shortly' },
  200: { items: [], total: 0 },
};

const PAGE = `<!doctype html><title>corpus</title><script>
(async () => {
  for (const path of ['/api/200', '/api/429', '/api/503', '/api/503', '/api/404', '/reset']) {
    try { await (await fetch(path)).text(); } catch {}
  }
  document.title = 'done';
})();
</script>`;

/** Starts the server on 127.0.0.1 and a free port; resolves to its base URL and a close function. */
export async function startServer() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/reset') return req.socket.destroy();
    if (url.pathname === '/page') {
      res.writeHead(200, { 'content-type': 'text/html' });
      return res.end(PAGE);
    }
    const status = Number(url.pathname.split('/').pop()) || 200;
    const body = BODIES[status] ?? BODIES[503];
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    const headers = { 'content-type': typeof body === 'string' ? 'text/plain' : 'application/json', 'x-request-id': `req_${status}_corpus` };
    if (status === 429) headers['retry-after'] = '7';
    res.writeHead(status, headers);
    res.end(text);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const closed = createServer();
  await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const closedPort = closed.address().port;
  await new Promise((resolve) => closed.close(resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    refused: `http://127.0.0.1:${closedPort}`,
    close: () => { server.closeAllConnections(); return new Promise((resolve) => server.close(resolve)); },
  };
}
