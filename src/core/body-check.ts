import { tryParseJson } from './json-scanner.js';
import type { Attempt, Classification } from './types.js';

/**
 * Warnings about a successful answer whose body is not what it says it is (invalid JSON under a JSON type,
 * an HTML page such as a captive portal where JSON was expected) or was cut short for showing.
 */
export function bodyWarnings(attempt: Attempt, c: Classification, truncated: boolean): string[] {
  const warnings: string[] = [];
  if (truncated) warnings.push('the body is longer than op-errors holds in memory: it was classified from its first 1 MiB');
  if (!c.ok || truncated || attempt.body.trim() === '') return warnings;
  const type = (attempt.headers['content-type'] ?? '').toLowerCase();
  const text = attempt.body.trim();
  if (/[/+]json\b/.test(type) && text !== '' && tryParseJson(text) === undefined) {
    warnings.push(`the ${attempt.status} answer says ${type.split(';')[0]} but its body is not valid JSON`);
  } else if (/<html[\s>]|<!doctype html/i.test(text.slice(0, 2048)) && !/html/.test(type)) {
    warnings.push(`the ${attempt.status} answer is an HTML page (a captive portal or proxy?) under ${type.split(';')[0] || 'no content type'}`);
  } else if (/html/.test(type)) {
    warnings.push(`the ${attempt.status} answer is an HTML page where JSON was expected (a captive portal or proxy?)`);
  }
  return warnings;
}

/** What a body's bytes are, as bodyKind tells. */
export type BodyKind = 'text' | 'other-text' | 'data';

/**
 * What a body's bytes are: `text` (UTF-8 text, decoded and shown), `other-text` (a text type in another
 * charset, such as ISO-8859-1: shown as best it decodes, written byte for byte), or `data` (not a text type,
 * or no type and not UTF-8: an export, an image, a gzip file; written byte for byte, never shown).
 */
export function bodyKind(contentType: string | undefined, bytes: Uint8Array): BodyKind {
  if (bytes.length === 0) return 'text';
  const type = (contentType ?? '').toLowerCase().split(';')[0].trim();
  const textType = /^text\/|[/+](json|xml|javascript|yaml|x-ndjson|x-www-form-urlencoded)$/.test(type);
  if (type !== '' && !textType) return 'data';
  if (isUtf8Prefix(bytes)) return 'text';
  return textType ? 'other-text' : 'data';
}

/** Whether bytes are UTF-8; a character cut at the very end (a prefix of a longer body) is allowed. */
function isUtf8Prefix(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}
