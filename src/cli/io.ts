import { isatty } from 'node:tty';

/** Everything a command may touch outside itself; tests pass their own. */
export interface Io {
  /** Queues text for stdout; call `flush` to wait until it is written. */
  out(text: string): void;
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
  now(): number;
}

const FLUSH_AT = 64 * 1024;

/** The process's real streams, with buffered stdout that respects back-pressure and a closed pipe. */
export function createProcessIo(): Io {
  let queued: string[] = [];
  let size = 0;
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
  const outIsTTY = isatty(1);
  return {
    out(text) {
      if (closed) return;
      queued.push(text);
      size += text.length;
    },
    async flush() {
      if (size === 0 || closed) return;
      const chunk = queued.join('');
      queued = [];
      size = 0;
      const out = stdout();
      if (!out.write(chunk) && !closed) {
        await new Promise<void>((resolve) => {
          out.once('drain', resolve);
          out.once('error', () => resolve());
        });
      }
    },
    err: (text) => void process.stderr.write(text),
    get stdin() {
      return process.stdin;
    },
    stdinIsTTY: isatty(0),
    stdoutIsTTY: outIsTTY,
    stderrIsTTY: isatty(2),
    columns: outIsTTY ? process.stdout.columns : undefined,
    env: process.env,
    now: () => Date.now(),
  };
}

/** True when enough output is queued that it should be flushed before reading more input. */
export function shouldFlush(queuedChars: number): boolean {
  return queuedChars >= FLUSH_AT;
}
