import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { matchFieldFix } from '../../src/core/field-fixes.js';
import { defaultCatalog } from '../../src/data/catalog.js';
import { FIELD_FIXES } from '../../src/data/field-fixes.js';

const detail = (items: object[]) => ({ status: 422, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ detail: items }) });

describe('per-field fixes from the docs\' validation tables', () => {
  it('gives each documented (type, location) its own fix and leaves other fields without one', () => {
    const c = classify(detail([
      { type: 'too_short', loc: ['body', 'companies'], msg: 'List should have at least 1 item after validation, not 0', input: [] },
      { type: 'enum', loc: ['body', 'features', 0], msg: "Input should be 'COMPANY_DATA'", input: 'EMAILS' },
      { type: 'too_long', loc: ['body', 'entries'], msg: 'List should have at most 10000 items', input: '[10001 items]' },
      { type: 'string_too_short', loc: ['body', 'name'], msg: 'String should have at least 1 character', input: '' },
      { type: 'string_type', loc: ['body', 'title'], msg: 'Input should be a valid string', input: 5 },
    ]), { catalog: defaultCatalog, now: 0 });
    expect(c.code).toBe('VALIDATION_ERROR');
    expect(c.fix).not.toMatch(/compan|feature/i);
    expect(c.fields.map((f) => f.fix)).toEqual([
      'Provide at least 1 company', expect.stringMatching(/^Use: COMPANY_DATA, CONTACTS, TECHNOLOGIES, JOBS, HANDELSREGISTER/),
      'Split into multiple requests', 'Provide a non-empty name', undefined,
    ]);
  });

  it('tells the two documented value_error rows at ["body"] apart by their message', () => {
    expect(matchFieldFix(FIELD_FIXES, 'value_error', ['body'], 'Value error, Duplicate features are not allowed')).toBe('Remove duplicates from features array');
    expect(matchFieldFix(FIELD_FIXES, 'value_error', ['body'], 'Value error, Provide either profile_id or profile_name, not both'))
      .toBe('Provide one or the other, not both');
    expect(matchFieldFix(FIELD_FIXES, 'missing', ['body', 'entries', 3, 'company_name'], 'Field required')).toBe('Every entry needs company_name');
    expect(matchFieldFix(FIELD_FIXES, 'missing', ['body', 'entries', 'x', 'company_name'], 'Field required')).toBeNull();
  });

  it('keeps the generic fixes generic', () => {
    expect(defaultCatalog.get('UNPROCESSABLE_ENTITY')?.fix).not.toMatch(/email/i);
    expect(defaultCatalog.get('API_DISABLED')?.fix).not.toMatch(/Settings >/);
    expect(defaultCatalog.get('GATEWAY_TIMEOUT')).toMatchObject({ retry: 'backoff', fix: expect.stringMatching(/^An idempotent request/) });
  });
});
