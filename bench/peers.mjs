// The peers the remaining goals are measured against: a bare node:http server for `serve`, and a large
// HAR for `replay` (time and peak memory at two sizes, to see whether memory stays flat).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { writeHar } from './gen-har.mjs';
import { fmt, run } from './lib.mjs';
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

/** `serve` and a bare node:http server with the same JSON, one after the other, at 50 connections. */
export async function serveVsBare({ bin, seconds }) {
  const serve = await startServe(bin);
  const url = `${serve.url}/orders?limit=5`;
  const body = await (await fetch(url, { headers: { authorization: `Bearer ${KEY}` } })).text();
  const bare = await startBare(body);
  try {
    const s = await cannon(url, seconds);
    const b = await cannon(bare.url, seconds);
    if (s.non2xx > 0 || s.errors > 0) throw new Error(`serve answered ${s.non2xx} non-2xx responses and ${s.errors} errors under load`);
    const ratio = s.requests.average / b.requests.average;
    const row = (name, r) => `| ${name} | ${r.requests.total} | ${r.requests.average.toFixed(0)} | ${r.latency.p50} ms | ${r.latency.p99} ms | ${r.errors + r.timeouts} |`;
    const table = ['| Server | Requests | Requests/s (mean) | Latency p50 | p99 | Errors |', '| --- | --- | --- | --- | --- | --- |',
      row('`op-errors serve`', s), row('bare `node:http`, same JSON', b)];
    return { table, ratio, met: ratio >= 0.7 };
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
