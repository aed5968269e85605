import { type ClassifyOptions, classifyExchange } from './classify.js';
import type { Classification, Exchange } from './types.js';

/** The status and code of one attempt, as the `attempts` list of the JSON contract shows it. */
export interface AttemptOutcome {
  status: number | null;
  code: string | null;
}

/** The outcome of every attempt of an exchange; `final` is the last attempt's classification, reused. */
export function attemptOutcomes(ex: Exchange, final: Classification, options: ClassifyOptions): AttemptOutcome[] {
  if (ex.attempts.length === 1) return [{ status: final.status, code: final.code }];
  const last = ex.attempts.length - 1;
  return ex.attempts.map((a, i) => {
    const c = i === last ? final : classifyExchange({ attempts: [a], source: ex.source }, options);
    return { status: c.status, code: c.code };
  });
}
