import type { CatalogEntry } from '../core/types.js';
import { renderTable } from './table.js';
import type { Theme } from './theme.js';
import { RETRY_EXPLAINED, RETRY_VERDICT, SOURCE_NAMES, breakLine, flow, wrap } from './words.js';

const plain = (s: string) => s;

/** What the explain renderers need besides the entries. */
export interface ExplainView {
  theme: Theme;
  width: number;
}

/** Paints a retry strategy: green never applies here, yellow for automatic retry, cyan for the others. */
export function paintRetry(theme: Theme, retry: CatalogEntry['retry'], text: string): string {
  if (retry === 'backoff') return theme.warn(text);
  return retry === 'none' ? theme.error(text) : theme.info(text);
}

/** The full explanation of one code. */
export function renderEntry(e: CatalogEntry, view: ExplainView): string {
  const { theme, width } = view;
  const status = e.status === null ? 'no HTTP status' : `HTTP ${e.status}`;
  const lines = [
    flow([[e.code, theme.code], [status, plain], [RETRY_VERDICT[e.retry], (s) => paintRetry(theme, e.retry, s)]], width),
    wrap(e.summary, width),
    '',
  ];
  const row = (label: string, text: string) => lines.push(`${theme.bold(label.padEnd(9))}${wrap(text, width, ' '.repeat(9))}`);
  row('Cause', e.cause);
  row('Fix', e.fix);
  row('Retry', `${e.retry}: ${RETRY_EXPLAINED[e.retry]}`);
  if (e.decision) row('Decision', e.decision);
  if (e.aliases?.length) row('Aliases', e.aliases.join(', '));
  row('Source', e.sources.map((s) => SOURCE_NAMES[s]).join('; '));
  if (e.related.length) row('Related', e.related.join(', '));
  if (e.example !== undefined) {
    lines.push('', theme.bold('Example body'));
    lines.push(...JSON.stringify(e.example, null, 2).split('\n').map((l) => theme.dim(breakLine(`  ${l}`, width, '      '))));
  }
  return `${lines.join('\n')}\n`;
}

/** An HTTP status: its generic meaning, then every code documented with it. */
export function renderStatus(status: number, entries: CatalogEntry[], view: ExplainView): string {
  const [generic] = entries;
  const head = generic && generic.kind === 'http' ? renderEntry(generic, view) : `${view.theme.code(`HTTP ${status}`)}\n`;
  const others = generic && generic.kind === 'http' ? entries.slice(1) : entries;
  if (others.length === 0) return head;
  return `${head}\n${view.theme.bold(`Codes documented with HTTP ${status}`)}\n${renderCodesTable(others, view)}`;
}

/** A table of codes: code, status, retry rule, summary. */
export function renderCodesTable(entries: readonly CatalogEntry[], view: ExplainView): string {
  const rows = entries.map((e) => [
    e.code, e.status === null ? '-' : String(e.status), paintRetry(view.theme, e.retry, e.retry), e.summary,
  ]);
  const head = ['Code', 'Status', 'Retry', 'Summary'].map((h) => view.theme.bold(h));
  return `${renderTable(head, rows, [], view.width)}\n`;
}

/** The message for a code the catalog does not hold, with the closest codes. */
export function renderNotFound(query: string, suggestions: string[]): string {
  const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.join(', ')}?` : '';
  return `op-errors: unknown error code '${query}'.${hint} (op-errors codes lists them all)\n`;
}

/** The JSON form of an entry: every field, plus `retryable`. */
export function entryJson(e: CatalogEntry): Record<string, unknown> {
  return {
    code: e.code, status: e.status, kind: e.kind, summary: e.summary, cause: e.cause, fix: e.fix,
    retry: e.retry, retryable: e.retry === 'backoff', sources: e.sources, related: e.related,
    example: e.example ?? null, aliases: e.aliases ?? [], decision: e.decision ?? null,
  };
}
