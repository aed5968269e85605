import type { CommandContext } from './context.js';
import { InputError, UsageError } from '../core/errors.js';
import { catalogFor } from './catalog-for.js';
import { ExchangeReader, type ReaderSink } from '../core/exchange-reader.js';
import { openInput } from '../input/open-input.js';
import { MAX_LINE_CHARS, readLines } from '../input/read-lines.js';
import { callsFromCassette, callsFromHar } from '../input/recording-formats.js';
import { ClassifyStream } from '../render/classify-stream.js';
import type { ClassificationField } from '../render/classification-json.js';

/** What `classify` was asked. */
export interface ClassifyCommandOptions {
  files: string[];
  status?: number;
  /** The contract fields to print (implies JSON). */
  fields?: ClassificationField[];
  /** One table of codes for the whole input. */
  summary?: boolean;
}

/** Classifies every exchange in the inputs, streaming; returns the worst exit code. */
export async function runClassify(opts: ClassifyCommandOptions, ctx: CommandContext): Promise<number> {
  const { io } = ctx;
  const inputs = opts.files.length > 0 ? opts.files : ['-'];
  if (inputs.includes('-') && io.stdinIsTTY) {
    throw new UsageError('classify reads responses from files or a pipe, and nothing is piped in. ' +
      'Example: curl -si https://api.openprospect.io/api/v1/orders | op-errors classify');
  }
  const stream = new ClassifyStream(io, {
    json: ctx.json || opts.fields !== undefined, fields: opts.fields, summary: opts.summary, theme: ctx.theme, width: ctx.width, catalog: await catalogFor(ctx), statusHint: opts.status,
    manyInputs: inputs.length > 1, now: () => io.now(),
  });
  const tooLong = `line over ${MAX_LINE_CHARS / 1024 / 1024} MB: skipped; the rest of the input is still read`;
  const drain = async () => {
    stream.tick();
    await io.flush();
  };
  for (const input of inputs) {
    try {
      const reader = new ExchangeReader(input, {
        exchange: (ex) => stream.exchange(ex), problem: (p) => stream.problem(p),
        recording: (json, line) => classifyRecording(json, input, line, stream),
      });
      const source = await openInput(input, () => io.stdin);
      reader.end(await readLines(source, { line: (line, n) => reader.line(line, n), tooLong: (n) => reader.skipped(n, tooLong) }, drain));
    } catch (e) {
      if (!(e instanceof InputError) && !(e as NodeJS.ErrnoException).code) throw e;
      stream.problem({ input, line: 0, message: (e as Error).message });
    }
    await drain();
  }
  return stream.finish();
}

/** The calls of a HAR file or cassette, each as one exchange with its attempts grouped as replay groups them. */
function classifyRecording(json: Record<string, unknown>, input: string, line: number, sink: ReaderSink): void {
  const name = input === '-' ? 'stdin' : input;
  try {
    const calls = json.format === 'op-errors-cassette' ? callsFromCassette(json, name) : callsFromHar(json, name);
    if (calls.length === 0) sink.problem({ input, line, message: 'the recording holds no calls' });
    for (const call of calls) {
      sink.exchange({ attempts: call.attempts.map((a) => a.attempt), source: { input, line: call.attempts[0].source.line } });
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    sink.problem({ input, line, message: e.message });
  }
}
