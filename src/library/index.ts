// The op-errors library: the catalog, the classifier and the retry policy, without any of the CLI.
import { normalizeCode } from '../core/catalog.js';
import type { CatalogEntry } from '../core/types.js';
import { defaultCatalog } from '../data/catalog.js';

export { classify } from './classify.js';
export type { ClassificationRecord, ClassifyInput, ClassifyOptions, ResponseLike } from './types.js';
export type { AttemptOutcome } from '../core/attempts.js';
export type { CatalogEntry, Classification, FieldError, InputProblem, RetryStrategy } from '../core/types.js';
export {
  DEFAULT_POLICY, backoffDelay, decide as decideRetry, isIdempotent,
  type RetryDecision, type RetryInput, type RetryPolicy, type StopReason, type WaitReason,
} from '../core/retry-policy.js';

/** The catalog entry for a code, an alias or an HTTP status (its generic entry); null when unknown. */
export function explain(code: string | number): CatalogEntry | null {
  const text = String(code).trim();
  if (/^\d{3}$/.test(text)) {
    const status = Number(text);
    return defaultCatalog.generic(status) ?? defaultCatalog.withStatus(status)[0] ?? null;
  }
  return text === '' ? null : defaultCatalog.get(normalizeCode(text)) ?? null;
}

/** Every entry of the built-in catalog, in catalog order. */
export function codes(): readonly CatalogEntry[] {
  return defaultCatalog.all();
}
