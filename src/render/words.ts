import type { RetryStrategy, SourceId } from '../core/types.js';

/** The retry verdict in a few words, as shown next to a code. */
export const RETRY_VERDICT: Record<RetryStrategy, string> = {
  none: 'do not retry: fix the request first',
  backoff: 'retryable: repeat with exponential backoff, honouring Retry-After',
  reauth: 'retry once after getting a fresh credential',
  refresh: "re-read the resource's current state, then retry with current data",
};

/** What each retry strategy asks of the caller, in a sentence. */
export const RETRY_EXPLAINED: Record<RetryStrategy, string> = {
  none: 'Repeating the same request cannot succeed; change it as the fix says first.',
  backoff: 'Repeat automatically with exponential backoff and jitter, waiting at least as long as Retry-After says.',
  reauth: 'Get a fresh credential (token, session or CSRF token), then repeat the request once.',
  refresh: "Re-read the resource's current state, then repeat with current data; a blind retry fails the same way.",
};

/** The names of the documents a code comes from. */
export const SOURCE_NAMES: Record<SourceId, string> = {
  'openprospect-reference': 'OpenProspect API error reference',
  'openprospect-errors': 'OpenProspect error handling guide',
  'verification-api': 'lead verification API errors',
  'incident-api': 'incident API error codes',
  'lead-api': 'lead management API errors',
  rfc9110: 'HTTP semantics (RFC 9110)',
  transport: 'client-side network failure',
  config: 'your configuration file',
};

/** Wraps text that starts at column `indent.length` to `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent = ''): string {
  const limit = width - indent.length;
  if (limit < 10 || text.length <= limit) return text;
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > limit) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  out.push(line);
  return out.join(`\n${indent}`);
}

/** A duration in seconds for people: "17 s", "2 min 5 s", "1 h 0 min". */
export function humanSeconds(s: number): string {
  if (s < 60) return `${Math.round(s * 10) / 10} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 ? ` ${Math.round(s % 60)} s` : ''}`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}
