import type { Classification } from '../core/types.js';
import { brief } from '../core/fields.js';
import { reasonPhrase } from './http-trace.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';
import type { AttemptSummary, SourceRef } from './classification-types.js';
import { paintRetry } from './explain.js';
import { type Piece, RETRY_VERDICT, flow, humanSeconds, wrap } from './words.js';

/** What the classification renderer needs besides the classification. */
export interface ClassificationView {
  theme: Theme;
  width: number;
  /** Name the input and line in the heading (several exchanges or inputs). */
  showSource: boolean;
  /** What the caller did instead of the code's retry rule (a call not retried because it was unsafe). */
  verdict?: string;
}

const MAX_DETAILS = 8;
const MAX_MESSAGE = 1000;

/** The human form: status, code and verdict, message, fix, field errors, request id and wait. */
export function renderClassification(
  c: Classification, attempts: AttemptSummary[], source: SourceRef, view: ClassificationView,
): string {
  const { theme, width } = view;
  const where: Piece = [view.showSource ? `(${source.input === '-' ? 'stdin' : source.input}:${source.line})` : '', theme.dim];
  const status = c.status === null ? '' : `${c.status} `;
  // A success is shown as one: its status and reason, never a field of the resource as if it were a message.
  if (c.ok) return `${flow([[`✔ ${status}${c.status === null ? 'OK' : reasonPhrase(c.status)}`, theme.ok], where], width)}\n${attemptLine(attempts, theme)}`;
  const mark = c.retryable ? '↻' : '✖';
  const code = c.known ? c.code! : `${c.code} (not in the catalog)`;
  const paint = view.verdict ? theme.error : (s: string) => paintRetry(theme, c.retry, s);
  const lines = [flow([[`${mark} ${status}${code}`, paint], [view.verdict ?? RETRY_VERDICT[c.retry], paint], where], width)];
  const row = (label: string, text: string) => lines.push(`  ${theme.bold(label.padEnd(13))}${wrap(text, width, ' '.repeat(15))}`);
  // A status the user gave with --status needs no note; one taken from the catalog does.
  if (c.statusSource === 'catalog') row('Status', `${c.status} (documented status; the input had none)`);
  if (c.message) row('Message', c.message.length > MAX_MESSAGE ? `${c.message.slice(0, MAX_MESSAGE)}… (${c.message.length} characters; --json has all)` : c.message);
  if (c.fix) lines.push(`  ${theme.bold('Fix'.padEnd(13))}${recurring(`fix ${width}`, c.fix, () => wrap(c.fix!, width, ' '.repeat(15)))}`);
  // The server's wait is shown as given; under "do not retry" it must not read as advice to repeat the request.
  if (c.retryAfter !== null) {
    row('Retry after', humanSeconds(c.retryAfter) + (c.retry === 'none' ? ' (sent by the server; the same request will still fail)' : ''));
  }
  if (c.requestId) row('Request id', `${c.requestId} (quote it to support)`);
  const details = Object.entries(c.details);
  if (details.length > 0) {
    const shown = details.slice(0, MAX_DETAILS).map(([k, v]) => `${k}: ${brief(v)}`);
    if (details.length > MAX_DETAILS) shown.push(`and ${details.length - MAX_DETAILS} more (see --json)`);
    row('Details', shown.join(', '));
  }
  let out = `${lines.join('\n')}\n`;
  if (c.fields.length > 0) {
    // The docs' per-field fix gets a column of its own when any field has one.
    const fixes = c.fields.some((f) => f.fix);
    const head = (fixes ? ['Field', 'Problem', 'Fix'] : ['Field', 'Problem']).map((h) => theme.bold(h));
    const rows = c.fields.map((f) => (fixes ? [f.field, f.message, f.fix ?? ''] : [f.field, f.message]));
    // JSON keeps cells apart whatever they hold: joined by tabs, two tables could share a key.
    out += recurring(`fields ${width} ${theme.level}`, JSON.stringify(rows), () => `${renderTable(head, rows, [], width - 2).split('\n').map((l) => `  ${l}`).join('\n')}\n`);
  }
  return out + attemptLine(attempts, theme);
}

const MAX_RECURRING = 1024;
const rendered = new Map<string, Map<string, string>>();

/**
 * A rendering that the lines of a log repeat (a code's fix, the same field errors): made once per run. The
 * text itself is the key within its kind: a catalog's fix is the same string every time, whose hash V8 keeps.
 */
function recurring(kind: string, key: string, render: () => string): string {
  let texts = rendered.get(kind);
  if (texts === undefined) rendered.set(kind, (texts = new Map()));
  let text = texts.get(key);
  if (text === undefined) {
    text = render();
    if (texts.size < MAX_RECURRING) texts.set(key, text);
  }
  return text;
}

function attemptLine(attempts: AttemptSummary[], theme: Theme): string {
  if (attempts.length < 2) return '';
  const chain = attempts.map((a) => (a.status === null ? a.code ?? '?' : String(a.status))).join(' → ');
  return `  ${theme.dim(`${attempts.length} attempts: ${chain} (the last one decides)`)}\n`;
}

/** Totals after several exchanges. */
export function renderTotals(t: { ok: number; retryable: number; failed: number }, theme: Theme): string {
  const total = t.ok + t.retryable + t.failed;
  return theme.dim(`${total} responses: ${t.ok} ok, ${t.retryable} retryable, ${t.failed} not retryable`) + '\n';
}
