import { Agent } from 'node:http';
import { describe, expect, it } from 'vitest';
import { SEED_IDS } from '../../src/sandbox/seed.js';
import { READ_ONLY, type ReqOptions, sandbox } from './client.js';

const CLIENTS = 200;
// Bounded by count, not time, so a loaded machine makes it slower but not different; the requests per
// second are the benchmark's business (npm run bench). OP_ERRORS_LOAD_ROUNDS=200 runs a longer check.
const ROUNDS = Number(process.env.OP_ERRORS_LOAD_ROUNDS) > 0 ? Number(process.env.OP_ERRORS_LOAD_ROUNDS) : 5;

/** The request mix: each with the status it must get; 404 and 422 are scripted, not failures. */
const MIX: { method: string; path: string; status: number; opts?: ReqOptions }[] = [
  { method: 'GET', path: '/api/v1/orders?limit=10', status: 200 },
  { method: 'GET', path: `/api/v1/orders/${SEED_IDS.completedOrder}`, status: 200 },
  { method: 'GET', path: `/api/v1/blacklists/${SEED_IDS.blacklist}/entries?limit=2`, status: 200 },
  { method: 'GET', path: '/api/v1/auth/validate', status: 200, opts: { key: READ_ONLY } },
  { method: 'GET', path: '/api/v1/orders/00000000-0000-4000-8000-000000000000', status: 404 },
  { method: 'POST', path: '/api/v1/orders', status: 422, opts: { body: { companies: [] } } },
  { method: 'GET', path: '/health', status: 200 },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

describe('sandbox under load', () => {
  it(`holds ${CLIENTS} concurrent keep-alive clients for ${ROUNDS} requests each with no failed request`, async () => {
    const s = await sandbox({ rateLimit: { limit: 1e9, windowMs: 60_000 }, log: undefined });
    const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
    const latencies: number[] = [];
    const failures: string[] = [];
    let sent = 0;
    const once = async (i: number) => {
      const step = MIX[i % MIX.length];
      sent++;
      try {
        const r = await s.call(step.method, step.path, { ...step.opts, agent });
        if (r.status !== step.status) failures.push(`${step.method} ${step.path}: ${r.status} ${r.text.slice(0, 120)}`);
      } catch (e) {
        failures.push(`${step.method} ${step.path}: ${(e as Error).message}`);
      }
    };
    // Opening 200 connections while the first ones already run hot measures the shared event loop, not the
    // sandbox: open them all first, then time the steady state.
    const warmStart = performance.now();
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => once(n)));
    const warmMs = performance.now() - warmStart;
    const started = performance.now();
    const client = async (n: number) => {
      for (let i = n; i < n + ROUNDS; i++) {
        const t = performance.now();
        await once(i);
        latencies.push(performance.now() - t);
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, n) => client(n)));
    const elapsed = (performance.now() - started) / 1000;
    agent.destroy();
    latencies.sort((a, b) => a - b);
    console.log(
      `load: ${CLIENTS} keep-alive clients opened in ${warmMs.toFixed(0)} ms, then ${latencies.length} requests in ` +
      `${elapsed.toFixed(1)} s: ${Math.round(latencies.length / elapsed)} req/s, p50 ${percentile(latencies, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms; ${sent} requests, ${failures.length} failed`,
    );
    expect(failures.slice(0, 5)).toEqual([]);
    expect(failures).toHaveLength(0);
    expect(latencies).toHaveLength(CLIENTS * ROUNDS);
    expect(sent).toBe(CLIENTS * (ROUNDS + 1));
  }, 60_000);
});
