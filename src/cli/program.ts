import type { Command } from 'commander';
import type { Io } from '../adapters/io.js';
import { createContext, type GlobalFlags, outputWidth } from '../commands/context.js';
import type { CommandDefinition } from '../commands/definition.js';
import { type Runner, toCommander } from './build-command.js';
import { COMMANDS } from './command-list.js';
import { completionCommand } from './completion-command.js';
import { rootCommand } from './root.js';

/** The state main() reads back after parsing: the exit code the command decided. */
export interface RunState {
  exitCode: number;
}

/**
 * Builds the commander program from the command definitions: the working commands, then completion. When
 * `argv` starts with a command's name only that command is built, as nothing else can run: building all
 * of them cost a millisecond of every start.
 */
export function buildProgram(io: Io, state: RunState, argv: readonly string[] = []): Command {
  const program = rootCommand(io);
  const runner: Runner = async (def, options, command) => {
    const { run } = await def.load();
    state.exitCode = await run(options, await createContext(io, command.optsWithGlobals<GlobalFlags>()));
  };
  const width = () => outputWidth(io);
  const all = [...COMMANDS, completionCommand] as CommandDefinition<never>[];
  const named = all.find((def) => def.name === argv[0]);
  for (const def of named ? [named] : all) {
    program.addCommand(toCommander(def, runner, width).copyInheritedSettings(program));
  }
  return program;
}
