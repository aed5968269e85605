import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The built CLI (the test suite's global setup builds it first). */
export const BIN = fileURLToPath(new URL('../../bin/op-errors.js', import.meta.url));

/** What a run of the built CLI printed and how it ended. */
export interface BinResult {
  code: number | null;
  out: string;
  err: string;
}

/** What a run may be given: stdin, environment, folder, and a watcher of stderr as it arrives (to send a signal). */
export interface BinOptions {
  input?: string;
  /** A file descriptor to give as stdin instead of `input` (a folder opened for reading). */
  stdinFd?: number;
  env?: Record<string, string>;
  cwd?: string;
  onStderr?: (soFar: string, child: ChildProcess) => void;
}

/** Runs the built CLI with `input` on stdin (or /dev/null), no colour, and no config outside the repository. */
export function runBin(args: string[], options: BinOptions = {}): Promise<BinResult> {
  const env: Record<string, string | undefined> = { ...process.env };
  delete env.FORCE_COLOR;
  delete env.COLUMNS;
  Object.assign(env, { NO_COLOR: '1', XDG_CONFIG_HOME: '/nonexistent', OPENPROSPECT_API_KEY: 'lnc_test_conventions000000' }, options.env);
  const child = spawn(process.execPath, [BIN, ...args], {
    env, cwd: options.cwd, stdio: [options.stdinFd ?? (options.input === undefined ? 'ignore' : 'pipe'), 'pipe', 'pipe'],
  });
  if (options.input !== undefined) child.stdin!.end(options.input);
  let out = '';
  let err = '';
  // Decoded as a stream, so a character split across two chunks is not lost.
  child.stdout!.setEncoding('utf8').on('data', (d) => (out += d));
  child.stderr!.setEncoding('utf8').on('data', (d) => {
    err += d;
    options.onStderr?.(err, child);
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}
