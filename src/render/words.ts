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
  'de-facto': 'de-facto status of proxies and CDNs (nginx 499, Cloudflare 520-526)',
  config: 'your configuration file',
};

/** Wraps text that starts at column `indent.length` to `width` columns; continuation lines start with `indent`. */
export function wrap(text: string, width: number, indent = ''): string {
  const limit = width - indent.length;
  if (limit < 10 || text.length <= limit) return text;
  const out: string[] = [];
  let line = '';
  for (let word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > limit) {
      out.push(line);
      line = '';
    }
    // A word longer than a line (a URL, an id) is broken rather than left to run past the edge.
    while (line === '' && word.length > limit) {
      out.push(word.slice(0, limit));
      word = word.slice(limit);
    }
    line = line === '' ? word : `${line} ${word}`;
  }
  out.push(line);
  return out.join(`\n${indent}`);
}

/**
 * Breaks a line whose spacing matters (indented JSON, a URL) to `width` columns, after a space where one is near
 * the edge so that no word is cut; continuation lines start with `indent`.
 */
export function breakLine(line: string, width: number, indent: string): string {
  const parts: string[] = [];
  let rest = line;
  let room = width;
  while (rest.length > room) {
    const space = rest.lastIndexOf(' ', room - 1);
    // A space in the first half of the line or among the leading indentation would leave a stub behind.
    const cut = space > room / 2 && rest.slice(0, space).trim() !== '' ? space + 1 : room;
    parts.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut);
    room = Math.max(10, width - indent.length);
  }
  parts.push(rest);
  return parts.map((p, i) => (i === 0 ? p : indent + p)).join('\n');
}

/** A piece of a heading: its plain text and how to paint it. */
export type Piece = [text: string, paint: (s: string) => string];

/**
 * Lays pieces out on a line, two spaces apart, moving a piece that does not fit to a new line that starts with
 * `indent`; a piece longer than a whole line is wrapped itself. Colour is applied after measuring.
 */
export function flow(pieces: readonly Piece[], width: number, indent = '  '): string {
  let out = '';
  let used = 0;
  for (const [text, paint] of pieces) {
    if (text === '') continue;
    if (used === 0) {
      out += paint(text);
      used = text.length;
    } else if (used + 2 + text.length <= width) {
      out += `  ${paint(text)}`;
      used += 2 + text.length;
    } else {
      // wrap() starts continuation lines with the indent; the first one gets it here.
      const lines = wrap(text, width, indent).split('\n');
      out += `\n${indent}${lines.map((l, i) => (i === 0 ? paint(l) : indent + paint(l.slice(indent.length)))).join('\n')}`;
      used = lines.length === 1 ? indent.length + text.length : lines[lines.length - 1].length;
    }
  }
  return out;
}

/**
 * The one way a duration is shown, readable at any size: "0.4 s", "17 s", "2 min 5 s", "3 h 20 min",
 * "1 day 6 h", "35 days", "317 years". Two units at most; below ten seconds, tenths.
 */
export function humanSeconds(s: number): string {
  if (!Number.isFinite(s)) return 'forever';
  if (s < 9.95) return `${Math.max(0, s).toFixed(1)} s`;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    `${big} ${bigUnit}${small > 0 ? ` ${small} ${smallUnit}` : ''}`;
  const whole = Math.round(s);
  if (whole < 60) return `${whole} s`;
  if (whole < 3600) return pair(Math.floor(whole / 60), 'min', whole % 60, 's');
  const minutes = Math.round(s / 60);
  if (minutes < 24 * 60) return pair(Math.floor(minutes / 60), 'h', minutes % 60, 'min');
  const hours = Math.round(s / 3600);
  const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;
  if (hours < 240) return `${days(Math.floor(hours / 24))}${hours % 24 > 0 ? ` ${hours % 24} h` : ''}`;
  const wholeDays = Math.round(s / 86_400);
  return wholeDays < 3650 ? days(wholeDays) : `${Math.round(wholeDays / 365.25)} years`;
}

/** A duration given in milliseconds, as humanSeconds shows it. */
export const humanMs = (ms: number): string => humanSeconds(ms / 1000);
