/**
 * The one JSON encoder of --json output. `line` writes one object per line (call, replay, doctor, serve, the
 * one-object-per-line streams); `pretty` indents a single answer for people who read it (explain).
 */
export function encodeJson(data: unknown, layout: 'line' | 'pretty' = 'line'): string {
  return `${JSON.stringify(data, null, layout === 'pretty' ? 2 : undefined)}\n`;
}

/** Text escaped as the content of a JSON string, without its quotes: the pieces of a body streamed into one. */
export function jsonStringContent(text: string): string {
  return JSON.stringify(text).slice(1, -1);
}
