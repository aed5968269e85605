import type { Io } from '../adapters/io.js';
import { type LoadedConfig, readConfig } from '../adapters/config.js';
import { type Theme, colorLevel, createTheme } from '../render/theme.js';

/** What every command receives: the streams, the theme and the global flags. */
export interface CommandContext {
  io: Io;
  theme: Theme;
  json: boolean;
  /** --debug: stack traces of internal errors. */
  debug: boolean;
  /** Output width for wrapping: the terminal's, else COLUMNS, else 100; never under 60. */
  width: number;
  /** The config file in force (--config, or found from the current folder), read once on first use. */
  config(): Promise<LoadedConfig | null>;
}

/** Global flags as commander parsed them. */
export interface GlobalFlags {
  json?: boolean;
  color?: boolean;
  debug?: boolean;
  config?: string;
}

/** Builds the context from the global flags; JSON output never carries colour. */
export async function createContext(io: Io, flags: GlobalFlags): Promise<CommandContext> {
  const json = flags.json === true;
  const level = json ? 0 : colorLevel(flags, io.env, io.stdoutIsTTY);
  let loaded: Promise<LoadedConfig | null> | null = null;
  return {
    io, json, debug: flags.debug === true, theme: await createTheme(level),
    width: outputWidth(io),
    config: () => (loaded ??= readConfig(flags.config, io.cwd, io.env).then((c) => {
      for (const w of c?.warnings ?? []) io.err(`op-errors: warning: config file ${c!.file}: ${w}\n`);
      return c;
    })),
  };
}

/** The width output wraps to: the terminal's, else COLUMNS (also when piped), else 100; never under 60. */
export function outputWidth(io: Pick<Io, 'columns' | 'env'>): number {
  const columns = Number(io.env.COLUMNS);
  const known = io.columns ?? (Number.isInteger(columns) && columns > 0 ? columns : undefined);
  return Math.max(60, known ?? 100);
}
