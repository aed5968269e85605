// The peers the remaining goals are measured against: a bare node:http server for `serve`, and a large
// HAR for `replay` (time and peak memory at two sizes, to see whether memory stays flat).
import { spawn } from 'node:child_process';
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
    url: String(d).trim(), stop: () => new Promise((r) => { child.on('close', r); child.kill(); }),
  })));
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
        const result = await cannon(name === 'serve' ? url : bare.url, seconds);
        if (result.non2xx > 0 || result.errors > 0) throw new Error(`${name} answered ${result.non2xx} non-2xx responses and ${result.errors} errors under load`);
        runs[name].push(result);
      }
    }
    const median = (rs) => stats(rs.map((x) => x.requests.average)).median;
    const ratio = median(runs.serve) / median(runs.bare);
    const row = (name, rs) => {
      const rps = stats(rs.map((x) => x.requests.average));
      const p99 = stats(rs.map((x) => x.latency.p99));
      return `| ${name} | ${rps.median.toFixed(0)} (${rps.min.toFixed(0)} – ${rps.max.toFixed(0)}) | ${stats(rs.map((x) => x.latency.p50)).median} ms | ${p99.median} ms (${p99.min} – ${p99.max}) | ${rs.reduce((n, x) => n + x.errors + x.timeouts, 0)} |`;
    };
    const table = [`| Server | Requests/s (median of ${rounds}, range) | Latency p50 | p99 (median, range) | Errors |`, '| --- | --- | --- | --- | --- |',
      row('`op-errors serve`', runs.serve), row('bare `node:http`, same JSON', runs.bare)];
    return { table, ratio, met: ratio >= 0.7, rounds, p99: stats(runs.serve.map((x) => x.latency.p99)).median };
  } finally {
    await serve.stop();
    await bare.stop();
  }
}

/** `replay` of HARs with 10k and 100k entries: wall time and peak RSS. */
export async function replayHar({ bin, tmp, sizes }) {
  const rows = [];
  for (const n of sizes) {
    const file = join(tmp, `calls-${n}.har`);
    await writeHar(file, n);
    const r = await run(process.execPath, [bin, 'replay', file], { rss: true });
    rows.push({ n, ms: r.ms, rssMb: r.rssMb });
  }
  const last = rows[rows.length - 1];
  const table = ['| Entries | Wall | Peak RSS |', '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.n.toLocaleString('en')} | ${fmt(r.ms)} | ${r.rssMb?.toFixed(0) ?? '?'} MB |`)];
  const flat = rows.length < 2 || last.rssMb < 1.5 * rows[0].rssMb;
  return { table, met: last.ms < 3000, flat, largest: last.n };
}
