import type { Classification } from './types.js';

/** The exit codes every command uses. */
export const EXIT = {
  OK: 0,
  /** A non-retryable error, or explain did not find the code. */
  FAILURE: 1,
  /** Bad usage, or input that could not be read. */
  USAGE: 2,
  /** A retryable error (EX_TEMPFAIL). */
  TEMPFAIL: 75,
  /** 128 + the signal's number, as shells report a process that a signal ended. */
  HANGUP: 129,
  INTERRUPTED: 130,
  TERMINATED: 143,
} as const;

/** The exit code for a run ended by SIGINT (Ctrl-C, also when the signal is not known), SIGTERM or SIGHUP. */
export function exitForSignal(signal: string | undefined): number {
  return signal === 'SIGTERM' ? EXIT.TERMINATED : signal === 'SIGHUP' ? EXIT.HANGUP : EXIT.INTERRUPTED;
}

/**
 * The final classification of a call as its exit code tells it: 75 only when repeating the same command is
 * safe, so an outcome that was not retried because the method is not idempotent is not retryable (its `retry`
 * keeps the code's rule).
 */
export function finalForCall(c: Classification, stop: string): Classification {
  return stop === 'unsafe-method' && c.retryable ? { ...c, retryable: false } : c;
}

/** The exit code for one classified exchange. */
export function exitCodeFor(c: Classification): number {
  if (c.ok) return EXIT.OK;
  return c.retryable ? EXIT.TEMPFAIL : EXIT.FAILURE;
}

const SEVERITY: Record<number, number> = { [EXIT.OK]: 0, [EXIT.TEMPFAIL]: 1, [EXIT.FAILURE]: 2, [EXIT.USAGE]: 3 };

/** The worse of two exit codes: unreadable input over failure over retryable over success. */
export function worseExit(a: number, b: number): number {
  return (SEVERITY[b] ?? 2) > (SEVERITY[a] ?? 2) ? b : a;
}
