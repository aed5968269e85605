import type { FieldFixRow } from '../core/field-fixes.js';
import { FEATURES } from './features.js';

/**
 * The validation tables of the OpenProspect error reference (order and blacklist errors), row for row; the
 * too_long row for companies applies the documented 1–10,000 limit of enrichment orders.
 */
export const FIELD_FIXES: readonly FieldFixRow[] = [
  { type: 'too_short', loc: ['body', 'companies'], fix: 'Provide at least 1 company' },
  { type: 'too_long', loc: ['body', 'companies'], fix: 'Send at most 10,000 companies per order: split into multiple orders' },
  { type: 'enum', loc: ['body', 'features', '*'], fix: `Use: ${FEATURES.join(', ')}` },
  { type: 'missing', loc: ['body', 'companies', '*', 'company_name'], fix: 'Every company needs company_name' },
  { type: 'value_error', loc: ['body'], msg: /duplicate/i, fix: 'Remove duplicates from features array' },
  { type: 'value_error', loc: ['body'], msg: /profile_id.*profile_name|both/i, fix: 'Provide one or the other, not both' },
  { type: 'too_short', loc: ['body', 'entries'], fix: 'Provide at least 1 entry' },
  { type: 'too_long', loc: ['body', 'entries'], fix: 'Split into multiple requests' },
  { type: 'missing', loc: ['body', 'entries', '*', 'company_name'], fix: 'Every entry needs company_name' },
  { type: 'string_too_short', loc: ['body', 'name'], fix: 'Provide a non-empty name' },
];
