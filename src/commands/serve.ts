import type { CommandContext } from './context.js';
import { EXIT } from '../core/exit.js';
import { UsageError } from '../core/errors.js';
import { encodeJson } from '../render/json.js';
import { humanMs } from '../render/words.js';
import { INACTIVE_KEYS, SANDBOX_KEYS } from '../sandbox/keys.js';
import { loadPlayback } from '../sandbox/load-playback.js';
import { type Sandbox, startSandbox } from '../sandbox/sandbox.js';
import { DEFAULT_SLOW_MS } from '../sandbox/scenarios.js';
import { type Envelope, SCENARIOS, SCENARIO_SUMMARIES, type ScenarioName } from '../sandbox/types.js';

/** What `serve` prints with --json and hands to `ready`. */
export interface ServeInfo {
  url: string;
  port: number;
  keys: Record<string, string[]>;
  scenario: ScenarioName | null;
  failRate: number | null;
  cassette: string | null;
}

/** `serve` flags, plus the hooks tests use to learn the port and to stop the server. */
export interface ServeOptions {
  /** 0 picks a free port. */
  port: number;
  scenario?: ScenarioName;
  failRate?: number;
  cassette?: string;
  slowMs?: number;
  /** The error envelope (default flat). */
  envelope?: Envelope;
  /** Requests per window per key; false turns the limit off. */
  rateLimit?: { limit: number; windowMs: number } | false;
  /** Called once the server listens. */
  ready?: (info: ServeInfo) => void;
  /** Ends the server as Ctrl-C does, when it settles. */
  stop?: Promise<void>;
}

/** Runs the sandbox until Ctrl-C (or `stop`), logging each request on stderr; returns the exit code. */
export async function runServe(opts: ServeOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  if (opts.slowMs !== undefined && opts.scenario !== 'slow') throw new UsageError('--slow-ms sets the delay of --scenario slow: add --scenario slow, or leave it out');
  const playback = opts.cassette ? await loadPlayback(opts.cassette) : undefined;
  const requestLog = new BatchedLines((text) => io.err(text));
  let sandbox: Sandbox;
  try {
    sandbox = await startSandbox({
      port: opts.port, scenario: opts.scenario, envelope: opts.envelope, failRate: opts.failRate, slowMs: opts.slowMs, playback,
      rateLimit: opts.rateLimit === false ? { limit: Number.MAX_SAFE_INTEGER, windowMs: 60_000 } : opts.rateLimit,
      log: (line) => requestLog.add(line),
    });
  } catch (e) {
    await playback?.close?.();
    const reason = listenFailure((e as NodeJS.ErrnoException).code, opts.port);
    if (!reason) throw e;
    io.err(`op-errors: ${reason}\n`);
    return EXIT.USAGE;
  }
  const info: ServeInfo = {
    url: sandbox.url, port: sandbox.port, keys: Object.fromEntries(Object.entries(SANDBOX_KEYS).map(([k, s]) => [k, [...s]])),
    scenario: opts.scenario ?? null, failRate: opts.failRate ?? null, cassette: opts.cassette ?? null,
  };
  if (ctx.json) io.out(encodeJson(info));
  else io.err(banner(info, opts, playback?.count ?? 0));
  await io.flush();
  opts.ready?.(info);
  let stopListening = () => {};
  await new Promise<void>((resolve) => {
    stopListening = io.onInterrupt(() => resolve());
    opts.stop?.then(resolve, resolve);
  });
  stopListening();
  await sandbox.close();
  requestLog.flush();
  if (!ctx.json) io.err('op-errors: sandbox stopped\n');
  return EXIT.OK;
}

/** Lines written together once per turn of the event loop: a write per request cost a tenth of serve's time under load. */
class BatchedLines {
  private lines: string[] = [];

  constructor(private readonly write: (text: string) => void) {}

  /** Queues one line; the first of a turn schedules the write. */
  add(line: string): void {
    if (this.lines.length === 0) setImmediate(() => this.flush());
    this.lines.push(`${line}\n`);
  }

  /** Writes the queued lines now. */
  flush(): void {
    if (this.lines.length === 0) return;
    const text = this.lines.join('');
    this.lines = [];
    this.write(text);
  }
}

function listenFailure(code: string | undefined, port: number): string | null {
  if (code === 'EADDRINUSE') return `port ${port} is in use: pick another with --port, or --port 0 for a free one`;
  if (code === 'EACCES') {
    return `port ${port} needs privileges this user lacks: pick one above 1023 with --port, or --port 0 for a free one`;
  }
  return null;
}

function banner(info: ServeInfo, opts: ServeOptions, recorded: number): string {
  const root = info.url.replace(/\/api\/v1$/, '');
  const lines = [`sandbox listening on ${info.url} (health: ${root}/health)`];
  if (opts.cassette) {
    const exchanges = `${recorded} recorded exchange${recorded === 1 ? '' : 's'}`;
    lines.push(`replaying ${exchanges} from ${opts.cassette}, each once, in order per method and path`);
  }
  if (opts.scenario === 'slow') lines.push(`scenario slow: every response is delayed by ${humanMs(opts.slowMs ?? DEFAULT_SLOW_MS)}`);
  else if (opts.scenario) lines.push(`scenario ${opts.scenario}: ${SCENARIO_SUMMARIES[opts.scenario]}`);
  else if (!opts.cassette) lines.push(`scenario: none (--scenario ${SCENARIOS.join('|')} scripts failures)`);
  if (opts.failRate) lines.push(`fail rate: ${Math.round(opts.failRate * 1000) / 10}% of requests answer 503 SERVICE_UNAVAILABLE`);
  lines.push(opts.cassette ? 'keys (not checked while replaying):' : 'keys:');
  const width = Math.max(...Object.keys(info.keys).map((k) => k.length));
  for (const [key, scopes] of Object.entries(info.keys)) lines.push(`  ${key.padEnd(width)}  ${scopes.join(', ')}`);
  if (!opts.cassette) {
    for (const [key, state] of Object.entries(INACTIVE_KEYS)) lines.push(`  ${key.padEnd(width)}  (${state}: answers 401)`);
    if (opts.envelope && opts.envelope !== 'flat') lines.push(`errors in the ${opts.envelope} envelope (--envelope flat|nested|legacy)`);
  }
  lines.push(`try: OPENPROSPECT_API_KEY=lnc_test_full_access op-errors call GET /orders --base-url ${info.url}`);
  lines.push('press Ctrl-C to stop; each request is logged below');
  return lines.map((l) => `op-errors: ${l}\n`).join('');
}
