import { type Command, InvalidArgumentError, Option } from 'commander';
import type { CommandContext } from './context.js';

/** How a command file hands its parsed options to the program: build the context, set the exit code. */
export type Register = (
  program: Command, context: (cmd: Command) => Promise<CommandContext>, setExit: (code: number) => void,
) => void;

/** Parses an HTTP status argument (100-599). */
export function parseStatus(value: string): number {
  const n = Number(value);
  if (!/^\d{3}$/.test(value.trim()) || n < 100 || n > 599) throw new InvalidArgumentError('Expected an HTTP status from 100 to 599.');
  return n;
}

/** The --status option of explain, codes and classify. */
export const statusOption = (what: string) => new Option('--status <code>', what).argParser(parseStatus);

/** Parses a number of seconds above 0. */
export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('Expected a number of seconds above 0.');
  return n;
}

/** Parses a whole number, 0 or more. */
export function parseCount(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new InvalidArgumentError('Expected a whole number, 0 or more.');
  return Number(value);
}

/** Collects a repeatable option into an array. */
export const collect = (value: string, previous: string[]) => [...previous, value];


/** Adds the retry flags that call and replay share. */
export function addRetryOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--retry <n>', 'retry retryable outcomes up to n times (default 0: off)').argParser(parseCount))
    .addOption(new Option('--retry-max-delay <seconds>', 'cap on one computed backoff wait (default 30)').argParser(parseSeconds))
    .addOption(new Option('--retry-max-time <seconds>', 'deadline for all attempts and waits together (default 300)').argParser(parseSeconds))
    .addOption(new Option('--jitter <kind>', 'backoff jitter (default full)').choices(['full', 'equal', 'none']))
    .option('--retry-unsafe', 'retry POST/PATCH on any retryable outcome, even without an idempotency key');
}
