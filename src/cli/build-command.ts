import { Argument, Command, InvalidArgumentError, Option } from 'commander';
import { UsageError } from '../core/errors.js';
import { fitHelp } from '../render/help-text.js';
import { type CommandDefinition, type OptionDef, flagsOf } from '../commands/definition.js';

/** Runs a parsed command: the definition, its options object and the commander command (for global flags). */
export type Runner = <O>(def: CommandDefinition<O>, options: O, command: Command) => Promise<void>;

/** Turns a command definition into a commander command whose action hands a typed options object to `runner`. */
export function toCommander<O>(def: CommandDefinition<O>, runner: Runner, width: () => number): Command {
  const cmd = new Command(def.name).description(def.description);
  for (const a of def.arguments) {
    const name = `${a.name}${a.variadic ? '...' : ''}`;
    const argument = new Argument(a.required ? `<${name}>` : `[${name}]`, a.description);
    cmd.addArgument(a.choices ? argument.choices(a.choices) : argument);
  }
  for (const o of def.options) cmd.addOption(toOption(o));
  const help = def.help;
  if (help) cmd.addHelpText('after', () => fitHelp(help, width()));
  cmd.action(async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const values: Record<string, unknown> = { ...command.opts() };
    def.arguments.forEach((a, i) => (values[a.key] = command.processedArgs[i]));
    for (const o of def.options) if (o.repeatable) values[o.key] ??= [];
    // The one place where commander's untyped result meets the definition's type: the keys come from it.
    await runner(def, values as O, command);
  });
  return cmd;
}

function toOption(o: OptionDef): Option {
  const shownDefault = o.layered && o.default !== undefined ? ` (default: ${o.default})` : '';
  const opt = new Option(flagsOf(o), `${o.description}${o.repeatable ? ' (repeatable)' : ''}${shownDefault}`);
  if (o.choices) opt.choices(o.choices);
  if (o.conflicts) opt.conflicts([...o.conflicts]);
  const parse = o.parse;
  if (parse || o.repeatable) {
    opt.argParser((text: string, previous: unknown) => {
      const value = parse ? parsed(parse, text) : text;
      return o.repeatable ? [...(Array.isArray(previous) ? previous : []), value] : value;
    });
  }
  if (o.default !== undefined && !o.layered) opt.default(o.default);
  return opt;
}

/** Commander reports an InvalidArgumentError as "option '...' argument '...' is invalid. <reason>". */
function parsed(parse: (text: string) => unknown, text: string): unknown {
  try {
    return parse(text);
  } catch (e) {
    if (e instanceof UsageError) throw new InvalidArgumentError(e.message);
    throw e;
  }
}
