// Startup: explain, classify on one body and --help, each against bare `node -e 0`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fmt, interleave, stats } from './lib.mjs';

const LIMIT = 1.2;

/** Measures startup; returns markdown rows and a goal per command (within 1.2x of node -e 0). */
export async function startup({ bin, tmp, rounds }) {
  const body = join(tmp, 'body.json');
  const emptyCjs = join(tmp, 'empty.cjs');
  const emptyMjs = join(tmp, 'empty.mjs');
  writeFileSync(emptyCjs, '');
  writeFileSync(emptyMjs, '');
  writeFileSync(body, '{"code":"ORDER_NOT_FOUND","message":"Order with identifier 42 not found"}\n');
  const env = { ...process.env, NO_COLOR: '1' };
  const node = (name, args) => ({ name, cmd: process.execPath, args, options: { env } });
  const commands = [
    node('node -e 0', ['-e', '0']),
    node('node empty.cjs (floor: any CommonJS file)', [emptyCjs]),
    node('node empty.mjs (floor: any ES module)', [emptyMjs]),
    node('op-errors explain ORDER_NOT_FOUND', [bin, 'explain', 'ORDER_NOT_FOUND']),
    node('op-errors classify body.json', [bin, 'classify', body]),
    node('op-errors --help', [bin, '--help']),
  ];
  const samples = await interleave(commands, rounds);
  const base = stats(samples['node -e 0'].map((s) => s.ms)).median;
  const rows = commands.map((c) => {
    const st = stats(samples[c.name].map((s) => s.ms));
    const ratio = st.median / base;
    const reference = !c.name.startsWith('op-errors');
    return { name: c.name, ...st, ratio, reference, met: reference || ratio <= LIMIT };
  });
  const floor = rows.find((r) => r.name.startsWith('node empty.cjs')).median;
  const added = rows.filter((r) => !r.reference).map((r) => ({ name: r.name, ms: r.median - floor }));
  const table = [`| Command | Median | Spread (p25–p75) | Ratio to \`node -e 0\` | Goal ≤ ${LIMIT}x |`, '| --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| \`${r.name}\` | ${fmt(r.median)} | ${fmt(r.p25)} – ${fmt(r.p75)} | ${r.ratio.toFixed(2)}x | ${r.reference ? '' : r.met ? 'met' : 'missed'} |`)];
  const goals = rows.filter((r) => !r.reference).map((r) => ({
    goal: `Startup of \`${r.name.replace('op-errors ', '')}\` ≤ ${LIMIT}x \`node -e 0\``, figure: fmt(r.median), peer: `\`node -e 0\` ${fmt(base)}`,
    ratio: `${r.ratio.toFixed(2)}x`, met: r.met,
    reproduce: `\`hyperfine -N 'node -e 0' 'node bin/op-errors.js ${r.name.replace('op-errors ', '')}'\``,
  }));
  return { table, rounds, rows, added, goals };
}
