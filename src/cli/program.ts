import type { Command } from 'commander';
import type { Io } from '../adapters/io.js';
import { callCommand } from '../commands/call-command.js';
import { classifyCommand } from '../commands/classify-command.js';
import { createContext, type GlobalFlags, outputWidth } from '../commands/context.js';
import type { CommandDefinition } from '../commands/definition.js';
import { doctorCommand } from '../commands/doctor-command.js';
import { codesCommand, explainCommand } from '../commands/explain-command.js';
import { replayCommand } from '../commands/replay-command.js';
import { serveCommand } from '../commands/serve-command.js';
import { type Runner, toCommander } from './build-command.js';
import { rootCommand } from './root.js';

/** Every command, in the order help lists them. */
export const COMMANDS: readonly CommandDefinition<never>[] = [
  explainCommand, codesCommand, callCommand, replayCommand, serveCommand, doctorCommand, classifyCommand,
] as CommandDefinition<never>[];

/** The state main() reads back after parsing: the exit code the command decided. */
export interface RunState {
  exitCode: number;
}

/** Builds the commander program from the command definitions. */
export function buildProgram(io: Io, state: RunState): Command {
  const program = rootCommand(io);
  const runner: Runner = async (def, options, command) => {
    const { run } = await def.load();
    state.exitCode = await run(options, await createContext(io, command.optsWithGlobals<GlobalFlags>()));
  };
  const width = () => outputWidth(io);
  for (const def of COMMANDS) program.addCommand(toCommander(def, runner, width).copyInheritedSettings(program));
  return program;
}
