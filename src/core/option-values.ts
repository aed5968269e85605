import { UsageError } from './errors.js';

// Parsers of option values, shared by the command line and the checks of the config file. Each throws a
// UsageError that says what was expected; the command line turns it into commander's "argument is invalid".

/** Parses an HTTP status argument (100-599). */
export function parseStatus(value: string): number {
  const n = Number(value);
  if (!/^\d{3}$/.test(value.trim()) || n < 100 || n > 599) throw new UsageError('Expected an HTTP status from 100 to 599.');
  return n;
}

/** Parses a number of seconds above 0. */
export function parseSeconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError('Expected a number of seconds above 0.');
  return n;
}

/** Parses a whole number, 0 or more. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError('Expected a whole number, 0 or more.');
  return Number(value);
}

/** Parses a TCP port, 0 to 65535 (0: pick a free one). */
export function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n > 65535) throw new UsageError('Expected a port from 0 to 65535 (0 picks a free one).');
  return n;
}

/** Parses a share of requests, 0 to 1. */
export function parseRate(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 1) throw new UsageError('Expected a number from 0 to 1, e.g. 0.2.');
  return n;
}

/** Parses a delay in milliseconds, 0 or more. */
export function parseMs(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError('Expected a whole number of milliseconds, 0 or more.');
  return Number(value);
}

/** Parses a share above 0 and at most 1, e.g. 0.99. */
export function parseShare(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n <= 0 || n > 1) throw new UsageError('Expected a share above 0 and at most 1, e.g. 0.99.');
  return n;
}

/** Parses a count of runs, 1 to 10000. */
export function parseRuns(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 10_000) throw new UsageError('Expected a whole number from 1 to 10000.');
  return Number(value);
}

/** Parses a number of threads, 1 to 256. */
export function parseThreads(value: string): number {
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1 || Number(value) > 256) throw new UsageError('Expected a whole number from 1 to 256.');
  return Number(value);
}

/** Parses a number of seconds, 0 or more. */
export function parseWeight(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError('Expected a number of seconds, 0 or more.');
  return n;
}

/** A request quota per key, or false when it is off. */
export type RateLimitValue = { limit: number; windowMs: number } | false;

/** Parses a rate limit: `<requests>/<seconds>`, e.g. 120/60, or `off`. */
export function parseRateLimit(value: string): RateLimitValue {
  if (value.trim() === 'off') return false;
  const m = /^(\d+)\/(\d+(?:\.\d+)?)$/.exec(value.trim());
  if (!m || Number(m[1]) === 0 || Number(m[2]) === 0) throw new UsageError('Expected <requests>/<seconds>, e.g. 120/60, or off.');
  return { limit: Number(m[1]), windowMs: Math.round(Number(m[2]) * 1000) };
}
