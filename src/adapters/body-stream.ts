import { createWriteStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { InputError } from '../core/errors.js';
import { fileProblem } from '../core/file-problem.js';
import type { Redactor } from '../core/redact.js';
import type { ResponseBody } from './http.js';
import { writeParts } from './io.js';

/** Where a streamed body goes: queued text or bytes, and a flush that waits while the reader is slow. */
export interface BodySink {
  out(text: string): void;
  outParts?(parts: (string | Uint8Array)[]): void;
  flush(): Promise<void>;
}

/**
 * Passes a long body through, secrets masked and then `encode`d (as it is, or escaped into a JSON string), at
 * the pace the reader takes it: memory stays flat whatever the body's size. Returns the number of bytes that
 * came over the wire; a transfer that breaks midway is thrown.
 */
export async function pipeBody(
  body: ResponseBody, sink: BodySink, redact: Redactor, encode: (text: string) => string = (text) => text,
): Promise<number> {
  const decoder = new StringDecoder('utf8');
  const masker = redact.stream();
  let bytes = body.prefix.length;
  sink.out(encode(masker.push(decoder.write(body.prefix))));
  for await (const chunk of body.rest as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    sink.out(encode(masker.push(decoder.write(chunk))));
    await sink.flush();
  }
  sink.out(encode(masker.push(decoder.end()) + masker.end()));
  await sink.flush();
  return bytes;
}

/**
 * Passes a body of data (an export, an image, text in another charset) through byte for byte, secrets masked:
 * decoding it as UTF-8 would replace what is not. `rest` is null when `bytes` is the whole body.
 */
export async function pipeBytes(bytes: Buffer, rest: AsyncIterable<Buffer> | null, sink: BodySink, redact: Redactor): Promise<number> {
  // Latin-1 maps each byte to one character and back, as Redactor.bytes does; the stream masker also finds a
  // secret split between two chunks.
  const masker = redact.stream();
  const write = (text: string) => {
    writeParts(sink, [Buffer.from(text, 'latin1')]);
  };
  let total = bytes.length;
  write(masker.push(bytes.toString('latin1')));
  for await (const chunk of rest ?? []) {
    total += chunk.length;
    write(masker.push(chunk.toString('latin1')));
    await sink.flush();
  }
  write(masker.end());
  await sink.flush();
  return total;
}

/** Reads a long body to its end without keeping it, so the connection closes cleanly; returns its size. */
export async function drainBody(body: ResponseBody): Promise<number> {
  let bytes = body.prefix.length;
  for await (const chunk of body.rest as AsyncIterable<Buffer>) bytes += chunk.length;
  return bytes;
}

/** A file that receives a response body: opened before anything is sent, so a bad path loses no response. */
export async function openBodyFile(path: string): Promise<BodySink & { close(): Promise<void> }> {
  const stream = createWriteStream(path, { flags: 'w' });
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e: NodeJS.ErrnoException) => reject(new InputError(`-o/--output: ${fileProblem(path, e, 'write')}`)));
  });
  let failed: Error | null = null;
  stream.on('error', (e) => (failed = e));
  let pending = true;
  return {
    out(text) {
      pending = stream.write(text);
    },
    outParts(parts) {
      for (const p of parts) pending = stream.write(p);
    },
    async flush() {
      if (failed) throw new InputError(`-o/--output: ${fileProblem(path, failed, 'write')}`);
      if (!pending) await new Promise<void>((resolve) => stream.once('drain', resolve));
      pending = true;
    },
    close: () => new Promise<void>((resolve, reject) => {
      // end() hands its callback the write error before the 'error' event has been seen.
      stream.end((e?: Error | null) => {
        const problem = e ?? failed;
        if (problem) reject(new InputError(`-o/--output: ${fileProblem(path, problem, 'write')}`));
        else resolve();
      });
    }),
  };
}
