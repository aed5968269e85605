import type { CommandContext } from './context.js';
import { writeParts } from '../adapters/io.js';
import { InputError, UsageError } from '../core/errors.js';
import { environmentSecrets } from '../core/redact.js';
import { catalogFor } from './catalog-for.js';
import { ExchangeReader } from '../core/exchange-reader.js';
import { openInput } from '../input/open-input.js';
import { LINE_TOO_LONG, readLines } from '../input/read-lines.js';
import { ClassifyStream } from '../render/classify-stream.js';
import type { ClassificationField } from '../render/classification-json.js';
import { classifyInParallel, threadsFor } from './classify-parallel.js';
import { classifyRecording } from './classify-recording.js';
import type { WorkerSetup } from './classify-worker.js';

/** What `classify` was asked. */
export interface ClassifyCommandOptions {
  files: string[];
  status?: number;
  /** The contract fields to print (implies JSON). */
  fields?: ClassificationField[];
  /** One table of codes for the whole input. */
  summary?: boolean;
  /** Threads per file (JSON and summary output); by default every core for a large regular file. */
  jobs?: number;
}

/** Classifies every exchange in the inputs, streaming; returns the worst exit code. */
export async function runClassify(opts: ClassifyCommandOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const inputs = opts.files.length > 0 ? opts.files : ['-'];
  if (inputs.includes('-') && io.stdinIsTTY) {
    throw new UsageError('classify reads responses from files or a pipe, and nothing is piped in. ' +
      'Example: curl -si https://api.openprospect.io/api/v1/orders | op-errors classify');
  }
  const json = ctx.json || opts.fields !== undefined;
  const stream = new ClassifyStream(io, {
    json, fields: opts.fields, summary: opts.summary, theme: ctx.theme, width: ctx.width, catalog: await catalogFor(ctx),
    statusHint: opts.status, manyInputs: inputs.length > 1, now: () => io.now(),
  });
  const drain = async () => {
    stream.tick();
    await io.flush();
  };
  for (const input of inputs) {
    try {
      let from = { offset: 0, firstLine: 1 };
      // Human output names sources and separates results as it goes: it is written by one thread.
      const threads = json || opts.summary ? threadsFor(input, opts.jobs) : 1;
      if (threads > 1) {
        const write = async (bytes: Uint8Array) => {
          writeParts(io, [bytes]);
          await drain();
        };
        const rest = await classifyInParallel(input, threads, await workerSetup(input, opts, ctx), { stream, write });
        if (rest === null) continue;
        from = rest;
      }
      const reader = new ExchangeReader(input, {
        exchange: (ex) => stream.exchange(ex), problem: (p) => stream.problem(p),
        recording: (doc, line) => classifyRecording(doc, input, line, stream),
      });
      const source = await openInput(input, () => io.stdin, from.offset);
      const handlers = { line: (line: string, n: number) => reader.line(line, n), tooLong: (n: number) => reader.skipped(n, LINE_TOO_LONG) };
      reader.end(await readLines(source, handlers, drain, from.firstLine));
    } catch (e) {
      if (!(e instanceof InputError) && !(e as NodeJS.ErrnoException).code) throw e;
      stream.problem({ input, line: 0, message: (e as Error).message });
    } finally {
      await drain();
    }
  }
  return stream.finish();
}

/** What each worker needs to classify as this thread would: options, the config's codes, what to mask. */
async function workerSetup(input: string, opts: ClassifyCommandOptions, ctx: CommandContext): Promise<WorkerSetup> {
  const loaded = await ctx.config();
  return {
    input, statusHint: opts.status, fields: opts.fields, summary: opts.summary === true,
    codes: loaded?.config.codes, configFile: loaded?.file ?? '', secrets: environmentSecrets(ctx.io.env),
  };
}
