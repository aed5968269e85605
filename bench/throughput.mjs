// Throughput: classify --json on generated NDJSON logs against jq -c '{code}', with peak memory.
import { spawnSync } from 'node:child_process';
import { openSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fmt, has, run, stats } from './lib.mjs';

const GEN = fileURLToPath(new URL('./gen-ndjson.mjs', import.meta.url));

/** Measures classify --json against jq on logs of `sizesMb`; returns markdown rows. */
export async function throughput({ bin, tmp, sizesMb, runs }) {
  const jq = has('jq');
  const rows = [];
  for (const mb of sizesMb) {
    const file = join(tmp, `log-${mb}mb.ndjson`);
    spawnSync(process.execPath, [GEN, file, String(mb)], { stdio: 'inherit' });
    const bytes = statSync(file).size;
    const op = [];
    const jqs = [];
    for (let i = 0; i < runs; i++) {
      op.push(await run(process.execPath, [bin, 'classify', '--json', file], { rss: true }));
      if (jq) jqs.push(await run('jq', ['-c', '{code}', file], { rss: true }));
    }
    const o = stats(op.map((r) => r.ms));
    const j = jq ? stats(jqs.map((r) => r.ms)) : null;
    const rss = (rs) => Math.max(...rs.map((r) => r.rssMb ?? 0));
    const out = join(tmp, 'out.ndjson');
    const fd = openSync(out, 'w');
    spawnSync(process.execPath, [bin, 'classify', '--json', file], { stdio: ['ignore', fd, 'ignore'] });
    closeSync(fd);
    rows.push({ mb, bytes, o, j, opRss: rss(op), jqRss: jq ? rss(jqs) : null, outBytes: statSync(out).size });
  }
  const mbps = (bytes, ms) => `${(bytes / 1024 / 1024 / (ms / 1000)).toFixed(1)} MB/s`;
  const table = ['| Log | op-errors (median, spread) | op-errors speed | op-errors peak RSS | jq (median, spread) | jq speed | jq peak RSS | Faster than jq |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.mb} MB, ${(r.bytes / 1e6).toFixed(0)} MB of input, ${(r.outBytes / 1e6).toFixed(0)} MB of output | ${fmt(r.o.median)} (${fmt(r.o.min)} – ${fmt(r.o.max)}) | ${mbps(r.bytes, r.o.median)} | ${r.opRss.toFixed(0)} MB | ` +
      (r.j ? `${fmt(r.j.median)} (${fmt(r.j.min)} – ${fmt(r.j.max)}) | ${mbps(r.bytes, r.j.median)} | ${r.jqRss.toFixed(0)} MB | ${r.o.median < r.j.median ? `yes, ${(r.j.median / r.o.median).toFixed(2)}x` : `no, ${(r.o.median / r.j.median).toFixed(2)}x slower`} |` : 'jq not installed | | | |'))];
  return { table, rows };
}
