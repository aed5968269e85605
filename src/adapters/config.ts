import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type FileConfig, validateConfig } from '../core/config-schema.js';
import { ConfigError } from '../core/errors.js';
import { findJsonError } from '../core/json-error.js';
import { fileProblem } from '../core/file-problem.js';
import { scriptProblem } from '../core/script-error.js';

/** The file names looked for in each folder, in order (cosmiconfig's for module name "openprospect"). */
export const SEARCH_PLACES = [
  'package.json', '.openprospectrc', '.openprospectrc.json', '.openprospectrc.yaml', '.openprospectrc.yml',
  '.openprospectrc.js', '.openprospectrc.cjs', '.openprospectrc.mjs',
  'openprospect.config.js', 'openprospect.config.cjs', 'openprospect.config.mjs',
];
const USER_PLACES = ['config', 'config.json', 'config.yaml', 'config.yml', 'config.js', 'config.cjs', 'config.mjs'];

/** A config file that was found and read. */
export interface LoadedConfig {
  file: string;
  config: FileConfig;
  /** Notes on old key names that still work. */
  warnings: string[];
}

/**
 * Finds the config file: from `cwd` up to the project root (the first folder with a package.json), then
 * the user's folder ($XDG_CONFIG_HOME or ~/.config)/openprospect/. Only file existence is checked, so
 * commands without a config never load cosmiconfig.
 */
export function findConfigFile(cwd: string, env: Record<string, string | undefined>): string | null {
  let dir = resolve(cwd);
  for (;;) {
    for (const name of SEARCH_PLACES) {
      const file = join(dir, name);
      if (existsSync(file) && (name !== 'package.json' || hasPackageKey(file))) return file;
    }
    const parent = dirname(dir);
    if (existsSync(join(dir, 'package.json')) || parent === dir) break;
    dir = parent;
  }
  // HOME is what homedir() reads on POSIX; node:os is loaded only where it is not set.
  const userDir = join(env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config'), 'openprospect');
  for (const name of USER_PLACES) {
    const file = join(userDir, name);
    if (existsSync(file)) return file;
  }
  return null;
}

function hasPackageKey(file: string): boolean {
  try {
    const pkg = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    return pkg.openprospect !== undefined;
  } catch {
    return false;
  }
}

/** Loads and checks one config file with cosmiconfig; any problem is a ConfigError naming file and key. */
export async function loadConfigFile(file: string): Promise<LoadedConfig> {
  if (!existsSync(file)) throw new ConfigError(fileProblem(file, { code: 'ENOENT' }));
  // Bundled, this CommonJS package arrives as a default export only; unbundled it has both.
  const { cosmiconfig } = (await import('cosmiconfig')).default;
  let raw: unknown;
  // Node warns on stderr before a script written as the other kind of module fails; the error says it in one line.
  const printers = process.listeners('warning');
  process.removeAllListeners('warning');
  try {
    const result = await cosmiconfig('openprospect', { searchStrategy: 'none' }).load(file);
    raw = result?.config;
  } catch (e) {
    // A file that cannot be read is worded as for every other file; one that does not parse or run says where.
    // An error of a script's own code (a require or a read inside it) is the script's, not a problem of its file.
    const { code, path } = e as NodeJS.ErrnoException;
    if (code && (path === file || (path === undefined && code === 'EISDIR'))) throw new ConfigError(fileProblem(file, e));
    const script = /\.[cm]?[jt]s$/.test(file);
    throw new ConfigError(`config file ${file}${script ? scriptProblem(e as Error, [file, pathToFileURL(file).href]) : syntaxProblem(e, file)}`);
  } finally {
    for (const print of printers) process.on('warning', print);
  }
  const { config, errors, warnings } = validateConfig(raw);
  if (errors.length > 0) throw new ConfigError(`config file ${file}: ${errors.join('; ')}`);
  return { file, config, warnings };
}

/** Where and why a config file does not parse: `, line 3, column 1: <reason>` (YAML and JSON), else the first line of the error. */
function syntaxProblem(e: unknown, file: string): string {
  const err = e as { name?: string; mark?: { line: number; column: number }; reason?: string; message?: string };
  if (err.mark && err.reason) return `, line ${err.mark.line + 1}, column ${err.mark.column + 1}: ${err.reason}`;
  if (err.name === 'JSONError') {
    let text = '';
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      // reported below with the parser's own words
    }
    const found = findJsonError(text);
    if (found) return `, line ${found.line}, column ${found.column}: ${found.message}`;
  }
  return `: ${String(err.message ?? e).split('\n')[0].trim()}`;
}

/** The config in force: the --config file, or the one found from `cwd`; null when there is none. */
export async function readConfig(explicit: string | undefined, cwd: string, env: Record<string, string | undefined>):
  Promise<LoadedConfig | null> {
  const file = explicit ? resolve(cwd, explicit) : findConfigFile(cwd, env);
  return file ? loadConfigFile(file) : null;
}
