import { Command, Option } from 'commander';
import { flagsOf } from '../commands/definition.js';
import { GLOBAL_OPTIONS } from './command-list.js';
import type { Io } from '../adapters/io.js';
import { VERSION } from '../adapters/version.js';
import { outputWidth } from '../commands/context.js';
import { fitHelp } from '../render/help-text.js';

/** The root command: name, global flags, help and error output; the commands are added by program.ts. */
export function rootCommand(io: Io): Command {
  const root = new Command('op-errors')
    .description('Explain and classify OpenProspect API errors: what went wrong, whether to retry, and the fix.')
    .version(VERSION, '-V, --version', 'print the version');
  // The global options come from the same list the completion scripts read.
  for (const o of GLOBAL_OPTIONS) root.addOption(new Option(flagsOf(o), o.description));
  return root
    .helpOption('-h, --help', 'show help')
    .showSuggestionAfterError()
    .configureHelp({ showGlobalOptions: true, minWidthToWrap: 20 })
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.out(s),
      writeErr: (s) => io.err(s),
      getOutHelpWidth: () => outputWidth(io),
      getErrHelpWidth: () => outputWidth(io),
      // Help and usage errors are plain text; asking commander's default would create process.stdout, and
      // with it Node's stream modules, a few ms of `--help | less`.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
      outputError: (s, write) => write(s.replace(/^error: /, 'op-errors: ')),
    })
    .addHelpText('after', () => fitHelp(ROOT_HELP, outputWidth(io)));
}

const ROOT_HELP = `
Exit codes: 0 success, 1 non-retryable error (or unknown code), 2 usage or unreadable input,
75 retryable error (repeating the same command is safe and may help), 129/130/143 ended by SIGHUP,
Ctrl-C or SIGTERM.

Examples:
  $ op-errors explain ORDER_NOT_FOUND
  $ op-errors explain 429
  $ op-errors codes --status 404
  $ curl -si https://api.openprospect.io/api/v1/orders -H "Authorization: Bearer $OPENPROSPECT_API_KEY" | op-errors classify
  $ op-errors classify --json logs/errors.ndjson`;
