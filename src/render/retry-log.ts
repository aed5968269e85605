import type { AttemptRecord, RetryDecision, RetryPolicy, WaitReason } from '../core/retry-policy.js';
import type { Classification } from '../core/types.js';
import { RETRY_VERDICT, humanMs } from './words.js';

/** What each wait reason is called in logs, tables and reports. */
export const WAIT_REASON: Record<WaitReason, string> = {
  'retry-after': 'Retry-After',
  retry_after: 'body retry_after',
  'x-ratelimit-reset': 'X-RateLimit-Reset',
  backoff: 'backoff',
};

/** What came back, in a few words: `HTTP 503 SERVICE_UNAVAILABLE` or `ECONNRESET (CONNECTION_RESET)`. */
export function outcomeWords(r: AttemptRecord): string {
  if (r.transport) return r.code && r.code !== r.transport ? `${r.transport} (${r.code})` : r.transport;
  if (r.status === null) return r.code ?? 'no status';
  return `HTTP ${r.status}${r.code ? ` ${r.code}` : ''}`;
}

/** Why a retryable outcome was not retried, in the log and in the verdict line of the result. */
export function notRetriedVerdict(method: string): string {
  return `not retried: ${method.toUpperCase()} is not idempotent (the server may have acted on it); ` +
    'an Idempotency-Key (call --idempotency-key auto) makes it safe to retry';
}

/** The verdict for a retryable answer to a request that a transcript shows must not be repeated blindly. */
export function unsafeRepeatVerdict(method: string): string {
  return `do not repeat: ${method.toUpperCase()} is not idempotent (the server may have acted on it); ` +
    'sent with an Idempotency-Key it is safe to retry';
}

/** One line of the retry log: what attempt n got, and what happens next and why. */
export function retryLogLine(
  r: AttemptRecord, c: Classification, d: RetryDecision, elapsedMs: number, policy: RetryPolicy, method: string,
  summary: string | undefined,
): string {
  const head = `attempt ${r.attempt} of ${policy.limit + 1}: ${outcomeWords(r)}`;
  const left = policy.maxTimeMs === null ? '' : `; ${humanMs(Math.max(0, policy.maxTimeMs - elapsedMs))} left before the ` +
    `${humanMs(policy.maxTimeMs)} deadline`;
  if (d.retry) {
    const why = summary ? ` (${summary.charAt(0).toLowerCase()}${summary.slice(1)})` : '';
    return `${head}${why}: retryable; waiting ${humanMs(d.delayMs)} (${WAIT_REASON[d.reason]})${left}`;
  }
  const retries = r.attempt - 1;
  const took = `${retries === 1 ? '1 retry' : `${retries} retries`} in ${humanMs(elapsedMs)}`;
  switch (d.reason) {
    case 'success': return `${head}: succeeded${retries > 0 ? ` after ${took}` : ''}`;
    case 'not-retryable': return `${head}: not retried (${RETRY_VERDICT[c.retry]})`;
    case 'retry-off': return `${head}: retryable; run with --retry <n> to repeat it automatically`;
    case 'limit': return `${head}: gave up after ${took} (--retry ${policy.limit})`;
    case 'unsafe-method': return `${head}: ${notRetriedVerdict(method)}`;
    case 'deadline':
      return `${head}: stopped: the next wait of ${humanMs(d.delayMs ?? 0)} would pass the ` +
        `${humanMs(policy.maxTimeMs ?? 0)} deadline (--retry-max-time)${left}`;
  }
}
