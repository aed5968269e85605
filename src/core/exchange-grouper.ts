import type { Attempt, Exchange, SeenRequest } from './types.js';
import { CURL_RETRIED_STATUSES } from './line-patterns.js';

/** The most attempts one exchange holds; curl --retry stops far earlier, and memory stays bounded. */
const MAX_ATTEMPTS = 1_000;
/** The most body text one exchange holds across its attempts. */
const MAX_HELD_CHARS = 32 * 1024 * 1024;

/**
 * Decides which responses belong to one exchange: interim responses (redirects, proxy CONNECT replies,
 * auth challenges) give way to the next one, and the responses after a curl-retried one are its attempts.
 */
export class ExchangeGrouper {
  private attempts: Attempt[] = [];
  private line = 0;
  /** Whether the open exchange came from header blocks (true) or a bare body (false). */
  private framed = false;
  /** The open attempt came from a `curl: (22)` line, so the body --fail-with-body prints next is its body. */
  private failLine = false;
  /** curl said it will retry, so the next bare body is another attempt of the open exchange. */
  private retrying = false;
  private heldChars = 0;
  /** The request line seen last, waiting for its response; and the request of the open exchange. */
  private pendingRequest: SeenRequest | null = null;
  private request: SeenRequest | null = null;

  constructor(private readonly input: string, private readonly emit: (exchange: Exchange) => void) {}

  /** Adds a response read from a header block, or a curl error line. */
  addFramed(attempt: Attempt, line: number): void {
    this.failLine = false;
    this.retrying = false;
    // A capture of many separate calls that all failed the same way is not one call retried without end.
    if (this.framed && this.attempts.length > 0 && this.hasRoom()) {
      if (isInterim(this.attempts[this.attempts.length - 1])) this.attempts.pop();
      if (this.attempts.length === 0 || isRetriedAttempt(this.attempts[this.attempts.length - 1])) {
        this.hold(attempt);
        return;
      }
    }
    this.start(attempt, line, true);
  }

  /** Notes a request line of a transcript (curl -v, HTTPie): the next exchange was sent with this method. */
  noteRequest(method: string): void {
    this.pendingRequest = { method, idempotencyKey: false };
  }

  /** Notes a header of that request: only whether it is an Idempotency-Key matters. */
  noteRequestHeader(name: string): void {
    if (this.pendingRequest && name.toLowerCase() === 'idempotency-key') this.pendingRequest.idempotencyKey = true;
  }

  /** Adds a bare body: an exchange of its own, unless it is the body of a (22) line or a retried attempt. */
  addBare(attempt: Attempt, line: number): void {
    const last = this.attempts[this.attempts.length - 1];
    if (this.failLine && last && last.body === '') {
      this.failLine = false;
      Object.assign(last, { body: attempt.body, json: attempt.json, headers: { ...attempt.headers, ...last.headers } });
      return;
    }
    if (this.retrying && last && this.hasRoom()) {
      this.retrying = false;
      this.hold(attempt);
      return;
    }
    this.start(attempt, line, false);
  }

  /** Adds the response a `curl: (22)` line reports (--fail, --fail-with-body). */
  addFailLine(attempt: Attempt, line: number): void {
    this.addFramed(attempt, line);
    this.failLine = true;
  }

  /** Notes a curl `Warning: ... Will retry` line: the next bare body belongs to the open exchange. */
  noteRetryWarning(line: string): void {
    if (/Will retry in/.test(line) && this.attempts.length > 0) this.retrying = true;
  }

  /** True when the open exchange's final attempt has this status. */
  lastStatusIs(status: number): boolean {
    return this.attempts[this.attempts.length - 1]?.status === status;
  }

  /** Gives a bare body still open the status of a following `-w '%{http_code}'` line; false if none waits. */
  setTrailingStatus(status: number): boolean {
    const last = this.attempts[this.attempts.length - 1];
    if (this.framed || !last || last.status !== null) return false;
    last.status = status;
    return true;
  }

  /** True when a bare body read next would start an exchange of its own. */
  settled(): boolean {
    return !this.failLine && !this.retrying;
  }

  /** Emits the open exchange, if any. */
  flush(): void {
    if (this.attempts.length === 0) return;
    const attempts = this.attempts;
    this.attempts = [];
    const exchange: Exchange = { attempts, source: { input: this.input, line: this.line } };
    if (this.request) exchange.request = this.request;
    this.request = null;
    this.emit(exchange);
  }

  private hasRoom(): boolean {
    return this.attempts.length < MAX_ATTEMPTS && this.heldChars < MAX_HELD_CHARS;
  }

  private hold(attempt: Attempt): void {
    this.attempts.push(attempt);
    this.heldChars += attempt.body.length;
    // A retry sends the same request again; a redirect followed sends the one whose answer this is.
    if (this.pendingRequest) this.request = this.pendingRequest;
    this.pendingRequest = null;
  }

  private start(attempt: Attempt, line: number, framed: boolean): void {
    this.flush();
    this.heldChars = attempt.body.length;
    this.failLine = false;
    this.retrying = false;
    this.attempts = [attempt];
    this.request = this.pendingRequest;
    this.pendingRequest = null;
    this.line = line;
    this.framed = framed;
  }
}

/** A response that only leads to the next one: a redirect, a proxy CONNECT reply, an auth challenge. */
function isInterim(a: Attempt): boolean {
  if (a.status === null || a.transport) return false;
  const empty = a.body.trim() === '';
  if (a.status >= 300 && a.status < 400) return true;
  if (a.status >= 200 && a.status < 300) return empty;
  return (a.status === 401 || a.status === 407) && empty &&
    ('www-authenticate' in a.headers || 'proxy-authenticate' in a.headers);
}

/** A response or failure after which curl --retry tries again, so the next block is the same exchange. */
function isRetriedAttempt(a: Attempt): boolean {
  return a.transport !== undefined || (a.status !== null && CURL_RETRIED_STATUSES.has(a.status));
}
