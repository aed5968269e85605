import { classify } from '../../src/core/classify.js';
import type { RecordedExchange } from '../../src/core/recording.js';
import type { SearchCall } from '../../src/core/policy-search.js';
import type { Attempt, Classification } from '../../src/core/types.js';
import { defaultCatalog } from '../../src/data/catalog.js';

const T0 = Date.parse('2026-11-21T09:00:00Z');

/** One recorded attempt of a crafted incident: `at` ms after the incident starts. */
export interface Step { at: number; status: number | null; body?: unknown; headers?: Record<string, string>; transport?: string }

/** A crafted call: method, URL, whether it carries an Idempotency-Key, and its recorded attempts. */
export interface CraftedCall { method?: string; url?: string; keyed?: boolean; steps: Step[]; offset?: number }

const CODES: Record<number, string> = { 200: '', 404: 'ORDER_NOT_FOUND', 429: 'RATE_LIMIT_EXCEEDED', 503: 'SERVICE_UNAVAILABLE', 422: 'VALIDATION_ERROR' };

function attemptOf(s: Step): Attempt {
  if (s.transport) return { status: null, headers: {}, body: '', transport: { code: s.transport, message: s.transport } };
  const body = s.body ?? (s.status === 200 ? { items: [] } : { error: { code: CODES[s.status!] ?? 'INTERNAL_ERROR', message: 'crafted' } });
  return { status: s.status, headers: { 'content-type': 'application/json', ...s.headers }, body: JSON.stringify(body) };
}

/** The call as the recording readers give it. */
export function exchanges(call: CraftedCall): RecordedExchange[] {
  return call.steps.map((s, i) => ({
    method: call.method ?? 'GET', url: call.url ?? 'https://api.example.test/api/v1/orders', attempt: attemptOf(s),
    startedAt: T0 + (call.offset ?? 0) + s.at, durationMs: 20, idempotencyKey: call.keyed === true, source: { input: 'crafted', line: i + 1 },
  }));
}

/** The call as the policy search takes it. */
export function searchCall(call: CraftedCall): SearchCall {
  return { attempts: exchanges(call), method: call.method ?? 'GET', idempotencyKey: call.keyed === true };
}

/** An op-errors cassette holding the calls, one after another. */
export function cassette(calls: CraftedCall[]): string {
  const interactions = calls.flatMap((call) => exchanges(call).map((e, i) => ({
    recordedAt: new Date(e.startedAt!).toISOString(), attempt: i + 1,
    request: { method: e.method, url: e.url, headers: call.keyed ? { 'idempotency-key': 'k1' } : {}, body: null },
    response: e.attempt.transport ? null : { status: e.attempt.status, headers: e.attempt.headers, body: e.attempt.body },
    transport: e.attempt.transport ? { code: e.attempt.transport.code, message: e.attempt.transport.message } : null,
    durationMs: e.durationMs,
  })));
  return JSON.stringify({ format: 'op-errors-cassette', version: 1, interactions }, null, 1);
}

/** A 503 outage of `ms` from the first attempt, then success. */
export const outage = (ms: number, extra: Partial<CraftedCall> = {}): CraftedCall =>
  ({ ...extra, steps: [{ at: 0, status: 503 }, { at: ms, status: 200 }] });

const now = Date.parse('2026-11-21T12:00:00Z');
const cache = new Map<Attempt, Classification>();
/** The built-in classifier, remembered per attempt as replay does. */
export const classifyCrafted = (a: Attempt): Classification => {
  let c = cache.get(a);
  if (!c) cache.set(a, (c = classify(a, { catalog: defaultCatalog, now })));
  return c;
};
