import type { Attempt } from '../core/types.js';

/** One HTTP request as `call` sends it. */
export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  signal?: AbortSignal;
}

/** What came back, or the transport failure, with timing. */
export interface HttpResult {
  attempt: Attempt;
  startedAt: number;
  durationMs: number;
}

type Got = typeof import('got').default;
let gotPromise: Promise<Got> | null = null;

/** got costs ~80 ms to load, so it is imported on the first request only. */
function loadGot(): Promise<Got> {
  gotPromise ??= import('got').then((m) => m.default);
  return gotPromise;
}

/**
 * Sends one request with got, its own retry and HTTP-error throwing off: every response, 4xx and 5xx
 * included, comes back as data for the classifier, and the retry loop stays op-errors' own.
 * Network failures come back as a transport failure named by the error code (ECONNREFUSED, ETIMEDOUT...).
 * An abort (Ctrl-C) is thrown.
 */
export async function send(req: HttpRequest): Promise<HttpResult> {
  const got = await loadGot();
  const startedAt = Date.now();
  try {
    const res = await got(req.url, {
      method: req.method as 'GET',
      headers: req.headers,
      body: req.body,
      throwHttpErrors: false,
      retry: { limit: 0 },
      timeout: { request: req.timeoutMs },
      responseType: 'text',
      signal: req.signal,
      allowGetBody: true,
    });
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(res.headers)) {
      if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return { attempt: { status: res.statusCode, headers, body: res.body }, startedAt, durationMs: Date.now() - startedAt };
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { name?: string };
    if (req.signal?.aborted || err.name === 'AbortError') throw e;
    const code = err.code ?? 'EUNKNOWN';
    const message = `${code}: ${err.message}`;
    return { attempt: { status: null, headers: {}, body: '', transport: { code, message } }, startedAt, durationMs: Date.now() - startedAt };
  }
}
