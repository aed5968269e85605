import { type CommandDefinition, type OptionDef, flagsOf } from '../commands/definition.js';
import { COMMANDS, GLOBAL_OPTIONS } from './command-list.js';
import { completionCommand } from './completion-command.js';

// docs/cli.md's option tables are written from the command definitions (node scripts/gen-cli-doc.mjs after a
// build), between <!-- options:NAME --> and <!-- /options:NAME --> markers; a test fails when they drift.

const cell = (s: string) => s.replace(/\|/g, '\\|');

/** The markdown table of some options: flags, then meaning with default and choices. */
export function optionsTable(options: readonly OptionDef[]): string {
  const rows = options.map((o) => {
    const extra = [
      o.choices ? `one of ${o.choices.map((c) => `\`${c}\``).join(', ')}` : '',
      o.default !== undefined ? `default \`${o.default}\`` : '',
      o.repeatable ? 'repeatable' : '',
    ].filter(Boolean);
    const meaning = `${o.description.charAt(0).toUpperCase()}${o.description.slice(1)}${extra.length ? ` (${extra.join('; ')})` : ''}.`;
    return `| \`${cell(flagsOf(o))}\` | ${cell(meaning)} |`;
  });
  return ['| Option | Meaning |', '| --- | --- |', ...rows].join('\n');
}

/** Every generated section: the global options and one table per command, by marker name. */
export function cliDocSections(): Map<string, string> {
  const sections = new Map<string, string>([['global', optionsTable(GLOBAL_OPTIONS)]]);
  for (const def of [...COMMANDS, completionCommand] as CommandDefinition<never>[]) {
    if (def.options.length > 0) sections.set(def.name, optionsTable(def.options as OptionDef[]));
  }
  return sections;
}

/** docs/cli.md with every marked section replaced by its generated table. */
export function updateCliDoc(markdown: string): string {
  let out = markdown;
  for (const [name, table] of cliDocSections()) {
    const open = `<!-- options:${name} -->`;
    const close = `<!-- /options:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start) continue;
    out = `${out.slice(0, start + open.length)}\n${table}\n${out.slice(end)}`;
  }
  return out;
}
