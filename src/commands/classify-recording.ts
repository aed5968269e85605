import { InputError } from '../core/errors.js';
import type { ReaderSink } from '../core/exchange-reader.js';
import { callsFromCassette, callsFromHar } from '../input/recording-formats.js';

/** The calls of a HAR file or cassette, each as one exchange with its attempts grouped as replay groups them. */
export function classifyRecording(json: Record<string, unknown>, input: string, line: number, sink: ReaderSink): void {
  const name = input === '-' ? 'stdin' : input;
  try {
    const calls = json.format === 'op-errors-cassette' ? callsFromCassette(json, name) : callsFromHar(json, name);
    if (calls.length === 0) sink.problem({ input, line, message: 'the recording holds no calls' });
    for (const call of calls) {
      sink.exchange({ attempts: call.attempts.map((a) => a.attempt), source: { input, line: call.attempts[0].source.line } });
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    sink.problem({ input, line, message: e.message });
  }
}
