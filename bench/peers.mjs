// The peers the remaining goals are measured against: a bare node:http server for `serve`, and a large
// HAR for `replay` (time and peak memory at two sizes, to see whether memory stays flat).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { writeHar } from './gen-har.mjs';
import { fmt, run, stats } from './lib.mjs';
import { startServe } from './network.mjs';

const KEY = 'lnc_test_full_access';

/** A bare node:http server in its own process answering every request with `body`; resolves with its URL. */
function startBare(body) {
  const script = `const b=Buffer.from(process.env.BODY);require('node:http').createServer((q,r)=>{` +
    `r.writeHead(200,{'content-type':'application/json','content-length':b.length});r.end(b)})` +
    `.listen(0,'127.0.0.1',function(){console.log('http://127.0.0.1:'+this.address().port)})`;
  const child = spawn(process.execPath, ['-e', script], { env: { ...process.env, BODY: body }, stdio: ['ignore', 'pipe', 'ignore'] });
  return new Promise((resolve) => child.stdout.once('data', (d) => resolve({
    url: String(d).trim(), pid: child.pid, stop: () => new Promise((r) => { child.on('close', r); child.kill(); }),
  })));
}

/** CPU time (user + system) a process has used, in ms; null where /proc does not exist. */
function cpuMs(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

const cannon = (url, seconds) => autocannon({ url, connections: 50, duration: seconds, headers: { authorization: `Bearer ${KEY}` } });

/**
 * `serve` and a bare node:http server with the same JSON at 50 connections, in `rounds` interleaved rounds
 * (the order alternating), so machine noise falls on both; the ratio is of the median requests per second.
 */
export async function serveVsBare({ bin, seconds, rounds = 3 }) {
  const serve = await startServe(bin);
  const url = `${serve.url}/orders?limit=5`;
  const body = await (await fetch(url, { headers: { authorization: `Bearer ${KEY}` } })).text();
  const bare = await startBare(body);
  try {
    const runs = { serve: [], bare: [] };
    for (let r = 0; r < rounds; r++) {
      for (const name of r % 2 === 0 ? ['serve', 'bare'] : ['bare', 'serve']) {
        const pid = name === 'serve' ? serve.pid : bare.pid;
        const before = cpuMs(pid);
        const result = await cannon(name === 'serve' ? url : bare.url, seconds);
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name} answered ${result.non2xx} non-2xx responses and ${result.errors} errors under load`);
        const used = cpuMs(pid);
        runs[name].push({ ...result, cpuUs: before === null || used === null ? null : ((used - before) * 1000) / result.requests.total });
      }
    }
    const median = (rs) => stats(rs.map((x) => x.requests.average)).median;
    const ratio = median(runs.serve) / median(runs.bare);
    const row = (name, rs) => {
      const rps = stats(rs.map((x) => x.requests.average));
      const p99 = stats(rs.map((x) => x.latency.p99));
      const cpu = rs.every((x) => x.cpuUs !== null) ? `${stats(rs.map((x) => x.cpuUs)).median.toFixed(1)} µs` : '?';
      return `| ${name} | ${rps.median.toFixed(0)} (${rps.min.toFixed(0)} – ${rps.max.toFixed(0)}) | ${stats(rs.map((x) => x.latency.p50)).median} ms | ${p99.median} ms (${p99.min} – ${p99.max}) | ${cpu} | ${rs.reduce((n, x) => n + x.errors + x.timeouts, 0)} |`;
    };
    const table = [`| Server | Requests/s (median of ${rounds}, range) | Latency p50 | p99 (median, range) | CPU per request (median) | Errors |`, '| --- | --- | --- | --- | --- | --- |',
      row('`op-errors serve`', runs.serve), row('bare `node:http`, same JSON', runs.bare)];
    const p99 = (rs) => stats(rs.map((x) => x.latency.p99)).median;
    const cpu = (rs) => (rs.every((x) => x.cpuUs !== null) ? `, ${stats(rs.map((x) => x.cpuUs)).median.toFixed(1)} µs CPU/request` : '');
    const goal = {
      goal: '`serve` at 50 connections ≥ 70% of the requests/s of bare `node:http`', figure: `${median(runs.serve).toFixed(0)} req/s, p99 ${p99(runs.serve)} ms${cpu(runs.serve)}`,
      peer: `${median(runs.bare).toFixed(0)} req/s, p99 ${p99(runs.bare)} ms${cpu(runs.bare)}`, ratio: `${(ratio * 100).toFixed(0)}%`, met: ratio >= 0.7,
      reproduce: '`node bench/run.mjs --only serve`',
    };
    return { table, ratio, met: ratio >= 0.7, rounds, goals: [goal] };
  } finally {
    await serve.stop();
    await bare.stop();
  }
}

/** The naive way to the same entries, as the peer: the whole HAR read and parsed at once, in memory. */
const PARSE_WHOLE = "const h=JSON.parse(require('fs').readFileSync(process.argv[1],'utf8'));let n=0;for(const e of h.log.entries)n+=e.response.status;";

/**
 * `replay` (the table, and --json) of HARs of each size in `sizes`, with wall time and peak RSS, beside Node
 * parsing the same HAR whole; the goal: 100,000 entries (or the largest size) under 3 s, and peak memory at
 * the largest size under 1.5x that at the smallest.
 */
export async function replayHar({ bin, tmp, sizes }) {
  const rows = [];
  for (const n of sizes) {
    const file = join(tmp, `calls-${n}.har`);
    await writeHar(file, n);
    const table = await run(process.execPath, [bin, 'replay', file], { rss: true });
    const json = await run(process.execPath, [bin, 'replay', '--json', file], { rss: true });
    const whole = await run(process.execPath, ['-e', PARSE_WHOLE, file], { rss: true });
    rows.push({ n, table, json, whole });
  }
  const first = rows[0];
  const last = rows.find((r) => r.n === 100_000) ?? rows[rows.length - 1];
  const largest = rows[rows.length - 1];
  const mb = (r) => `${r.rssMb?.toFixed(0) ?? '?'} MB`;
  const table = ['| Entries | `replay` (table) | peak RSS | `replay --json` | peak RSS | Node: `JSON.parse` of the whole HAR | peak RSS |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map((r) => `| ${r.n.toLocaleString('en')} | ${fmt(r.table.ms)} | ${mb(r.table)} | ${fmt(r.json.ms)} | ${mb(r.json)} | ${fmt(r.whole.ms)} | ${mb(r.whole)} |`)];
  const slowest = Math.max(last.table.ms, last.json.ms);
  const peak = (r) => Math.max(r.table.rssMb, r.json.rssMb);
  const flat = rows.length < 2 || peak(largest) < 1.5 * peak(first);
  const goal = {
    goal: `\`replay\` of a HAR of ${last.n.toLocaleString("en")} entries < 3 s, in flat memory`,
    figure: `${fmt(last.table.ms)} (table), ${fmt(last.json.ms)} (--json); peak ${mb(last.table)} / ${mb(last.json)}`,
    peer: `${first.n.toLocaleString('en')} → ${largest.n.toLocaleString('en')} entries: peak ${mb(first.json)} → ${mb(largest.json)}; JSON.parse of the whole: ${fmt(last.whole.ms)}, ${mb(last.whole)}`,
    ratio: `${(slowest / 1000).toFixed(2)} s; RSS ${(peak(largest) / peak(first)).toFixed(2)}x`,
    met: slowest < 3000 && flat, reproduce: `\`node bench/gen-har.mjs calls.har ${last.n} && node bin/op-errors.js replay --json calls.har > /dev/null\``,
  };
  return { table, met: slowest < 3000, flat, largest: last.n, goals: [goal] };
}
