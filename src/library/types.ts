import type { AttemptOutcome } from '../core/attempts.js';
import type { Classification, InputProblem } from '../core/types.js';

/** One response as a Node program holds it: from fetch, got, axios or a test double. */
export interface ResponseLike {
  /** The HTTP status; null when unknown (the body then decides). */
  status: number | null;
  /** Plain object (values may be arrays) or a fetch `Headers`; names are matched case-insensitively. */
  headers?: Headers | Record<string, string | string[] | number | undefined | null>;
  /** Raw text, bytes, or an already parsed JSON value. */
  body?: unknown;
}

/** What `classify` accepts: text as it would be piped to the CLI, or one response object. */
export type ClassifyInput = string | ResponseLike;

/** How `classify` reads its input. */
export interface ClassifyOptions {
  /** The status to assume for a bare body that names none (the CLI's `--status`). */
  status?: number;
  /** The current time in ms, for HTTP-date Retry-After values; defaults to Date.now(). */
  now?: number;
  /** The name reported in `source.input`; "-" by default, as for stdin. */
  source?: string;
  /** Told about each part of the input that could not be read (the CLI prints these and exits 2). */
  onProblem?: (problem: InputProblem) => void;
}

/** One object of the `classify --json` contract. */
export type ClassificationRecord = Omit<Classification, 'retryAfterSource'> & {
  attempts: AttemptOutcome[];
  source: { input: string; line: number };
};
