import type { CommandContext } from './context.js';

/**
 * One option of a command. The long flag is the kebab-case form of `key` (`retryMaxDelay` is
 * `--retry-max-delay`), so the option, the run's options object and the config key cannot disagree.
 */
export interface OptionDef<K extends string = string> {
  key: K;
  /** One letter, e.g. 'd' for -d. */
  short?: string;
  /** The value's placeholder: '<json>' when one is required, '[scenario]' when it may be left out. */
  value?: string;
  /** A `--no-<key>` flag: the option is true unless the flag is given. */
  negate?: boolean;
  description: string;
  /** The only values accepted; shared with the config schema where the config has the same key. */
  choices?: readonly string[];
  /** Shown once in help; applied by the parser unless `layered` says the options resolver applies it. */
  default?: string | number | boolean;
  /** The default comes from the options resolver (defaults < config < environment < flags), not the parser. */
  layered?: boolean;
  /** Turns the text into the value; throws a UsageError that says what was expected. */
  parse?: (value: string) => unknown;
  /** May be given several times; the values arrive as an array. */
  repeatable?: boolean;
  /** Options of the same command that cannot be given with this one (a usage error, exit 2). */
  conflicts?: readonly K[];
}

/** One positional argument. */
export interface ArgumentDef<K extends string = string> {
  key: K;
  /** The name shown in usage lines. */
  name: string;
  description: string;
  required?: boolean;
  variadic?: boolean;
  /** The only values accepted. */
  choices?: readonly string[];
}

/** What a command's module exports: its run, which returns the exit code. */
export interface RunModule<O> {
  run(options: O, ctx: CommandContext): Promise<number>;
}

/** A command: what it accepts (typed by its options object), its help, and the module that runs it. */
export interface CommandDefinition<O = unknown> {
  name: string;
  description: string;
  arguments: ArgumentDef<keyof O & string>[];
  options: OptionDef<keyof O & string>[];
  /** Text after the option list: notes and examples. */
  help?: string;
  /** Loads the module that runs the command; most commands import it only when they run. */
  load(): Promise<RunModule<O>>;
}

/** The long flag of an option: `retryMaxDelay` → `--retry-max-delay`, `body` with negate → `--no-body`. */
export function longFlag(o: OptionDef): string {
  return `--${o.negate ? 'no-' : ''}${o.key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/** The flags as help shows them: `-d, --data <json>`. */
export function flagsOf(o: OptionDef): string {
  return `${o.short ? `-${o.short}, ` : ''}${longFlag(o)}${o.value ? ` ${o.value}` : ''}`;
}

/** Declares a definition with its options type checked against its run. */
export function defineCommand<O>(def: CommandDefinition<O>): CommandDefinition<O> {
  return def;
}
