import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Reply } from './types.js';

/** The largest request body the sandbox reads (10,000 blacklist entries take well under 2 MiB). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** Reads the request body as text; null when it is larger than `limit` (the rest is drained, not kept). */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let ended = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => {
      ended = true;
      resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
    req.on('close', () => {
      if (!ended) reject(new Error('the client closed the connection before sending the whole request'));
    });
  });
}

/** Whether a request announces a body (HTTP/1.1: a Content-Length other than 0, or a Transfer-Encoding). */
export function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Sends a reply, or destroys the connection for `reset`. Header values that node refuses (a recording can
 * hold anything) are left out rather than failing the response.
 */
export function sendReply(res: ServerResponse, reply: Reply, requestId: string, head = false): void {
  if (reply === 'reset') {
    res.socket?.destroy();
    return;
  }
  const bodiless = reply.status === 204 || reply.status === 304 || (reply.status >= 100 && reply.status < 200);
  // All headers in one writeHead: a setHeader call per header cost a tenth of the time of a request under load.
  const headers: Record<string, string> = { 'x-request-id': requestId, ...reply.headers };
  if (!bodiless && !head) headers['content-length'] = String(Buffer.byteLength(reply.body));
  try {
    res.writeHead(reply.status, headers);
  } catch {
    setEachValidHeader(res, reply, requestId);
  }
  res.end(bodiless ? undefined : reply.body);
}

/** The slow way, header by header, for a recording that holds one node refuses. */
function setEachValidHeader(res: ServerResponse, reply: Exclude<Reply, 'reset'>, requestId: string): void {
  res.statusCode = reply.status;
  res.setHeader('x-request-id', requestId);
  for (const [name, value] of Object.entries(reply.headers)) {
    try {
      res.setHeader(name, value);
    } catch {
      // An invalid recorded header is dropped; the rest of the response is still worth replaying.
    }
  }
}

/** One request-log line: `GET /api/v1/orders/x → 404 ORDER_NOT_FOUND (1 ms)`, or `→ reset`. */
export function logLine(method: string, target: string, reply: Reply, ms: number): string {
  if (reply === 'reset') return `${method} ${target} → reset`;
  return `${method} ${target} → ${reply.status}${reply.label ? ` ${reply.label}` : ''} (${Math.round(ms)} ms)`;
}
