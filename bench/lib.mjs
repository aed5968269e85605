// Timing helpers shared by the benchmarks: spawn a command, time it, read its peak memory.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Runs a command to completion; returns wall time in ms and, when asked and available, peak RSS in MB. */
export function run(cmd, args, { env = process.env, stdout = 'ignore', rss = false, input } = {}) {
  return new Promise((resolve, reject) => {
    const useTime = rss && TIME;
    const started = process.hrtime.bigint();
    const child = spawn(useTime ? TIME : cmd, useTime ? ['-f', '%M', cmd, ...args] : args,
      { env, stdio: [input === undefined ? 'ignore' : 'pipe', stdout, useTime ? 'pipe' : 'ignore'] });
    let err = '';
    child.stderr?.on('data', (d) => (err += d));
    if (input !== undefined) child.stdin.end(input);
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const kb = useTime ? Number(err.trim().split('\n').pop()) : NaN;
      resolve({ ms, code, rssMb: Number.isFinite(kb) ? kb / 1024 : null });
    });
  });
}

/** Median, quartiles and range of a list of numbers. */
export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.max(0, Math.round(q * (s.length - 1))))];
  return { n: s.length, median: at(0.5), p25: at(0.25), p75: at(0.75), min: s[0], max: s[s.length - 1] };
}

/** Runs every command once per round, in a rotating order, so machine noise falls on all of them alike. */
export async function interleave(commands, rounds, warmup = 2) {
  const samples = Object.fromEntries(commands.map((c) => [c.name, []]));
  for (let r = -warmup; r < rounds; r++) {
    for (let i = 0; i < commands.length; i++) {
      const c = commands[(i + Math.max(r, 0)) % commands.length];
      const result = await run(c.cmd, c.args, c.options);
      if (r >= 0) samples[c.name].push(result);
    }
  }
  return samples;
}

/** True when a program is on the PATH. */
export function has(program) {
  return (process.env.PATH ?? '').split(':').some((dir) => existsSync(`${dir}/${program}`));
}

/** Formats milliseconds for a table. */
export const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
