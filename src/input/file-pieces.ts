import { readCurlWriteOut } from '../core/client-lines.js';
import { isObject } from '../core/fields.js';
import { tryParseJson } from '../core/json-scanner.js';
import { readChunks } from './open-input.js';

/** Whole lines of a file that can be read apart from the lines before them; `firstLine` is 1-based. */
export interface FilePiece {
  bytes: Buffer;
  firstLine: number;
  /** Where the piece starts in the file. */
  offset: number;
}

/** The rest of the file, from `offset`, where no place to cut was found: it is read in one stream. */
export interface FileRest {
  rest: true;
  offset: number;
  firstLine: number;
}

/** How far a piece may grow looking for a place to cut (a log of curl transcripts has none). */
const MAX_PIECE_BYTES = 8 * 1024 * 1024;
/** Candidate places tried per block, so a block of broken lines costs a bounded number of parses. */
const MAX_TRIES = 16;

/**
 * Cuts a file into pieces of about `pieceBytes`, each ending after a line that is a whole JSON object and
 * followed by a line that is one too (NDJSON): there a reader is between responses. The reader of each piece
 * confirms it (ExchangeReader.atBoundary) before the next piece's result is used.
 */
export async function* filePieces(path: string, pieceBytes: number): AsyncGenerator<FilePiece | FileRest> {
  let carry: Buffer = Buffer.alloc(0);
  let offset = 0;
  let firstLine = 1;
  for await (const block of readChunks(path, pieceBytes)) {
    const data = carry.length === 0 ? block : Buffer.concat([carry, block]);
    const cut = lastCut(data, carry.length);
    if (cut < 0) {
      if (data.length >= MAX_PIECE_BYTES) {
        yield { rest: true, offset, firstLine };
        return;
      }
      carry = data;
      continue;
    }
    const piece = data.subarray(0, cut);
    yield { bytes: piece, firstLine, offset };
    firstLine += countLines(piece);
    offset += cut;
    carry = data.subarray(cut);
  }
  if (carry.length > 0) yield { bytes: carry, firstLine, offset };
}

/** The number of newlines in `bytes`. */
export function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}

/**
 * The last place in `data`, after byte `from`, where a line that is a whole JSON object ends and the next
 * line, also whole in `data`, is another one that is not curl's `-w '%{json}'` record (which would belong to
 * the body before it); -1 when there is none.
 */
export function lastCut(data: Buffer, from = 0): number {
  let nextEnd = data.lastIndexOf(10);
  let tries = 0;
  while (nextEnd > from && tries < MAX_TRIES) {
    const cutNl = data.lastIndexOf(10, nextEnd - 1);
    if (cutNl < 0) return -1;
    if (data[cutNl + 1] === 123) {
      tries++;
      const next = objectAt(data, cutNl + 1, nextEnd);
      if (next && readCurlWriteOut(next) === null) {
        const prevStart = data.lastIndexOf(10, cutNl - 1) + 1;
        if (data[prevStart] === 123 && objectAt(data, prevStart, cutNl)) return cutNl + 1;
      }
    }
    nextEnd = cutNl;
  }
  return -1;
}

function objectAt(data: Buffer, start: number, end: number): Record<string, unknown> | null {
  const v = tryParseJson(data.toString('utf8', start, end).trim());
  return isObject(v) ? v : null;
}
