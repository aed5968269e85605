import type { RecordedExchange } from '../core/recording.js';
import { indexRecording } from '../input/recording-index.js';
import { enqueue } from './playback.js';
import type { PlaybackSource } from './types.js';

/**
 * Indexes an op-errors cassette or a HAR 1.2 file for `serve --cassette`: each exchange is read from the file
 * when it is asked for, so a recording of any size is served in flat memory.
 */
export async function loadPlayback(file: string): Promise<PlaybackSource> {
  const queues = new Map<string, number[]>();
  const recording = await indexRecording(file, (e: RecordedExchange, i) => enqueue(queues, e, i));
  return { count: recording.count, queues, exchange: recording.exchange, close: recording.close };
}
