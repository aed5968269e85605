import type { Readable } from 'node:stream';
import { MAX_REDIRECTS, type RedirectHop, headersAfterRedirect, isRedirect, planRedirect } from '../core/redirect.js';
import { type BodyKind, bodyKind } from '../core/body-check.js';
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
  /** The response, its body cut to the first PREFIX_BYTES: enough to classify, bounded in memory. */
  attempt: Attempt;
  startedAt: number;
  durationMs: number;
  /** The redirects met on the way, in order. */
  redirects: RedirectHop[];
  /** The body beyond the prefix, not yet read; null when the prefix is the whole body. */
  body: ResponseBody | null;
  /** The first PREFIX_BYTES of the body as they came, for a body that must be written byte for byte. */
  bytes: Buffer;
  /** Whether the body is text, text in another charset, or data: how it is shown, written and recorded. */
  kind: BodyKind;
}

/** A response body too long to hold: its first bytes, and the rest still on the wire. */
export interface ResponseBody {
  prefix: Buffer;
  rest: Readable;
}

const NO_BYTES: Buffer = Buffer.alloc(0);

/** How much of a body is held in memory to classify it; the rest streams through. */
export const PREFIX_BYTES = 1024 * 1024;

type Got = typeof import('got').default;
let gotPromise: Promise<Got> | null = null;

/** got costs ~80 ms to load, so it is imported on the first request only. */
function loadGot(): Promise<Got> {
  gotPromise ??= import('got').then((m) => m.default);
  return gotPromise;
}

/**
 * Sends one request with got, its own retry, redirects and HTTP-error throwing off: every response, 4xx and
 * 5xx included, comes back as data for the classifier, and the retry loop stays op-errors' own. Redirects are
 * followed here so that no credential goes to another origin or over a downgraded scheme. Network and protocol
 * failures come back as a transport failure named by the error code. An abort (Ctrl-C) is thrown.
 */
export async function send(req: HttpRequest): Promise<HttpResult> {
  const got = await loadGot();
  const startedAt = Date.now();
  const redirects: RedirectHop[] = [];
  const timer = new AbortController();
  let timedOut = false;
  const clock = setTimeout(() => {
    timedOut = true;
    timer.abort();
  }, req.timeoutMs);
  const signal = req.signal ? AbortSignal.any([req.signal, timer.signal]) : timer.signal;
  let url = new URL(req.url);
  let { method, headers, body } = req;
  const result = (attempt: Attempt, rest: ResponseBody | null = null, bytes = NO_BYTES): HttpResult => ({
    attempt, startedAt, durationMs: Date.now() - startedAt, redirects, body: rest, bytes,
    kind: attempt.transport ? 'text' : bodyKind(attempt.headers['content-type'], bytes),
  });
  try {
    for (let hop = 0; ; hop++) {
      const stream = got.stream(url, {
        method: method as 'GET', headers, body, throwHttpErrors: false, followRedirect: false, retry: { limit: 0 }, signal,
        // A body that stalls after its first bytes is given up after the attempt's timeout of silence.
        timeout: { socket: req.timeoutMs },
        allowGetBody: body !== undefined,
      });
      // A stream request without a body waits to be written to: say there is nothing to write.
      if (body === undefined) stream.end();
      const response = await responseOf(stream);
      const status = response.statusCode;
      const location = response.headers.location;
      if (isRedirect(status, location)) {
        if (hop >= MAX_REDIRECTS) {
          stream.destroy();
          return result(transport('ERR_TOO_MANY_REDIRECTS', `more than ${MAX_REDIRECTS} redirects, the last to ${location}`));
        }
        const plan = planRedirect(url, status, location!, method, body !== undefined);
        if (plan.follow) {
          stream.destroy();
          redirects.push({ status, from: url.toString(), to: plan.url.toString(), action: plan.dropCredentials ? 'followed-without-credentials' : 'followed', note: plan.note });
          ({ url, method } = plan);
          headers = headersAfterRedirect(headers, plan);
          if (plan.dropBody) body = undefined;
          continue;
        }
        redirects.push({ status, from: url.toString(), to: new URL(location!, url).toString(), action: 'not-followed', note: plan.note });
      }
      const { prefix, complete } = await readPrefix(stream);
      // Past the prefix, the transfer may take as long as the data does: the attempt's timeout covered the answer.
      clearTimeout(clock);
      const attempt = { status, headers: flatHeaders(response.headers), body: prefix.toString('utf8') };
      return result(attempt, complete ? null : { prefix, rest: stream }, prefix);
    }
  } catch (e) {
    const err = e as NodeJS.ErrnoException & { name?: string };
    if (req.signal?.aborted) throw e;
    if (timedOut) return result(transport('ETIMEDOUT', `ETIMEDOUT: no complete answer within ${req.timeoutMs} ms`));
    const code = err.code && err.code !== 'ERR_GOT_REQUEST_ERROR' ? err.code : causeCode(err) ?? 'EUNKNOWN';
    return result(transport(code, `${code}: ${err.message}`));
  } finally {
    clearTimeout(clock);
  }
}

function transport(code: string, message: string): Attempt {
  return { status: null, headers: {}, body: '', transport: { code, message } };
}

function responseOf(stream: ReturnType<Got['stream']>): Promise<import('got').Response> {
  return new Promise((resolve, reject) => {
    stream.once('response', resolve);
    stream.once('error', reject);
  });
}

/** Reads up to PREFIX_BYTES of the body; the stream is left paused at that point when there is more. */
async function readPrefix(stream: Readable): Promise<{ prefix: Buffer; complete: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  return new Promise((resolve, reject) => {
    // A body that broke in the same tick as the headers arrived has already failed: no event will follow.
    if (stream.errored) return reject(stream.errored);
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      if (size >= PREFIX_BYTES) {
        stream.pause();
        cleanup();
        const all = Buffer.concat(chunks);
        // What went past the prefix goes back to the front of the stream, so nothing is lost.
        if (all.length > PREFIX_BYTES) stream.unshift(all.subarray(PREFIX_BYTES));
        resolve({ prefix: all.subarray(0, PREFIX_BYTES), complete: false });
      }
    };
    const onEnd = () => {
      cleanup();
      resolve({ prefix: Buffer.concat(chunks), complete: true });
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const cleanup = () => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.off('error', onError);
    };
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', onError);
  });
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

/** got wraps errors; the parser's (HPE_...) and zlib's (Z_DATA_ERROR) codes are on the cause. */
function causeCode(err: Error): string | undefined {
  const cause = (err as { cause?: NodeJS.ErrnoException }).cause;
  return cause?.code;
}
