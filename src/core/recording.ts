import type { Attempt } from './types.js';

/** One request and what came back, as read from a recording (cassette, HAR, curl capture). */
export interface RecordedExchange {
  method: string;
  /** The full URL as recorded (secrets already masked in op-errors cassettes). */
  url: string;
  attempt: Attempt;
  /** When the request started (ms since the epoch), when the recording says. */
  startedAt: number | null;
  durationMs: number | null;
  /** The request carried an Idempotency-Key header, so a retry could not apply it twice. */
  idempotencyKey?: boolean;
  /** Input file and 1-based position (entry index or line) for messages. */
  source: { input: string; line: number };
}

/** Consecutive recorded requests with the same method and URL: the attempts of one call. */
export interface RecordedCall {
  method: string;
  url: string;
  attempts: RecordedExchange[];
}

/** The path of a recorded URL without its query, for matching requests to recordings. */
export function pathOf(url: string): string {
  try {
    return new URL(url, 'http://recorded.invalid').pathname;
  } catch {
    return url.split('?')[0];
  }
}
