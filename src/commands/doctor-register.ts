import { type Command, Option } from 'commander';
import { type Register, parseSeconds } from '../cli/options.js';

/** Adds `doctor` to the program; the command module loads only when it runs. */
export const registerDoctor: Register = (program, context, setExit) => {
  program.command('doctor')
    .description('check the API key, the base URL, the key\'s scopes and the clock, each with the fix')
    .option('--base-url <url>', 'base URL to check (env OPENPROSPECT_BASE_URL, config baseUrl)')
    .addOption(new Option('--timeout <seconds>', 'timeout of each request (default 10)').argParser(parseSeconds).default(10))
    .addHelpText('after', `
Examples:
  $ op-errors doctor
  $ op-errors doctor --json
  $ OPENPROSPECT_API_KEY=lnc_test_read_only op-errors doctor --base-url http://127.0.0.1:4010/api/v1`)
    .action(async (opts: { baseUrl?: string; timeout: number }, command: Command) => {
      const { runDoctor } = await import('./doctor.js');
      setExit(await runDoctor(opts, await context(command)));
    });
};
