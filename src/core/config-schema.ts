import type { CatalogEntry, RetryStrategy } from './types.js';
import { isObject } from './fields.js';
import type { Catalog } from './catalog.js';
import { fallbackRetry } from './catalog.js';

/** An organisation's own code, or an override of a catalog entry, from the config file's `codes`. */
export interface CodeConfig {
  summary?: string;
  status?: number;
  retry?: RetryStrategy;
  fix?: string;
}

/** The backoff jitter kinds, shared by `--jitter` and the config key `jitter`. */
export const JITTERS = ['full', 'equal', 'none'] as const;
/** One backoff jitter kind. */
export type Jitter = (typeof JITTERS)[number];

/** The scripted failure modes of `serve --scenario` and `call --sandbox`. */
export const SCENARIOS = ['flaky', 'rate-limited', 'outage', 'slow', 'reset', 'gateway'] as const;

/** The keys a config file may hold, named like the flags they stand for; every one optional. */
export interface FileConfig {
  baseUrl?: string;
  apiKeyEnv?: string;
  /** Seconds per attempt. */
  timeout?: number;
  /** Retries after the first attempt (`--retry`). */
  retry?: number;
  /** Seconds: the first backoff wait, doubled after each attempt (no flag: `replay --suggest-policy` tunes it). */
  retryBaseDelay?: number;
  /** Seconds (`--retry-max-delay`). */
  retryMaxDelay?: number;
  /** Seconds (`--retry-max-time`). */
  retryMaxTime?: number;
  jitter?: Jitter;
  codes?: Record<string, CodeConfig>;
}

/** A checked config file: the settings, the problems that make it unusable, and notes on old key names. */
export interface CheckedConfig {
  config: FileConfig;
  errors: string[];
  warnings: string[];
}

const STRATEGIES: readonly RetryStrategy[] = ['none', 'backoff', 'reauth', 'refresh'];
const KNOWN = ['baseUrl', 'apiKeyEnv', 'timeout', 'retry', 'retryBaseDelay', 'retryMaxDelay', 'retryMaxTime', 'jitter', 'codes'];
/** The keys of the old `retry: {...}` object and the top-level keys that replace them. */
const OLD_RETRY_KEYS = { limit: 'retry', baseDelay: 'retryBaseDelay', maxDelay: 'retryMaxDelay', maxTime: 'retryMaxTime', jitter: 'jitter' } as const;

/** Checks a parsed config file; every problem names the key, so the message can point at it. */
export function validateConfig(raw: unknown): CheckedConfig {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (raw === null || raw === undefined) return { config: {}, errors, warnings };
  if (!isObject(raw)) return { config: {}, errors: ['the file must hold an object of settings'], warnings };
  for (const key of Object.keys(raw)) {
    if (key === 'apiKey') {
      errors.push('apiKey: a key does not belong in a file that may be committed; set apiKeyEnv to the name of ' +
        'the environment variable that holds it (default OPENPROSPECT_API_KEY)');
    } else if (!KNOWN.includes(key)) errors.push(`${key}: unknown setting (known: ${KNOWN.join(', ')})`);
  }
  const config: FileConfig = {};
  if (raw.baseUrl !== undefined) {
    if (typeof raw.baseUrl === 'string' && /^https?:\/\/[^\s/]+/.test(raw.baseUrl)) config.baseUrl = raw.baseUrl;
    else errors.push('baseUrl: expected an http:// or https:// URL');
  }
  if (raw.apiKeyEnv !== undefined) {
    if (typeof raw.apiKeyEnv === 'string' && /^[A-Za-z_][A-Za-z0-9_]*$/.test(raw.apiKeyEnv)) config.apiKeyEnv = raw.apiKeyEnv;
    else errors.push('apiKeyEnv: expected the name of an environment variable, e.g. OPENPROSPECT_API_KEY');
  }
  const retry = isObject(raw.retry) ? oldRetry(raw.retry, warnings, errors) : { retry: raw.retry };
  const values: Record<string, unknown> = { ...raw, ...retry };
  for (const key of ['timeout', 'retryBaseDelay', 'retryMaxDelay', 'retryMaxTime'] as const) {
    if (values[key] === undefined) continue;
    if (isPositive(values[key])) config[key] = values[key];
    else errors.push(`${where(key, raw)}: expected a number of seconds above 0`);
  }
  if (values.retry !== undefined) {
    if (Number.isInteger(values.retry) && (values.retry as number) >= 0) config.retry = values.retry as number;
    else errors.push(`${where('retry', raw)}: expected a whole number, 0 or more`);
  }
  if (values.jitter !== undefined) {
    if (JITTERS.includes(values.jitter as Jitter)) config.jitter = values.jitter as Jitter;
    else errors.push(`${where('jitter', raw)}: expected one of ${JITTERS.join(', ')}`);
  }
  if (raw.codes !== undefined) config.codes = validateCodes(raw.codes, errors);
  return { config, errors, warnings };
}

