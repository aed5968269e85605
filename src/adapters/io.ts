import { fstatSync, statSync, writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';
import { ByteQueue } from './byte-queue.js';

/** Everything a command may touch outside itself; tests pass their own. */
export interface Io {
  /** Queues text for stdout; call `flush` to wait until it is written. */
  out(text: string): void;
  /** Queues ready-made bytes and text for stdout, in order; optional, the fast path of large outputs. */
  outParts?(parts: (string | Uint8Array)[]): void;
  /** Writes the queued stdout text, waiting for the pipe to drain. */
  flush(): Promise<void>;
  /** Writes text to stderr at once. */
  err(text: string): void;
  stdin: AsyncIterable<Uint8Array | string>;
  stdinIsTTY: boolean;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** Terminal width, undefined when stdout is not a terminal. */
  columns: number | undefined;
  env: Record<string, string | undefined>;
  cwd: string;
  now(): number;
  /** Calls `handler` on Ctrl-C (SIGINT), SIGTERM or SIGHUP instead of dying; returns a function that stops listening. */
  onInterrupt(handler: (signal?: InterruptSignal) => void): () => void;
}

/** Writes text and bytes in order: as they are where the output takes bytes, else as the text the bytes decode to. */
export function writeParts(output: Pick<Io, 'out' | 'outParts'>, parts: (string | Uint8Array)[]): void {
  if (output.outParts) output.outParts(parts);
  else output.out(parts.map((p) => (typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength).toString('utf8'))).join(''));
}

/** The signals that end a run cleanly (what was recorded is kept) instead of killing it. */
export type InterruptSignal = 'SIGINT' | 'SIGTERM' | 'SIGHUP';
const INTERRUPT_SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];

/** The process's real streams, with buffered stdout that respects back-pressure and a closed pipe. */
export function createProcessIo(): Io {
  const queue = new ByteQueue();
  let closed = false;
  let listening = false;
  // process.stdin and friends are created on first access, which costs milliseconds: touch them only when used.
  const stdout = () => {
    if (!listening) {
      listening = true;
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        // A reader that went away (`| head`) is not an error of ours: stop writing quietly.
        if (e.code === 'EPIPE') closed = true;
        else throw e;
      });
    }
    return process.stdout;
  };
  const outIsTTY = isTerminal(1);
  return {
    out(text) {
      if (!closed) queue.push(text);
    },
    outParts(parts) {
      if (closed) return;
      for (const p of parts) {
        if (typeof p === 'string') queue.push(p);
        else queue.pushBytes(p);
      }
    },
    async flush() {
      let chunks = queue.take();
      if (chunks.length === 0 || closed) return;
      // Until the stream exists, write straight to the descriptor: creating process.stdout loads the
      // net and stream modules, a few ms that a one-answer command need not pay. A pipe that would block
      // (EAGAIN) hands the rest to the stream, which waits for it.
      if (!listening) {
        const direct = writeDirect(chunks);
        if (direct === 'closed') closed = true;
        if (direct !== 'closed' && direct.length === 0) queue.recycle();
        if (direct === 'closed' || direct.length === 0) return;
        chunks = direct;
      }
      const out = stdout();
      let ok = true;
      for (const chunk of chunks) ok = out.write(chunk);
      if (!ok && !closed) {
        await new Promise<void>((resolve) => {
          const done = () => {
            out.off('drain', done);
            out.off('error', done);
            resolve();
          };
          out.once('drain', done);
          out.once('error', done);
        });
      }
      if (out.writableLength === 0) queue.recycle();
    },
    err: (text) => void process.stderr.write(text),
    get stdin() {
      // Node reads a folder given as stdin (`< /`) as empty input: it is named instead.
      return isFolder(0) ? folderStdin() : process.stdin;
    },
    stdinIsTTY: isTerminal(0),
    stdoutIsTTY: outIsTTY,
    stderrIsTTY: isTerminal(2),
    columns: outIsTTY ? process.stdout.columns : undefined,
    env: process.env,
    cwd: process.cwd(),
    now: () => Date.now(),
    onInterrupt(handler) {
      for (const signal of INTERRUPT_SIGNALS) process.on(signal, handler);
      return () => {
        for (const signal of INTERRUPT_SIGNALS) process.off(signal, handler);
      };
    },
  };
}

/** Writes chunks to fd 1 synchronously while it accepts them; returns what is left for the stream. */
function writeDirect(chunks: Buffer[]): Buffer[] | 'closed' {
  for (let i = 0; i < chunks.length; i++) {
    let chunk = chunks[i];
    try {
      while (chunk.length > 0) chunk = chunk.subarray(writeSync(1, chunk));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EPIPE') return 'closed';
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      return [chunk, ...chunks.slice(i + 1)];
    }
  }
  return [];
}

/**
 * Whether a file descriptor is a terminal. Pipes, files and /dev/null answer from fstat; only another
 * character device (a terminal) needs node:tty, which with the net and stream modules costs 2 ms to load.
 */
function isTerminal(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    if (!stat.isCharacterDevice() || stat.rdev === devNull()) return false;
  } catch {
    return false;
  }
  return (createRequire(import.meta.url)('node:tty') as typeof import('node:tty')).isatty(fd);
}

function isFolder(fd: number): boolean {
  try {
    return fstatSync(fd).isDirectory();
  } catch {
    return false;
  }
}

/** The stdin of a run whose stdin is a folder: reading it fails as reading a folder given by name does. */
async function* folderStdin(): AsyncGenerator<Uint8Array> {
  throw new InputError(fileProblem('stdin', { code: 'EISDIR' }));
}

let devNullRdev: number | null | undefined;

/** The device number of /dev/null, null where there is none. */
function devNull(): number | null {
  if (devNullRdev === undefined) {
    try {
      devNullRdev = statSync('/dev/null').rdev;
    } catch {
      devNullRdev = null;
    }
  }
  return devNullRdev;
}

/** The same Io with another environment; Object.create keeps getters such as the lazy stdin working. */
export function withEnv(io: Io, env: Record<string, string | undefined>): Io {
  return Object.assign(Object.create(io) as Io, { env });
}

/** Reads a stream (stdin) to its end as UTF-8 text. */
export async function readAllText(stream: AsyncIterable<Uint8Array | string>): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
  return Buffer.concat(chunks).toString('utf8');
}
