import { type CommandDefinition, type OptionDef, longFlag } from '../commands/definition.js';
import { UsageError } from '../core/errors.js';
import { type CompletionCommand, type CompletionOption, SHELLS, completionScript } from '../render/completion.js';
import { COMMANDS, GLOBAL_OPTIONS } from './command-list.js';

/** `completion bash|zsh|fish`: a completion script built from the command definitions. */
export const completionCommand: CommandDefinition<{ shell: string }> = {
  name: 'completion',
  description: 'print a shell completion script (bash, zsh or fish) for the commands, options and choices',
  arguments: [{ key: 'shell', name: 'shell', required: true, description: 'the shell to complete in', choices: SHELLS }],
  options: [],
  help: `
Install:
  bash  $ echo 'source <(op-errors completion bash)' >> ~/.bashrc
  zsh   $ op-errors completion zsh > "\${fpath[1]}/_op-errors"     # or: source <(op-errors completion zsh)
  fish  $ op-errors completion fish > ~/.config/fish/completions/op-errors.fish`,
  load: async () => ({
    run: async ({ shell }, ctx) => {
      const known = SHELLS.find((s) => s === shell);
      if (!known) throw new UsageError(`completion: unknown shell '${shell}' (use ${SHELLS.join(', ')})`);
      ctx.io.out(completionScript(known, describeCommands(), [...GLOBAL_OPTIONS.map(toCompletion), ...STANDARD]));
      return 0;
    },
  }),
};

const STANDARD: CompletionOption[] = [
  { short: 'h', long: '--help', description: 'show help' },
  { short: 'V', long: '--version', description: 'print the version' },
];

/** Every command as the completion scripts see it, completion and help included. */
function describeCommands(): CompletionCommand[] {
  const all = [...COMMANDS, completionCommand] as CommandDefinition<never>[];
  return [
    ...all.map((c) => ({
      name: c.name, description: c.description, options: (c.options as OptionDef[]).map(toCompletion),
      fileArguments: c.arguments.some((a) => a.variadic), argumentChoices: c.arguments.find((a) => a.choices)?.choices,
    })),
    { name: 'help', description: 'show help for a command', options: [], fileArguments: false, argumentChoices: all.map((c) => c.name) },
  ];
}

function toCompletion(o: OptionDef): CompletionOption {
  return { short: o.short, long: longFlag(o), description: o.description, value: o.value, choices: o.choices };
}
