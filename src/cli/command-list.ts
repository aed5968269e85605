import { callCommand } from '../commands/call-command.js';
import { classifyCommand } from '../commands/classify-command.js';
import type { CommandDefinition, OptionDef } from '../commands/definition.js';
import { doctorCommand } from '../commands/doctor-command.js';
import { codesCommand, explainCommand } from '../commands/explain-command.js';
import { replayCommand } from '../commands/replay-command.js';
import { serveCommand } from '../commands/serve-command.js';

/** The commands that do op-errors' work, in the order help lists them. */
export const COMMANDS: readonly CommandDefinition<never>[] = [
  explainCommand, codesCommand, callCommand, replayCommand, serveCommand, doctorCommand, classifyCommand,
] as CommandDefinition<never>[];

/** The options every command takes. */
export const GLOBAL_OPTIONS: readonly OptionDef[] = [
  { key: 'json', description: 'machine-readable output on stdout' },
  { key: 'color', negate: true, description: 'turn colour off (NO_COLOR and FORCE_COLOR are honoured too)' },
  { key: 'debug', description: 'show stack traces of internal errors, mapped to the TypeScript sources' },
  { key: 'config', value: '<file>', description: 'read this config file instead of searching for .openprospectrc and friends' },
];
