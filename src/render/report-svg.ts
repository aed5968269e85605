import { type MarkOutcome, type TimelineLane, type TimelineRow, axisEnd } from './timeline-rows.js';
import { callLabel, waitWords } from './timeline.js';
import { humanMs } from './words.js';

const WIDTH = 1000;
const LEFT = 44;
const RIGHT = 24;
const LANE = 40;
const TOP = 24;
const AXIS = 22;
const STEPS_S = [0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

/** Text made safe for HTML and SVG, in content and in attributes. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The outcome words the legend and the titles use. */
export const OUTCOME_WORDS: Record<MarkOutcome, string> = {
  success: 'success', retryable: 'retryable', 'not-retryable': 'not retryable', transport: 'transport failure',
};

/**
 * One call's timeline as inline SVG: a lane of recorded attempts and, when a policy was simulated, a lane of
 * simulated ones; attempts are circles (hollow when recorded), waits labelled bars, the deadline a dashed line.
 */
export function rowSvg(row: TimelineRow): string {
  const end = axisEnd(row);
  const x = (ms: number) => (LEFT + (Math.min(ms, end) / end) * (WIDTH - LEFT - RIGHT)).toFixed(1);
  const lanes: [string, TimelineLane, 'recorded' | 'simulated'][] = [['rec', row.recorded, 'recorded']];
  if (row.simulated) lanes.push(['sim', row.simulated, 'simulated']);
  const height = TOP + lanes.length * LANE + AXIS;
  const parts: string[] = [];
  lanes.forEach(([name, lane, origin], i) => {
    const y = TOP + i * LANE + LANE / 2;
    parts.push(`<text class="lane" x="4" y="${y + 4}">${name}</text>`,
      `<line class="base" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}"/>`);
    for (const w of lane.waits) {
      const x1 = Number(x(w.fromMs));
      const width = Math.max(1, Number(x(w.fromMs + w.ms)) - x1);
      const words = waitWords(w);
      parts.push(`<g class="wait ${w.reason}"><title>wait ${esc(words)}</title>` +
        `<rect x="${x1.toFixed(1)}" y="${y - 4}" width="${width.toFixed(1)}" height="8"/>` +
        (width >= words.length * 6.2 ? `<text x="${(x1 + width / 2).toFixed(1)}" y="${y - 9}">${esc(words)}</text>` : '') + '</g>');
    }
    lane.marks.forEach((m, n) => {
      const title = `${origin} attempt ${n + 1} at ${humanMs(m.atMs)}: ${m.label} (${OUTCOME_WORDS[m.outcome]})` +
        (m.assumed ? ', after the recording ends: its last response assumed' : '');
      parts.push(`<circle class="mark ${m.outcome} ${origin}${m.assumed ? ' assumed' : ''}" cx="${x(m.atMs)}" cy="${y}" r="7" ` +
        `data-outcome="${m.outcome}"><title>${esc(title)}</title></circle>`);
    });
  });
  if (row.deadlineMs !== null) {
    // A deadline far past the last attempt is named at the edge instead of squeezing the row.
    const inside = row.deadlineMs <= end;
    const dx = inside ? x(row.deadlineMs) : String(WIDTH - RIGHT);
    parts.push(`<g class="deadline">${inside ? `<line x1="${dx}" x2="${dx}" y1="6" y2="${height - AXIS}"/>` : ''}` +
      `<text x="${dx}" y="12" text-anchor="end">deadline ${humanMs(row.deadlineMs)}${inside ? '' : ' →'}</text></g>`);
  }
  parts.push(axis(end, height - AXIS, x));
  const label = `${callLabel(row)}: ${lanes.map(([name, l]) => `${l.marks.length} ${name === 'rec' ? 'recorded' : 'simulated'}`).join(', ')} attempts`;
  return `<svg viewBox="0 0 ${WIDTH} ${height}" width="100%" role="img" aria-label="${esc(label)}" xmlns="http://www.w3.org/2000/svg">${parts.join('')}</svg>`;
}

function axis(end: number, y: number, x: (ms: number) => string): string {
  const step = (STEPS_S.find((s) => (end / 1000) / s <= 8) ?? 3600) * 1000;
  const ticks: string[] = [`<line class="axis" x1="${LEFT}" x2="${WIDTH - RIGHT}" y1="${y}" y2="${y}"/>`];
  for (let t = 0; t <= end + 1e-6; t += step) {
    ticks.push(`<line class="axis" x1="${x(t)}" x2="${x(t)}" y1="${y}" y2="${y + 4}"/><text class="tick" x="${x(t)}" y="${y + 15}">${humanMs(t)}</text>`);
  }
  return ticks.join('');
}
