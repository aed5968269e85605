/** Semantic styles; every renderer colours through these, never through chalk directly. */
export interface Theme {
  level: number;
  ok(s: string): string;
  error(s: string): string;
  warn(s: string): string;
  info(s: string): string;
  code(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

const plain = (s: string) => s;

/** A theme that adds no escape codes. */
export const PLAIN_THEME: Theme = {
  level: 0, ok: plain, error: plain, warn: plain, info: plain, code: plain, dim: plain, bold: plain,
};

/**
 * The colour level from --no-color, NO_COLOR, FORCE_COLOR and whether stdout is a terminal.
 * chalk's own detection ignores NO_COLOR, so the decision is made here.
 */
export function colorLevel(opts: { color?: boolean }, env: Record<string, string | undefined>, isTTY: boolean): number {
  if (opts.color === false) return 0;
  const force = env.FORCE_COLOR;
  if (force !== undefined) {
    if (force === '0' || force === 'false') return 0;
    if (force === '' || force === 'true' || force === '1') return 1;
    if (force === '2' || force === '3') return Number(force);
  }
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  if (!isTTY || env.TERM === 'dumb') return 0;
  if (env.COLORTERM === 'truecolor' || env.COLORTERM === '24bit') return 3;
  return /-256(color)?$/i.test(env.TERM ?? '') ? 2 : 1;
}

/** Builds the theme for a colour level; chalk is only loaded when colour is on. */
export async function createTheme(level: number): Promise<Theme> {
  if (level === 0) return PLAIN_THEME;
  const { Chalk } = await import('chalk');
  const c = new Chalk({ level: level as 1 | 2 | 3 });
  return {
    level,
    ok: (s) => c.green(s),
    error: (s) => c.red(s),
    warn: (s) => c.yellow(s),
    info: (s) => c.cyan(s),
    code: (s) => c.bold(s),
    dim: (s) => c.dim(s),
    bold: (s) => c.bold(s),
  };
}
