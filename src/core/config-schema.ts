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

/** The keys a config file may hold; every one optional. */
export interface FileConfig {
  baseUrl?: string;
  apiKeyEnv?: string;
  /** Seconds per attempt. */
  timeout?: number;
  retry?: { limit?: number; baseDelay?: number; maxDelay?: number; maxTime?: number; jitter?: 'full' | 'equal' | 'none' };
  codes?: Record<string, CodeConfig>;
}

const STRATEGIES: readonly RetryStrategy[] = ['none', 'backoff', 'reauth', 'refresh'];
const JITTERS = ['full', 'equal', 'none'] as const;

/** Checks a parsed config file; every problem names the key, so the message can point at it. */
export function validateConfig(raw: unknown): { config: FileConfig; errors: string[] } {
  const errors: string[] = [];
  if (raw === null || raw === undefined) return { config: {}, errors };
  if (!isObject(raw)) return { config: {}, errors: ['the file must hold an object of settings'] };
  const known = ['baseUrl', 'apiKeyEnv', 'timeout', 'retry', 'codes'];
  for (const key of Object.keys(raw)) {
    if (key === 'apiKey') {
      errors.push('apiKey: a key does not belong in a file that may be committed; set apiKeyEnv to the name of ' +
        'the environment variable that holds it (default OPENPROSPECT_API_KEY)');
    } else if (!known.includes(key)) errors.push(`${key}: unknown setting (known: ${known.join(', ')})`);
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
  if (raw.timeout !== undefined) {
    if (isPositive(raw.timeout)) config.timeout = raw.timeout;
    else errors.push('timeout: expected a number of seconds above 0');
  }
  if (raw.retry !== undefined) config.retry = validateRetry(raw.retry, errors);
  if (raw.codes !== undefined) config.codes = validateCodes(raw.codes, errors);
  return { config, errors };
}

function validateRetry(raw: unknown, errors: string[]): FileConfig['retry'] {
  if (!isObject(raw)) {
    errors.push('retry: expected an object with limit, baseDelay, maxDelay, maxTime, jitter');
    return undefined;
  }
  const out: NonNullable<FileConfig['retry']> = {};
  for (const key of Object.keys(raw)) {
    const v = raw[key];
    if (key === 'limit' && Number.isInteger(v) && (v as number) >= 0) out.limit = v as number;
    else if ((key === 'baseDelay' || key === 'maxDelay' || key === 'maxTime') && isPositive(v)) out[key] = v;
    else if (key === 'jitter' && JITTERS.includes(v as 'full')) out.jitter = v as 'full';
    else if (['limit', 'baseDelay', 'maxDelay', 'maxTime', 'jitter'].includes(key)) {
      errors.push(`retry.${key}: ${key === 'limit' ? 'expected a whole number, 0 or more' : key === 'jitter'
        ? `expected one of ${JITTERS.join(', ')}` : 'expected a number of seconds above 0'}`);
    } else errors.push(`retry.${key}: unknown setting (known: limit, baseDelay, maxDelay, maxTime, jitter)`);
  }
  return out;
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
