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
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    // A reader that went away (`| head`) is not an error of ours: stop writing quietly.
    if (e.code === 'EPIPE') closed = true;
    else throw e;
  });
  const io: Io = {
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
      if (!process.stdout.write(chunk) && !closed) {
        await new Promise<void>((resolve) => {
          process.stdout.once('drain', resolve);
          process.stdout.once('error', () => resolve());
        });
      }
    },
    err: (text) => void process.stderr.write(text),
    stdin: process.stdin,
    stdinIsTTY: process.stdin.isTTY === true,
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    columns: process.stdout.isTTY ? process.stdout.columns : undefined,
    env: process.env,
    now: () => Date.now(),
  };
  return io;
}

/** True when enough output is queued that it should be flushed before reading more input. */
export function shouldFlush(queuedChars: number): boolean {
  return queuedChars >= FLUSH_AT;
}
