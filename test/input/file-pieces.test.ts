import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FilePiece, countLines, filePieces } from '../../src/input/file-pieces.js';

let dir = '';
beforeAll(async () => void (dir = await mkdtemp(join(tmpdir(), 'op-errors-pieces-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));

async function piecesOf(text: string, pieceBytes: number) {
  const file = join(dir, `f${Math.random().toString(36).slice(2)}.ndjson`);
  await writeFile(file, text);
  const pieces: FilePiece[] = [];
  for await (const p of filePieces(file, pieceBytes)) {
    if ('rest' in p) throw new Error('unexpected rest');
    pieces.push(p);
  }
  return pieces;
}

describe('filePieces', () => {
  it('cuts NDJSON into pieces that join back into the file, each placed and numbered as in the whole', async () => {
    const lines = Array.from({ length: 200 }, (_, i) => (i % 7 === 3 ? `not json ${i}` : JSON.stringify({ status: 400 + (i % 5), n: i })));
    const text = `${lines.join('\n')}\n`;
    const pieces = await piecesOf(text, 97);
    expect(pieces.length).toBeGreaterThan(10);
    expect(Buffer.concat(pieces.map((p) => p.bytes)).toString()).toBe(text);
    let offset = 0;
    for (const p of pieces) {
      expect(p.offset).toBe(offset);
      expect(p.firstLine).toBe(countLines(Buffer.from(text.slice(0, offset))) + 1);
      expect(offset === 0 || text[offset - 1] === '\n').toBe(true);
      offset += p.bytes.length;
    }
  });

  it('yields nothing for an empty file and the whole of a file with no place to cut', async () => {
    expect(await piecesOf('', 16)).toEqual([]);
    const text = 'HTTP/1.1 404 Not Found\ncontent-type: application/json\n\n{"code":"ORDER_NOT_FOUND"}\n';
    const pieces = await piecesOf(text, 8);
    expect(pieces).toHaveLength(1);
    expect(pieces[0]).toMatchObject({ firstLine: 1, offset: 0 });
    expect(pieces[0].bytes.toString()).toBe(text);
  });
});
