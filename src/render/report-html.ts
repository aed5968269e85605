import { pathOf } from '../core/recording.js';
import { Redactor } from '../core/redact.js';
import { OUTCOME_WORDS, esc, rowSvg } from './report-svg.js';
import { callLabel, rowVerdict, waitWords } from './timeline.js';
import type { MarkOutcome, TimelineRow } from './timeline-rows.js';

/** What the report's summary says besides what the rows hold. */
export interface ReportSummary {
  files: string[];
  /** The policy in words, or null when only the recordings are drawn. */
  policy: string | null;
  /** When the report was made (ms since the epoch). */
  generatedAt: number;
}

const COLOURS: Record<MarkOutcome, string> = { success: '#2e7d32', retryable: '#e0a000', 'not-retryable': '#c62828', transport: '#6a1b9a' };

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:#1d232a;margin:24px auto;max-width:1100px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:24px 0 8px}h3{font-size:14px;margin:0 0 4px;font-weight:600}
.meta,.src,.waits{color:#5f6b76;font-size:12px}.src{font-weight:400;margin-left:8px}
table.summary{border-collapse:collapse;margin:8px 0}table.summary td,table.summary th{border:1px solid #d5dbe1;padding:4px 10px;text-align:left}
.legend{display:flex;flex-wrap:wrap;gap:14px;font-size:12px;margin:8px 0}.legend svg{vertical-align:middle}
section.call{border:1px solid #d5dbe1;border-radius:6px;padding:10px 12px;margin:10px 0;break-inside:avoid}
.verdict{margin:2px 0;font-weight:600}.verdict.ok{color:#2e7d32}.verdict.failed{color:#c62828}
svg text{font:11px system-ui,sans-serif;fill:#39424c}svg .lane{font-weight:600;fill:#5f6b76}svg .tick{text-anchor:middle;fill:#6b7782}
svg .base{stroke:#e3e8ed;stroke-width:2}svg .axis{stroke:#9aa5b0}
svg .wait rect{fill:#b0bec5}svg .wait.retry-after rect,svg .wait.retry_after rect{fill:#7fa7d9}svg .wait.x-ratelimit-reset rect{fill:#a58fd0}
svg .wait text{text-anchor:middle}svg .deadline line{stroke:#d32f2f;stroke-width:2;stroke-dasharray:6 4}svg .deadline text{fill:#d32f2f}
svg .mark{stroke-width:3}svg .mark.recorded{fill:#fff}svg .mark.assumed{stroke-dasharray:3 2;fill-opacity:.45}
${Object.entries(COLOURS).map(([k, c]) => `svg .mark.${k}{stroke:${c}}svg .mark.simulated.${k}{fill:${c}}`).join('')}
`;

/**
 * The incident report: one self-contained HTML page (inline CSS and SVG, no script, no font or image from the
 * network) with a summary and one timeline row per call, each marked with `data-call`.
 */
export function renderReport(rows: TimelineRow[], summary: ReportSummary): string {
  const redact = new Redactor([]);
  const ok = rows.filter((r) => r.final.ok).length;
  const codes = new Map<string, number>();
  for (const r of rows) if (!r.final.ok) codes.set(r.final.code ?? 'UNKNOWN_ERROR', (codes.get(r.final.code ?? 'UNKNOWN_ERROR') ?? 0) + 1);
  const simulated = rows.some((r) => r.simulated);
  const share = rows.length === 0 ? 0 : Math.round((ok / rows.length) * 1000) / 10;
  const summaryRows: [string, string][] = [
    ['Recordings', summary.files.join(', ')], ['Calls', String(rows.length)],
    ['Outcomes', `${ok} succeeded, ${rows.length - ok} failed${codes.size ? ` (${[...codes].map(([c, n]) => `${c} × ${n}`).join(', ')})` : ''}`],
    ['Policy', summary.policy ?? 'none simulated: the recorded attempts as they happened'],
    ['Survival', `${ok} of ${rows.length} calls (${share}%) ${simulated ? 'would succeed with this policy' : 'succeeded'}`],
  ];
  const legend = (Object.keys(COLOURS) as MarkOutcome[]).map((k) =>
    `<span><svg width="18" height="18"><circle cx="9" cy="9" r="6" fill="${COLOURS[k]}" stroke="${COLOURS[k]}" stroke-width="3"/></svg>${OUTCOME_WORDS[k]}</span>`);
  legend.push('<span><svg width="18" height="18"><circle cx="9" cy="9" r="6" fill="#fff" stroke="#5f6b76" stroke-width="3"/></svg>recorded attempt (hollow)</span>');
  if (simulated) legend.push('<span><svg width="18" height="18"><circle cx="9" cy="9" r="6" fill="#5f6b76" stroke="#5f6b76" stroke-width="3"/></svg>simulated attempt (filled; dashed: after the recording ends)</span>');
  legend.push('<span><svg width="30" height="18"><rect x="2" y="5" width="26" height="8" fill="#b0bec5"/></svg>wait, labelled with its length and reason</span>');
  if (simulated) legend.push('<span><svg width="18" height="18"><line x1="9" x2="9" y1="0" y2="18" stroke="#d32f2f" stroke-width="2" stroke-dasharray="4 3"/></svg>deadline</span>');
  const sections = rows.map((row) => {
    const when = row.startedAt === null ? 'no timestamps: attempts in recorded order, a second apart' : new Date(row.startedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
    const waits = (row.simulated ?? row.recorded).waits.map(waitWords);
    const title = row.url === '-' ? callLabel(row) : `${row.method} ${pathOf(redact.url(row.url))}`;
    return `<section class="call" data-call="${row.index}" data-outcome="${row.final.ok ? 'success' : 'failure'}">` +
      `<h3>${row.index}. ${esc(title)}<span class="src">${esc(`${row.source.input} #${row.source.line}`)} · ${esc(when)}</span></h3>` +
      `${rowSvg(row)}<p class="verdict ${row.final.ok ? 'ok' : 'failed'}">${esc(rowVerdict(row))}</p>` +
      (waits.length ? `<p class="waits">waits: ${esc(waits.join(', '))}</p>` : '') + '</section>';
  });
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>op-errors incident report</title><style>${CSS}</style></head><body>\n` +
    `<h1>Incident report</h1><p class="meta">Made by op-errors replay on ${esc(new Date(summary.generatedAt).toISOString())}</p>\n` +
    `<h2>Summary</h2><table class="summary">${summaryRows.map(([k, v]) => `<tr><th>${k}</th><td>${esc(v)}</td></tr>`).join('')}</table>\n` +
    `<div class="legend">${legend.join('')}</div>\n<h2>Calls</h2>\n${sections.join('\n')}\n</body></html>\n`;
}
