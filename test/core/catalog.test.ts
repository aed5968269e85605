import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { normalizeCode } from '../../src/core/catalog.js';
import { defaultCatalog, ENTRIES, GENERIC_CODES } from '../../src/data/catalog.js';

/** Every code each of the five documents names (checked against the documents themselves below). */
const SEED_CODES: Record<string, string[]> = {
  'openprospect-reference': ['ENTITY_NOT_FOUND', 'INVALID_REQUEST', 'INVALID_JSON', 'MISSING_FIELD', 'INVALID_TYPE',
    'INVALID_ENUM', 'INVALID_FORMAT', 'UNAUTHORIZED', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'TOKEN_REVOKED', 'NO_TOKEN',
    'INSUFFICIENT_SCOPE', 'FORBIDDEN', 'RESOURCE_ACCESS_DENIED', 'PLAN_LIMIT_EXCEEDED', 'TEAM_PERMISSION_REQUIRED',
    'API_DISABLED', 'NOT_FOUND', 'CONFLICT', 'DUPLICATE_ENTRY', 'STATE_CONFLICT', 'CONCURRENT_MODIFICATION',
    'RESOURCE_LOCKED', 'UNPROCESSABLE_ENTITY', 'MISSING_PREREQUISITES', 'INVALID_STATE_TRANSITION',
    'BUSINESS_RULE_VIOLATION', 'INSUFFICIENT_DATA', 'ORDER_NOT_FOUND', 'AUTHORIZATION_ERROR', 'BLACKLIST_NOT_FOUND',
    'BLACKLIST_ACCESS_DENIED', 'INTERNAL_ERROR', 'BAD_GATEWAY', 'SERVICE_UNAVAILABLE', 'GATEWAY_TIMEOUT',
    'AUTHENTICATION_ERROR', 'WEBHOOK_DELIVERY_FAILED', 'AI_PROCESSING_FAILED', 'DATA_QUALITY_ERROR'],
  'openprospect-errors': ['UNAUTHORIZED', 'AUTHORIZATION_ERROR', 'VALIDATION_ERROR', 'ORDER_NOT_FOUND',
    'PROSPECT_SEARCH_NOT_FOUND', 'BLACKLIST_NOT_FOUND'],
  'verification-api': ['INVALID_API_KEY', 'INSUFFICIENT_SCOPE', 'NO_ACTIVE_ORGANIZATION', 'INSUFFICIENT_CREDITS',
    'RATE_LIMIT_EXCEEDED', 'INVALID_CSV_FORMAT', 'RESOURCE_NOT_FOUND', 'JOB_NOT_FOUND', 'INVALID_JOB_STAGE',
    'NO_EMAILS_TO_VERIFY'],
  'incident-api': ['UNAUTHORIZED', 'INVALID_CREDENTIALS', 'SESSION_EXPIRED', 'INVALID_SIGNATURE', 'FORBIDDEN',
    'CSRF_VALIDATION_FAILED', 'ACCOUNT_DISABLED', 'NOT_FOUND', 'BAD_REQUEST', 'CONFLICT', 'UNPROCESSABLE_ENTITY',
    'VALIDATION_ERROR', 'RATE_LIMIT_EXCEEDED', 'INTERNAL_ERROR', 'DATABASE_ERROR', 'SERVICE_UNAVAILABLE'],
  'lead-api': ['VALIDATION_ERROR', 'LEAD_NOT_FOUND', 'DUPLICATE_EMAIL', 'RATE_LIMIT_EXCEEDED'],
};

/** Upper-case words in the documents that are not error codes. */
const NOT_CODES = new Set(['COMPANY_DATA', 'EMAIL_DISCOVERY', 'EMAIL_GENERATION', 'ERROR_CODE',
  'MACHINE_READABLE_ERROR_CODE', 'OPENPROSPECT_API_KEY', 'UNKNOWN']);

