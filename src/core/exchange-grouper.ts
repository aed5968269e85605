import type { Attempt, Exchange } from './types.js';
import { CURL_RETRIED_STATUSES } from './line-patterns.js';

/**
 * Decides which responses belong to one exchange: interim responses (redirects, proxy CONNECT replies,
 * auth challenges) give way to the next one, and the responses after a curl-retried one are its attempts.
 */
export class ExchangeGrouper {
  private attempts: Attempt[] = [];
  private line = 0;
  /** Whether the open exchange came from header blocks (true) or a bare body (false). */
  private framed = false;

  constructor(private readonly input: string, private readonly emit: (exchange: Exchange) => void) {}

  /** Adds a response read from a header block, or a curl error line. */
  addFramed(attempt: Attempt, line: number): void {
    if (this.framed && this.attempts.length > 0) {
      if (isInterim(this.attempts[this.attempts.length - 1])) this.attempts.pop();
      if (this.attempts.length === 0 || isRetriedAttempt(this.attempts[this.attempts.length - 1])) {
        this.attempts.push(attempt);
        return;
      }
    }
    this.start(attempt, line, true);
  }

  /** Adds a bare body: always an exchange of its own. */
  addBare(attempt: Attempt, line: number): void {
    this.start(attempt, line, false);
  }

  /** Gives a bare body still open the status of a following `-w '%{http_code}'` line; false if none waits. */
  setTrailingStatus(status: number): boolean {
    const last = this.attempts[this.attempts.length - 1];
    if (this.framed || !last || last.status !== null) return false;
    last.status = status;
    return true;
  }

  /** Emits the open exchange, if any. */
  flush(): void {
    if (this.attempts.length === 0) return;
    const attempts = this.attempts;
    this.attempts = [];
    this.emit({ attempts, source: { input: this.input, line: this.line } });
  }

  private start(attempt: Attempt, line: number, framed: boolean): void {
    this.flush();
    this.attempts = [attempt];
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
