/** Tracks bracket depth across lines so a multi-line JSON document is parsed once, when it closes. */
export class JsonDepthScanner {
  private depth = 0;
  private inString = false;
  private escaped = false;
  private started = false;

  /** Feeds one line (from `from`); returns the index just past the outermost value's end, or -1 while open. */
  feed(line: string, from = 0): number {
    for (let i = from; i < line.length; i++) {
      const c = line.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) this.inString = false;
        continue;
      }
      if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) {
        this.depth++;
        this.started = true;
      } else if ((c === 125 || c === 93) && this.started && --this.depth <= 0) return i + 1;
    }
    return -1;
  }
}

/** Parses JSON, returning undefined instead of throwing. */
export function tryParseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** True when the text starts like a JSON object or array. */
export function looksLikeJson(text: string): boolean {
  const c = text.trimStart().charCodeAt(0);
  return c === 123 || c === 91;
}
