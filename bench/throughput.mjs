// Throughput: classify --json on generated NDJSON logs against the JS floor (bench/floor.mjs) and jq -c '{code}',
// on one thread and on every core, with peak memory; then classify's other outputs on the same log.
import { spawnSync } from 'node:child_process';
import { cpus } from 'node:os';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, has, interleave, stats } from './lib.mjs';

const GEN = fileURLToPath(new URL('./gen-ndjson.mjs', import.meta.url));
const FLOOR = fileURLToPath(new URL('./floor.mjs', import.meta.url));
/** Human output and the other modes are timed on logs up to this size (at 1 GB they add minutes). */
const MODES_UP_TO_MB = 100;

/**
 * Measures classify on logs of `sizesMb`, each command run `runs` times interleaved with its peers; returns
 * markdown lines and, per size, `o` (the default run: every core), `one` (--jobs 1), `floor`, `j` (jq) and peak RSS.
 */
export async function throughput({ bin, tmp, sizesMb, runs }) {
  const jq = has('jq');
  const rows = [];
  const modes = [];
  for (const mb of sizesMb) {
    const file = join(tmp, `log-${mb}mb.ndjson`);
    spawnSync(process.execPath, [GEN, file, String(mb)], { stdio: 'inherit' });
    const bytes = statSync(file).size;
    const op = (name, ...args) => ({ name, cmd: process.execPath, args: [bin, 'classify', ...args, file], options: { rss: true } });
    const commands = [
      { name: 'floor', cmd: process.execPath, args: [FLOOR, file], options: { rss: true } },
      op('one', '--json', '--jobs', '1'),
      op('all', '--json'),
      ...(jq ? [{ name: 'jq', cmd: 'jq', args: ['-c', '{code}', file], options: { rss: true } }] : []),
      ...(mb <= MODES_UP_TO_MB ? [op('fields', '--fields', 'code,retryable,requestId'), op('summary', '--summary'), op('human', '--jobs', '1')] : []),
    ];
    const samples = await interleave(commands, runs, 1);
    const of = (name) => (samples[name] ? { ...stats(samples[name].map((r) => r.ms)), rss: Math.max(...samples[name].map((r) => r.rssMb ?? 0)) } : null);
    const row = { mb, bytes, floor: of('floor'), one: of('one'), o: of('all'), j: of('jq') };
    row.opRss = Math.max(row.one.rss, row.o.rss);
    rows.push(row);
    if (mb <= MODES_UP_TO_MB) modes.push({ mb, json: row.one, fields: of('fields'), summary: of('summary'), human: of('human') });
  }
  const x = (a, b) => `${(a / b).toFixed(2)}x`;
  const mbps = (bytes, ms) => `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(1)} MB/s`;
  const cell = (s, r) => `${fmt(s.median)} (${fmt(s.min)} – ${fmt(s.max)}), ${mbps(r.bytes, s.median)}`;
  const table = [
    `${cpus().length} cores. Each command ran ${runs} times, interleaved with its peers; medians with their range.`,
    '',
    '| Log | JS floor | `--json --jobs 1` | vs floor (goal ≤ 1.5x) | `--json`, every core | vs floor | vs one thread (goal ≥ 1.7x) | jq `{code}` | jq vs `--json` (goal ≥ 2x) | peak RSS one / every core / jq |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.mb} MB (${(r.bytes / 1e6).toFixed(0)} MB) | ${cell(r.floor, r)} | ${cell(r.one, r)} | ${x(r.one.median, r.floor.median)} | ` +
      `${cell(r.o, r)} | ${x(r.o.median, r.floor.median)} | ${x(r.one.median, r.o.median)} | ` +
      (r.j ? `${cell(r.j, r)} | ${x(r.j.median, r.o.median)} | ` : 'jq not installed | | ') +
      `${r.one.rss.toFixed(0)} / ${r.o.rss.toFixed(0)} / ${r.j ? r.j.rss.toFixed(0) : '–'} MB |`),
    '',
    'The other outputs on the same log as a user runs them (`--fields` and `--summary` on every core, the human form on one thread), against `--json --jobs 1`:',
    '',
    '| Log | `--json` | `--fields code,retryable,requestId` | `--summary` (every core) | human (goal ≤ 1.5x `--json`) | peak RSS |',
    '| --- | --- | --- | --- | --- | --- |',
    ...modes.map((m) => `| ${m.mb} MB | ${fmt(m.json.median)} | ${fmt(m.fields.median)} (${x(m.fields.median, m.json.median)}) | ` +
      `${fmt(m.summary.median)} (${x(m.summary.median, m.json.median)}) | ${fmt(m.human.median)} (${x(m.human.median, m.json.median)}) | ` +
      `${Math.max(m.fields.rss, m.summary.rss, m.human.rss).toFixed(0)} MB |`),
  ];
  return { table, rows, modes };
}
