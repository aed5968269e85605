import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { type FileRest, filePieces } from '../input/file-pieces.js';
import type { ClassifyStream } from '../render/classify-stream.js';
import type { PieceReply, PieceRequest, WorkerSetup } from './classify-worker.js';

// classify --jobs: the main thread cuts a file into pieces of whole lines (input/file-pieces) and hands them
// round-robin to worker threads; it writes their output in input order and adds up their counts.

/** The size of a piece: large enough that messages cost nothing, small enough that memory stays flat. */
const PIECE_BYTES = 256 * 1024;
/** Pieces sent to each worker before the oldest answer is waited for (a bounded queue per worker). */
const QUEUED_PER_WORKER = 2;
/** Files smaller than this are read by one thread unless --jobs says otherwise: starting workers costs more. */
export const PARALLEL_MIN_BYTES = 8 * 1024 * 1024;
/**
 * Each worker's heap: the objects of a line die young and every thread's heap counts in the process's memory. A
 * piece that needs more (one huge document) stops its worker, and the file is read on by one thread from there.
 */
const YOUNG_MB = 4;
const OLD_MB = 128;

/** The bundled CLI, which the workers run too; null when running from the sources (tests), which use one thread. */
export function workerScript(): string | null {
  const file = fileURLToPath(import.meta.url);
  return file.endsWith('.cjs') ? file : null;
}

/** Loads a module of Node's only when it is used: the CLI's start-up does not pay for them. */
const lazy = <T>(name: string): T => createRequire(import.meta.url)(name) as T;

/** How many threads classify one input: --jobs, else every core for a regular file over PARALLEL_MIN_BYTES. */
export function threadsFor(input: string, jobs: number | undefined): number {
  if (input === '-' || workerScript() === null) return 1;
  let size: number;
  try {
    const s = statSync(input);
    if (!s.isFile()) return 1;
    size = s.size;
  } catch {
    return 1;
  }
  if (jobs !== undefined) return jobs;
  return size >= PARALLEL_MIN_BYTES ? lazy<typeof import('node:os')>('node:os').availableParallelism() : 1;
}

/** What the main thread does with each piece's answer, in input order. */
export interface PieceSink {
  stream: ClassifyStream;
  /** Writes a piece's output bytes and waits until the output can take more. */
  write(bytes: Uint8Array): Promise<void>;
}

/**
 * Classifies a regular file on `threads` workers. Returns where the main thread must read on by itself, or null:
 * the rest of a file with no place to cut, or from a piece whose reader did not end between two responses or
 * whose worker failed (its answer and every later one are dropped and read again: the output of one thread).
 */
export async function classifyInParallel(path: string, threads: number, setup: WorkerSetup, sink: PieceSink): Promise<FileRest | null> {
  const script = workerScript()!;
  // Filled inside the try: if a thread cannot start, the ones already started are still stopped.
  const workers: PieceWorker[] = [];
  const queue: { reply: Promise<PieceReply | null>; offset: number; firstLine: number }[] = [];
  let sent = 0;
  try {
    while (workers.length < threads) workers.push(new PieceWorker(script, setup));
    // The answer of the oldest piece; `final`: no piece follows it, so its reader may end anywhere.
    const take = async (final = false): Promise<FileRest | null> => {
      const { reply, offset, firstLine } = queue.shift()!;
      const r = await reply;
      if (r === null || (!r.clean && !(final && queue.length === 0))) return { rest: true, offset, firstLine };
      for (const p of r.problems) sink.stream.problem(p);
      sink.stream.absorb(r);
      await sink.write(r.out);
      return null;
    };
    for await (const piece of filePieces(path, PIECE_BYTES)) {
      if ('rest' in piece) {
        while (queue.length > 0) {
          const stop = await take();
          if (stop) return stop;
        }
        return piece;
      }
      const worker = workers[sent++ % threads];
      // A failed worker fails the answers it owes; they are read in order (take), and the ones after it never.
      const reply = worker.classify({ bytes: piece.bytes, firstLine: piece.firstLine }).catch(() => null);
      queue.push({ reply, offset: piece.offset, firstLine: piece.firstLine });
      if (queue.length >= threads * QUEUED_PER_WORKER) {
        const stop = await take();
        if (stop) return stop;
      }
    }
    while (queue.length > 0) {
      const stop = await take(true);
      if (stop) return stop;
    }
    return null;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** One worker thread and the answers it owes, in the order the pieces were sent. */
class PieceWorker {
  private readonly worker: Worker;
  private readonly waiting: { resolve(r: PieceReply): void; reject(e: Error): void }[] = [];

  constructor(script: string, setup: WorkerSetup) {
    const resourceLimits = { maxYoungGenerationSizeMb: YOUNG_MB, maxOldGenerationSizeMb: OLD_MB };
    const { Worker: WorkerThread } = lazy<typeof import('node:worker_threads')>('node:worker_threads');
    const code = `require(${JSON.stringify(script)}).serveClassifyPieces();`;
    this.worker = new WorkerThread(code, { eval: true, workerData: { classify: setup }, resourceLimits });
    this.worker.on('message', (m: PieceReply | { error: string }) => {
      const next = this.waiting.shift();
      if ('error' in m) next?.reject(new Error(m.error));
      else next?.resolve(m);
    });
    this.worker.on('error', (e) => this.failAll(e));
    this.worker.on('exit', () => this.failAll(new Error('a classify worker stopped')));
  }

  /** Sends a piece; its bytes move to the worker (the piece must own its memory). */
  classify(piece: PieceRequest): Promise<PieceReply> {
    const own = new Uint8Array(piece.bytes.byteLength);
    own.set(piece.bytes);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.worker.postMessage({ bytes: own, firstLine: piece.firstLine }, [own.buffer]);
    });
  }

  async stop(): Promise<void> {
    this.waiting.length = 0;
    await this.worker.terminate();
  }

  private failAll(e: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(e);
  }
}
