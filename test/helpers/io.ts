import type { Io } from '../../src/adapters/io.js';

/** An Io over strings: stdin from `input`, stdout and stderr collected. */
export interface TestIo extends Io {
  stdout(): string;
  stderr(): string;
  /** Simulates Ctrl-C. */
  interrupt(): void;
}

/** Creates a TestIo; `input` is what stdin yields (in chunks of `chunkSize`). */
export function createTestIo(options: {
  input?: string | Buffer; stdinIsTTY?: boolean; stdoutIsTTY?: boolean; stderrIsTTY?: boolean; env?: Record<string, string>;
  now?: number; chunkSize?: number; columns?: number; cwd?: string;
} = {}): TestIo {
  let out = '';
  let err = '';
  const interrupts: (() => void)[] = [];
  const data = typeof options.input === 'string' ? Buffer.from(options.input) : options.input ?? Buffer.alloc(0);
  const size = options.chunkSize ?? 64 * 1024;
  async function* stdin() {
    for (let i = 0; i < data.length; i += size) yield data.subarray(i, i + size);
  }
  return {
    out: (s) => void (out += s),
    flush: async () => {},
    err: (s) => void (err += s),
    stdin: stdin(),
    stdinIsTTY: options.stdinIsTTY ?? false,
    stdoutIsTTY: options.stdoutIsTTY ?? false,
    stderrIsTTY: options.stderrIsTTY ?? false,
    columns: options.columns,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => options.now ?? Date.parse('2026-11-21T12:00:00Z'),
    onInterrupt: (handler) => {
      interrupts.push(handler);
      return () => void interrupts.splice(interrupts.indexOf(handler), 1);
    },
    interrupt: () => interrupts.forEach((h) => h()),
    stdout: () => out,
    stderr: () => err,
  };
}