describe('catalog invariants', () => {
  it('has unique codes, and aliases that clash with no code or other alias', () => {
    const names = ENTRIES.flatMap((e) => [e.code, ...(e.aliases ?? [])]).map(normalizeCode);
    expect(new Set(names).size).toBe(names.length);
  });

  it('fills every field of every entry', () => {
    for (const e of ENTRIES) {
      for (const field of ['summary', 'cause', 'fix'] as const) expect(e[field].trim(), `${e.code}.${field}`).not.toBe('');
      expect(e.code).toMatch(/^[A-Z][A-Z0-9_]+$/);
      expect(e.sources.length, e.code).toBeGreaterThan(0);
      expect(e.related.length, e.code).toBeGreaterThan(0);
      for (const r of e.related) expect(defaultCatalog.get(r)?.code, `${e.code} → ${r}`).toBe(r);
      expect(e.related).not.toContain(e.code);
      if (e.kind === 'transport') expect(e.status).toBeNull();
      else if (e.status !== null) expect(e.status).toBeGreaterThanOrEqual(400);
    }
  });

  it('holds every code the five documents name, credited to each document', () => {
    for (const [source, codes] of Object.entries(SEED_CODES)) {
      for (const code of codes) expect(defaultCatalog.get(code)?.sources, `${code} in ${source}`).toContain(source);
    }
  });

  it('has a generic code for each HTTP error status, with that status', () => {
    for (const status of [400, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504]) {
      expect(defaultCatalog.generic(status)?.status).toBe(status);
    }
    for (const [status, code] of Object.entries(GENERIC_CODES)) expect(defaultCatalog.get(code)?.status).toBe(Number(status));
  });

  it('follows the retry rules: a code rule first, then its status rule', () => {
    const byCode: Record<string, string> = {
      RESOURCE_LOCKED: 'backoff', DUPLICATE_ENTRY: 'none', DUPLICATE_EMAIL: 'none', TOKEN_EXPIRED: 'reauth',
      SESSION_EXPIRED: 'reauth', CSRF_VALIDATION_FAILED: 'none', INVALID_STATE_TRANSITION: 'none',
      CONNECTION_REFUSED: 'backoff', CONNECTION_RESET: 'backoff', NETWORK_TIMEOUT: 'backoff', DNS_FAILURE: 'backoff',
      TLS_FAILURE: 'none', REQUEST_TIMEOUT: 'backoff',
    };
    const byStatus: Record<number, string> = { 400: 'none', 401: 'none', 403: 'none', 404: 'none', 422: 'none',
      409: 'refresh', 429: 'backoff', 500: 'backoff', 502: 'backoff', 503: 'backoff', 504: 'backoff' };
    for (const e of ENTRIES) {
      const expected = byCode[e.code] ?? (e.status === null ? undefined : byStatus[e.status]);
      if (expected) expect(e.retry, e.code).toBe(expected);
    }
    expect(defaultCatalog.get('GATEWAY_TIMEOUT')!.fix).toMatch(/fewer|smaller|async/i);
  });

  it('records the decisions where the documents disagree', () => {
    for (const code of ['VALIDATION_ERROR', 'UNAUTHORIZED', 'GATEWAY_TIMEOUT', 'CONFLICT', 'INSUFFICIENT_SCOPE']) {
      expect(defaultCatalog.get(code)?.decision, code).toBeTruthy();
    }
    expect(defaultCatalog.get('VALIDATION_ERROR')!.status).toBe(422);
  });
});

// Copies of the five error documents the catalog is built from, kept in the repository so the test always runs.
const seedsDir = fileURLToPath(new URL('../fixtures/seeds/', import.meta.url));

describe('the error documents themselves', () => {
  it('name no error code that the catalog lacks', () => {
    const text = readdirSync(seedsDir).map((f) => readFileSync(seedsDir + f, 'utf8')).join('\n');
    const codes = ENTRIES.map((e) => e.code);
    const tokens = new Set(text.match(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g) ?? []);
    for (const word of ['UNAUTHORIZED', 'FORBIDDEN', 'CONFLICT']) if (text.includes(word)) tokens.add(word);
    // One document's tables run cells together ("JOB_NOT_FOUNDVerification"): a catalog code as prefix counts.
    const missing = [...tokens].filter((t) => !NOT_CODES.has(t) && !codes.some((c) => t === c || t.startsWith(c)));
    expect(missing).toEqual([]);
    for (const code of Object.values(SEED_CODES).flat()) expect(text).toContain(code);
  });
});
