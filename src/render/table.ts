import type { Theme } from './theme.js';

/** Renders rows under a header as a table string; supplied by the command so cli-table3 loads lazily. */
export type TableMaker = (head: string[], rows: string[][], widths?: (number | null)[]) => string;

/** A TableMaker backed by cli-table3, with its environment-dependent default colours turned off. */
export async function loadTableMaker(theme: Theme): Promise<TableMaker> {
  const { default: Table } = await import('cli-table3');
  return (head, rows, widths) => {
    const table = new Table({
      head: head.map((h) => theme.bold(h)),
      style: { head: [], border: [] },
      ...(widths ? { colWidths: widths, wordWrap: true } : {}),
    });
    table.push(...rows);
    return table.toString();
  };
}