/** Reads the old `retry: {limit, maxDelay, maxTime, jitter}` object into the flag-named keys, with a warning. */
function oldRetry(raw: Record<string, unknown>, warnings: string[], errors: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = { retry: undefined };
  const renamed: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const now = OLD_RETRY_KEYS[key as keyof typeof OLD_RETRY_KEYS];
    if (now === undefined) errors.push(`retry.${key}: unknown setting (use retry, retryBaseDelay, retryMaxDelay, retryMaxTime, jitter)`);
    else {
      out[now] = value;
      renamed.push(`retry.${key} is now ${now}`);
    }
  }
  if (renamed.length > 0) warnings.push(`config keys are named like their flags: ${renamed.join(', ')} (the old names still work)`);
  return out;
}

/** The name to show for a key: the old nested name when the file used it. */
function where(key: string, raw: Record<string, unknown>): string {
  if (!isObject(raw.retry)) return key;
  const old = Object.entries(OLD_RETRY_KEYS).find(([, now]) => now === key)?.[0];
  return old !== undefined && old in raw.retry ? `retry.${old}` : key;
}

function validateCodes(raw: unknown, errors: string[]): Record<string, CodeConfig> | undefined {
  if (!isObject(raw)) {
    errors.push('codes: expected an object of CODE: {summary, status, retry, fix}');
    return undefined;
  }
  const out: Record<string, CodeConfig> = {};
  for (const [code, v] of Object.entries(raw)) {
    const at = `codes.${code}`;
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(code)) errors.push(`${at}: a code is letters, digits and underscores`);
    if (!isObject(v)) {
      errors.push(`${at}: expected {summary, status, retry, fix}`);
      continue;
    }
    const entry: CodeConfig = {};
    for (const [key, value] of Object.entries(v)) {
      if ((key === 'summary' || key === 'fix') && typeof value === 'string' && value.trim() !== '') entry[key] = value;
      else if (key === 'status' && Number.isInteger(value) && (value as number) >= 100 && (value as number) <= 599) entry.status = value as number;
      else if (key === 'retry' && STRATEGIES.includes(value as RetryStrategy)) entry.retry = value as RetryStrategy;
      else if (['summary', 'fix', 'status', 'retry'].includes(key)) {
        errors.push(`${at}.${key}: ${key === 'status' ? 'expected an HTTP status from 100 to 599' : key === 'retry'
          ? `expected one of ${STRATEGIES.join(', ')}` : 'expected a non-empty string'}`);
      } else errors.push(`${at}.${key}: unknown setting (known: summary, status, retry, fix)`);
    }
    out[code] = entry;
  }
  return out;
}

function isPositive(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0;
}

/**
 * Catalog entries for the config file's `codes`: an override merges into the built-in entry; a new
 * code needs a summary and a fix, and without a retry rule follows its status's rule.
 */
export function entriesFromConfig(codes: Record<string, CodeConfig>, base: Catalog, file: string):
  { entries: CatalogEntry[]; errors: string[] } {
  const entries: CatalogEntry[] = [];
  const errors: string[] = [];
  for (const [code, c] of Object.entries(codes)) {
    const existing = base.get(code);
    if (existing) {
      entries.push({ ...existing, ...c, sources: [...existing.sources, 'config'] });
      continue;
    }
    if (!c.summary || !c.fix) {
      errors.push(`codes.${code}: a new code needs a summary and a fix`);
      continue;
    }
    const status = c.status ?? null;
    const retry = c.retry ?? (status === null ? 'none' : base.generic(status)?.retry ?? fallbackRetry(status));
    entries.push({
      code: code.toUpperCase(), status, kind: 'api', summary: c.summary, cause: `Defined by your organisation in ${file}.`,
      fix: c.fix, retry, sources: ['config'], related: status === null ? [] : [base.generic(status)?.code].filter((x): x is string => !!x),
    });
  }
  return { entries, errors };
}
