import { type Io, readAllText } from '../adapters/io.js';
import { InputError } from '../core/errors.js';
import { EXIT } from '../core/exit.js';
import type { RecordedCall } from '../core/recording.js';
import { openRecording } from '../input/recording-stream.js';
import { expandInputs } from '../input/recordings.js';

/** What reading recordings uses of the Io. */
export type RecordingsIo = Pick<Io, 'err' | 'stdin' | 'stderrIsTTY'>;

/** Which file of how many is being read, for a progress line. */
export interface FileProgress {
  index: number;
  count: number;
}

/** How a reading of recordings ended: EXIT.USAGE when a file or line could not be read, and whether it was stopped. */
export interface CallsRead {
  exit: number;
  stopped: boolean;
}

/**
 * Streams every recorded call of the given files and folders ("-": stdin) to `visit`, in order. A file that
 * cannot be read, and a line that holds no recording, is reported on stderr and the others are still read.
 * `visit` returning false stops the reading. `showProgress`, told before each file is opened, writes a progress line
 * (no newline) on a terminal when there is more than one file: messages then start on a line of their own.
 */
export async function readRecordedCalls(
  paths: string[], io: RecordingsIo,
  visit: (call: RecordedCall, file: string, at: FileProgress) => Promise<boolean | void> | boolean | void,
  showProgress?: (at: FileProgress) => void,
): Promise<CallsRead> {
  const { files, problems } = await expandInputs(paths);
  for (const p of problems) io.err(`op-errors: ${p}\n`);
  let exit: number = problems.length > 0 ? EXIT.USAGE : EXIT.OK;
  const lead = showProgress && io.stderrIsTTY && files.length > 1 ? '\n' : '';
  const fileFailed = (e: unknown): null => {
    if (!(e instanceof InputError)) throw e;
    io.err(`${lead}op-errors: ${e.message}\n`);
    exit = EXIT.USAGE;
    return null;
  };
  for (const [index, file] of files.entries()) {
    const at = { index, count: files.length };
    showProgress?.(at);
    const recording = await openRecording(file, undefined, () => readAllText(io.stdin)).catch(fileFailed);
    if (!recording) continue;
    try {
      for await (const call of recording.calls) {
        if ((await visit(call, file, at)) === false) return { exit, stopped: true };
      }
    } catch (e) {
      fileFailed(e);
    }
    for (const p of recording.problems) io.err(`op-errors: ${p.input === '-' ? 'stdin' : p.input} line ${p.line}: ${p.message}\n`);
    if (recording.problems.length > 0) exit = EXIT.USAGE;
  }
  return { exit, stopped: false };
}
