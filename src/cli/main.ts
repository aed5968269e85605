import { CommanderError } from 'commander';
import { buildProgram, type RunState } from './program.js';
import { type Io, createProcessIo } from '../adapters/io.js';
import { ConfigError, InputError, UsageError } from '../core/errors.js';
import { EXIT } from '../core/exit.js';
import { Redactor, environmentSecrets } from '../core/redact.js';

/** The loop of a `classify --jobs` worker thread, which runs this same bundle. */
export { serveClassifyPieces } from '../commands/classify-worker.js';

/** Runs the CLI with `argv` (without node and script) and returns the exit code; never exits the process. */
export async function main(argv: string[], processIo: Io = createProcessIo()): Promise<number> {
  const io = redacting(processIo);
  const debug = argv.includes('--debug');
  // Stack traces name the TypeScript sources through the bundle's source maps; only --debug pays for them.
  if (debug) process.setSourceMapsEnabled(true);
  const state: RunState = { exitCode: EXIT.OK };
  const program = buildProgram(io, state, argv);
  try {
    const topic = argv[0] === 'help' ? argv[1] : undefined;
    if (topic !== undefined && !program.commands.some((c) => c.name() === topic)) {
      throw new UsageError(`help: unknown command '${topic}' (op-errors --help lists the commands)`);
    }
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    state.exitCode = exitForError(e, io, debug);
  }
  await io.flush();
  return state.exitCode;
}

function exitForError(e: unknown, io: Io, debug: boolean): number {
  if (e instanceof CommanderError) {
    // Commander has already printed its message; help and version arrive here with exit code 0.
    return e.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  }
  if (e instanceof UsageError || e instanceof InputError || e instanceof ConfigError) {
    io.err(`op-errors: ${e.message}\n`);
    return EXIT.USAGE;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  io.err(`op-errors: internal error: ${err.message}${debug ? `\n${err.stack}` : ' (run with --debug for details)'}\n`);
  return EXIT.FAILURE;
}

/**
 * The last line of defence: credentials found in the environment (API keys, tokens) are masked in
 * everything written to stdout and stderr, whatever command, input or error produced the text.
 */
function redacting(io: Io): Io {
  const secrets = environmentSecrets(io.env);
  if (secrets.length === 0) return io;
  const redact = new Redactor(secrets);
  // Object.create keeps the lazy stdin getter lazy: spreading would create process.stdin at once.
  const wrapped: Partial<Io> = { out: (s) => io.out(redact.text(s)), err: (s) => io.err(redact.text(s)) };
  // Byte parts are the catalog's, or a body that call has already masked with these secrets and its own.
  if (io.outParts) wrapped.outParts = (parts) => io.outParts!(parts.map((p) => (typeof p === 'string' ? redact.text(p) : p)));
  return Object.assign(Object.create(io) as Io, wrapped);
}
