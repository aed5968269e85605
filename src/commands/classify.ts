import type { CommandContext } from './context.js';
import { InputError, UsageError } from '../core/errors.js';
import { catalogFor } from './catalog-for.js';
import { ExchangeReader } from '../core/exchange-reader.js';
import { openInput } from '../input/open-input.js';
import { readLines } from '../input/read-lines.js';
import { ClassifyStream } from '../render/classify-stream.js';

/** What `classify` was asked. */
export interface ClassifyCommandOptions {
  files: string[];
  status?: number;
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
    json: ctx.json, theme: ctx.theme, width: ctx.width, catalog: await catalogFor(ctx), statusHint: opts.status,
    manyInputs: inputs.length > 1, now: () => io.now(),
  });
  const drain = async () => {
    stream.tick();
    await io.flush();
  };
  for (const input of inputs) {
    try {
      const reader = new ExchangeReader(input, stream);
      const source = await openInput(input, io.stdin);
      reader.end(await readLines(source, (line, n) => reader.line(line, n), drain));
    } catch (e) {
      if (!(e instanceof InputError) && !(e as NodeJS.ErrnoException).code) throw e;
      stream.problem({ input, line: 0, message: (e as Error).message });
    }
    await drain();
  }
  return stream.finish();
}
