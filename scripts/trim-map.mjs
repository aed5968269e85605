// Drops the source-map segments that point into node_modules: --debug traces are read for op-errors' own
// frames, and commander's and chalk's mappings were a sixth of the map, the largest file of the package.
import { readFileSync, writeFileSync } from 'node:fs';

const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function decode(segment) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGITS.indexOf(c);
    value += (digit & 31) << shift;
    if (digit & 32) shift += 5;
    else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = shift = 0;
    }
  }
  return out;
}

function encode(n) {
  let v = n < 0 ? (-n << 1) | 1 : n << 1;
  let s = '';
  do {
    const digit = v & 31;
    v >>>= 5;
    s += DIGITS[v > 0 ? digit | 32 : digit];
  } while (v > 0);
  return s;
}

/** Rewrites `file` (a version 3 source map) without the segments of sources under node_modules. */
export function trimMap(file) {
  const map = JSON.parse(readFileSync(file, 'utf8'));
  const keep = map.sources.map((s) => !s.includes('node_modules/'));
  // Fields 2-5 of a segment are relative to the previous segment of the whole map, the column to the line's.
  const abs = [0, 0, 0, 0];
  const out = [0, 0, 0, 0];
  const lines = map.mappings.split(';').map((line) => {
    let column = 0;
    let outColumn = 0;
    const kept = [];
    let unmapped = true;
    for (const segment of line.split(',')) {
      if (segment === '') continue;
      const d = decode(segment);
      column += d[0];
      for (let i = 1; i < d.length; i++) abs[i - 1] += d[i];
      const dropped = d.length > 1 && !keep[abs[0]];
      // A run of dropped segments becomes one column-only segment: that code maps to nothing, rather than
      // to the op-errors line before it.
      if (dropped && unmapped) continue;
      unmapped = dropped || d.length === 1;
      if (dropped) {
        kept.push(encode(column - outColumn));
        outColumn = column;
        continue;
      }
      const fields = [column - outColumn];
      outColumn = column;
      for (let i = 1; i < d.length; i++) {
        fields.push(abs[i - 1] - out[i - 1]);
        out[i - 1] = abs[i - 1];
      }
      kept.push(fields.map(encode).join(''));
    }
    return kept.join(',');
  });
  writeFileSync(file, JSON.stringify({ ...map, mappings: lines.join(';') }));
}
