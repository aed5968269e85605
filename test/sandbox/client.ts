import { type Agent, type IncomingHttpHeaders, request as httpRequest } from 'node:http';
import { afterEach } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/sandbox/sandbox.js';

/** The full-access test key. */
export const FULL = 'lnc_test_full_access';
/** The read-only test key. */
export const READ_ONLY = 'lnc_test_read_only';

/** A response as a test reads it. */
export interface Res {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  json: any;
}

/** Options of one request: the key (null: none), a JSON body or raw text, an agent for keep-alive. */
export interface ReqOptions {
  key?: string | null;
  body?: unknown;
  raw?: string;
  agent?: Agent | false;
  /** Extra request headers. */
  headers?: Record<string, string>;
}

/** Sends one request with node:http to `base` (a sandbox's root URL) and reads the whole response. */
export function send(base: string, method: string, path: string, opts: ReqOptions = {}): Promise<Res> {
  const key = opts.key === undefined ? FULL : opts.key;
  const payload = opts.raw ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  if (payload !== undefined) {
    headers['content-type'] = 'application/json';
    // Node does not chunk DELETE bodies, so without a length the server would read them as the next request.
    headers['content-length'] = String(Buffer.byteLength(payload));
  }
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method, headers, agent: opts.agent ?? false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown = null;
        try {
          json = text === '' ? null : JSON.parse(text);
        } catch {
          json = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
      });
    });
    req.on('error', reject);
    req.end(payload);
  });
}

/** A sandbox for one test, closed after it, with its log lines and a `call` bound to its root. */
export interface TestSandbox extends Sandbox {
  root: string;
  logs: string[];
  call(method: string, path: string, opts?: ReqOptions): Promise<Res>;
}

const open: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close()));
});

/** Starts a sandbox on a free port; it is closed after the current test. */
export async function sandbox(options: Partial<SandboxOptions> = {}): Promise<TestSandbox> {
  const logs: string[] = [];
  const s = await startSandbox({ port: 0, log: (l) => logs.push(l), ...options });
  open.push(s);
  const root = s.url.replace(/\/api\/v1$/, '');
  return { ...s, root, logs, call: (method, path, opts) => send(root, method, path, opts) };
}
