// The worker of `classify --jobs`: a worker thread running the bundled CLI calls serveClassifyPieces, which
// classifies the pieces of a file it is sent and answers, per piece, the output bytes, the problems and the counts.
import { createRequire } from 'node:module';
import { ByteQueue } from '../adapters/byte-queue.js';
import type { Catalog } from '../core/catalog.js';
import { ExchangeReader } from '../core/exchange-reader.js';
import { Redactor } from '../core/redact.js';
import type { InputProblem } from '../core/types.js';
import { LINE_TOO_LONG, readLines } from '../input/read-lines.js';
import { ClassifyStream, type PartResult } from '../render/classify-stream.js';
import type { ClassificationField } from '../render/classification-json.js';
import { PLAIN_THEME } from '../render/theme.js';
import { catalogWith } from './catalog-for.js';
import { classifyRecording } from './classify-recording.js';

/** What every worker of one run is told once. */
export interface WorkerSetup {
  input: string;
  statusHint?: number;
  fields?: ClassificationField[];
  summary: boolean;
  /** The config file's `codes` and its name, for the same catalog as the main thread's. */
  codes: unknown;
  configFile: string;
  /** Values to mask in the output, as the CLI masks them in everything it prints. */
  secrets: string[];
}

/** One piece to classify. */
export interface PieceRequest {
  bytes: Uint8Array;
  firstLine: number;
}

/** A classified piece: `clean` says the reader ended between responses, so the next piece's reading holds. */
export interface PieceReply extends PartResult {
  out: Uint8Array;
  problems: InputProblem[];
  clean: boolean;
}

/** Classifies pieces as the main thread would have, with the lines numbered as in the whole file. */
export function pieceClassifier(setup: WorkerSetup): (piece: PieceRequest) => Promise<PieceReply> {
  const catalog = catalogWith(setup.codes, setup.configFile);
  const redact = setup.secrets.length > 0 ? new Redactor(setup.secrets) : null;
  const mask = (s: string) => (redact ? redact.text(s) : s);
  const queue = new ByteQueue();
  return (piece) => classifyPiece(setup, piece, { catalog, mask, queue });
}

async function classifyPiece(
  setup: WorkerSetup, piece: PieceRequest, { catalog, mask, queue }: { catalog: Catalog; mask: (s: string) => string; queue: ByteQueue },
): Promise<PieceReply> {
  const problems: InputProblem[] = [];
  const stream = new ClassifyStream({
    out: (s) => queue.push(mask(s)),
    outParts: (parts) => {
      for (const p of parts) if (typeof p === 'string') queue.push(mask(p)); else queue.pushBytes(p);
    },
    err: () => {},
    problem: (p) => problems.push(p),
  }, {
    json: true, fields: setup.fields, summary: setup.summary, theme: PLAIN_THEME, width: 100,
    catalog, statusHint: setup.statusHint, manyInputs: true, now: Date.now,
  });
  const { input } = setup;
  const reader = new ExchangeReader(input, {
    exchange: (ex) => stream.exchange(ex), problem: (p) => stream.problem(p),
    recording: (json, line) => classifyRecording(json, input, line, stream),
  });
  const bytes = Buffer.from(piece.bytes.buffer, piece.bytes.byteOffset, piece.bytes.byteLength);
  const last = await readLines([bytes], { line: (l, n) => reader.line(l, n), tooLong: (n) => reader.skipped(n, LINE_TOO_LONG) },
    undefined, piece.firstLine);
  const clean = reader.atBoundary();
  reader.end(last);
  const out = ownBytes(queue.take());
  queue.recycle();
  return { ...stream.partResult(), out, problems, clean };
}

/** The bytes in a buffer of their own (never Node's shared pool), so it can be handed to the main thread. */
function ownBytes(chunks: Buffer[]): Buffer {
  const out = Buffer.allocUnsafeSlow(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) at += c.copy(out, at);
  return out;
}

/** Serves the pieces the main thread sends, in a worker thread started with `workerData: { classify: setup }`. */
export function serveClassifyPieces(): void {
  // Required here, not imported: the CLI's start-up never pays for the module.
  const { parentPort, workerData } = createRequire(import.meta.url)('node:worker_threads') as typeof import('node:worker_threads');
  const port = parentPort!;
  const classify = pieceClassifier((workerData as { classify: WorkerSetup }).classify);
  // One piece after the other: the replies go back in the order the pieces came.
  let done = Promise.resolve();
  port.on('message', (piece: PieceRequest) => {
    done = done.then(() => classify(piece)).then(
      (reply) => port.postMessage(reply, [reply.out.buffer as ArrayBuffer]),
      (e: unknown) => port.postMessage({ error: e instanceof Error ? e.message : String(e) }),
    );
  });
}
