import type { Io } from './io.js';
import { type Theme, colorLevel, createTheme } from '../render/theme.js';

/** What every command receives: the streams, the theme and the global flags. */
export interface CommandContext {
  io: Io;
  theme: Theme;
  json: boolean;
  verbose: boolean;
  /** Output width for wrapping: the terminal's, or 100 when piped. */
  width: number;
}

/** Global flags as commander parsed them. */
export interface GlobalFlags {
  json?: boolean;
  color?: boolean;
  verbose?: boolean;
}

/** Builds the context from the global flags; JSON output never carries colour. */
export async function createContext(io: Io, flags: GlobalFlags): Promise<CommandContext> {
  const json = flags.json === true;
  const level = json ? 0 : colorLevel(flags, io.env, io.stdoutIsTTY);
  return {
    io, json, verbose: flags.verbose === true, theme: await createTheme(level),
    width: Math.max(40, Math.min(io.columns ?? 100, 120)),
  };
}
