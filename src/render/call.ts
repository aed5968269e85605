import type { AttemptRecord } from '../core/retry-policy.js';
import type { Classification } from '../core/types.js';
import { tryParseJson } from '../core/json-scanner.js';
import { encodeJson } from './json.js';
import { breakLine, humanMs } from './words.js';
import { type ClassificationView, renderClassification } from './classification.js';

/** What `call` shows about the exchange besides the classification. */
export interface CallView extends ClassificationView {
  method: string;
  /** The URL with secrets masked. */
  url: string;
  showHeaders: boolean;
  showBody: boolean;
}

/** The response body for people: JSON pretty-printed, anything else as it came. */
export function prettyBody(body: string): string {
  if (body.trim() === '') return '';
  const json = tryParseJson(body.trim());
  return json === undefined ? body.replace(/\n?$/, '\n') : encodeJson(json, 'pretty');
}

/** The human form: request line, outcome and timing, classification, then headers and body. */
export function renderCall(
  c: Classification, attempts: AttemptRecord[], headers: Record<string, string>, body: string, elapsedMs: number,
  view: CallView,
): string {
  const { theme } = view;
  const last = attempts[attempts.length - 1];
  const tries = attempts.length > 1 ? ` · ${attempts.length} attempts` : '';
  const time = `${last.durationMs} ms${attempts.length > 1 ? `, ${humanMs(elapsedMs)} in all` : ''}`;
  let out = `${theme.bold(view.method)} ${breakLine(view.url, view.width - view.method.length - 1, '  ')}\n${theme.dim(`${time}${tries}`)}\n`;
  const summary = attempts.length > 1 ? attempts.map((a) => ({ status: a.status, code: a.transport ?? a.code })) : [];
  out += renderClassification(c, summary, { input: '', line: 0 }, { ...view, showSource: false });
  const id = c.ok ? resourceId(body) : null;
  if (id !== null) out += `  ${theme.dim('id')} ${id}\n`;
  if (view.showHeaders && Object.keys(headers).length > 0) {
    out += `\n${Object.entries(headers).map(([k, v]) => `${theme.dim(k)}: ${breakLine(v, view.width - k.length - 2, '  ')}`).join('\n')}\n`;
  }
  if (view.showBody) {
    const pretty = prettyBody(body);
    if (pretty) out += `\n${pretty}`;
  }
  return out;
}

/** The id of the resource a success returned (`id` at the top of its JSON body), or null. */
function resourceId(body: string): string | null {
  const json = body.trim().startsWith('{') ? tryParseJson(body.trim()) : undefined;
  const id = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/** The classification fields of the JSON contract, then request and attempts: what call and replay both print. */
export function callRecord(c: Classification, method: string, url: string, attempts: AttemptRecord[]): Record<string, unknown> {
  const { retryAfterSource: _omitted, ...contract } = c;
  return { ...contract, request: { method, url }, attempts };
}

/**
 * The JSON form of `call` around a body too long to hold, which is streamed between the two: the object up to
 * the opening quote of `body`, and what closes it (with `bodyError` when the transfer broke off midway).
 */
export function callJsonAround(record: Record<string, unknown>): { head: string; tail: (bodyError: string | null) => string } {
  const { body: _streamed, ...rest } = record;
  const open = JSON.stringify(rest).slice(0, -1);
  return {
    head: `${open}${open === '{' ? '' : ','}"body":"`,
    tail: (bodyError) => `"${bodyError === null ? '' : `,"bodyError":${JSON.stringify(bodyError)}`}}\n`,
  };
}

/** The JSON form of `call`: the call record, `extra` (redirects, warnings), then headers (with --include) and the body. */
export function callJson(
  c: Classification, method: string, url: string, attempts: AttemptRecord[], body: string,
  headers: Record<string, string> | null, extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const parsed = body.trim() === '' ? null : tryParseJson(body.trim()) ?? body;
  return { ...callRecord(c, method, url, attempts), ...extra, ...(headers ? { headers } : {}), body: parsed };
}
