// call against serve next to curl and bare node; real retry waits against logged ones.
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { fmt, has, interleave, run, stats } from './lib.mjs';

const KEY = 'lnc_test_full_access';

/** Starts `op-errors serve` in a child process; resolves with its URL and a stop function. */
export function startServe(bin, extra = []) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--json', '--rate-limit', 'off', ...extra], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      const { url } = JSON.parse(out.split('\n')[0]);
      resolve({ url, pid: child.pid, stop: () => new Promise((r) => { child.on('close', r); child.kill('SIGINT'); }) });
    });
    child.on('error', reject);
  });
}

/** `call` against a local sandbox, curl on the same URL, and `node -e 0`. */
export async function callVsCurl({ bin, rounds }) {
  const serve = await startServe(bin);
  try {
    const url = `${serve.url}/orders?limit=5`;
    const env = { ...process.env, OPENPROSPECT_API_KEY: KEY, NO_COLOR: '1' };
    const commands = [
      { name: 'node -e 0', cmd: process.execPath, args: ['-e', '0'], options: { env } },
      { name: 'op-errors call GET …/orders', cmd: process.execPath, args: [bin, 'call', 'GET', url], options: { env } },
    ];
    const check = await run(process.execPath, [bin, 'call', 'GET', url], { env });
    if (check.code !== 0) throw new Error(`call against the sandbox exited ${check.code}; the benchmark would time an error`);
    if (has('curl')) commands.push({ name: 'curl -s …/orders', cmd: 'curl', args: ['-s', '-H', `Authorization: Bearer ${KEY}`, url], options: { env } });
    const samples = await interleave(commands, rounds);
    const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, stats(v.map((s) => s.ms))]));
    const curl = m['curl -s …/orders'];
    const budget = m['node -e 0'].median + (curl?.median ?? 0);
    const call = m['op-errors call GET …/orders'].median;
    const ratio = call / budget;
    const table = ['| Command | Median | Spread (p25–p75) |', '| --- | --- | --- |',
      ...Object.entries(m).map(([k, s]) => `| \`${k}\` | ${fmt(s.median)} | ${fmt(s.p25)} – ${fmt(s.p75)} |`)];
    const goal = {
      goal: '`call` against `serve` on loopback ≤ 1.6x (`node -e 0` + curl)', figure: fmt(call),
      peer: curl ? `\`node -e 0\` ${fmt(m['node -e 0'].median)} + curl ${fmt(curl.median)}` : `\`node -e 0\` ${fmt(budget)} (curl not installed)`,
      ratio: `${ratio.toFixed(2)}x`, met: ratio <= 1.6, reproduce: '`node bench/run.mjs --only call`',
    };
    return { table, ratio, met: ratio <= 1.6, budget, goals: [goal] };
  } finally {
    await serve.stop();
  }
}

/** A scripted server (503 with Retry-After, 503s without, then 200): real gaps against the logged waits. */
export async function retryTiming({ bin, runs }) {
  const overheads = [];
  for (let r = 0; r < runs; r++) {
    const arrivals = [];
    const replies = [[503, { 'retry-after': '1' }], [503, {}], [503, {}], [200, {}]];
    const server = createServer((req, res) => {
      arrivals.push(performance.now());
      const [status, headers] = replies[Math.min(arrivals.length - 1, replies.length - 1)];
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(status === 200 ? '{"items":[]}' : '{"error":{"code":"SERVICE_UNAVAILABLE"}}');
    });
    await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${server.address().port}/orders`;
    let out = '';
    await new Promise((ok) => {
      const child = spawn(process.execPath, [bin, 'call', 'GET', url, '--no-auth', '--retry', '4', '--json'], { stdio: ['ignore', 'pipe', 'ignore'] });
      child.stdout.on('data', (d) => (out += d));
      child.on('close', ok);
    });
    await new Promise((ok) => server.close(ok));
    const waits = JSON.parse(out).attempts.map((a) => a.waitMs).filter((w) => w !== null);
    arrivals.slice(1).forEach((t, i) => overheads.push({ logged: waits[i], real: t - arrivals[i], over: t - arrivals[i] - waits[i] }));
  }
  const worst = Math.max(...overheads.map((o) => Math.abs(o.over)));
  const table = ['| Logged wait | Real gap between requests | Difference |', '| --- | --- | --- |',
    ...overheads.map((o) => `| ${fmt(o.logged)} | ${fmt(o.real)} | ${o.over >= 0 ? '+' : ''}${o.over.toFixed(1)} ms |`)];
  return { table, worst, met: worst <= 20 };
}
