/** The writer a recording's options ask for: a plain session file, or a ring (`record --ring`). */
import type { HeaderRecord } from '../../core/session/records';
import type { RecordingOptions } from '../recorder/recording-options';
import { createRingSessionWriter } from './ring-session-writer';
import type { SessionWriter } from './session-writer';
import { createSessionWriter } from './session-writer';

export function openSessionWriter(
  options: Pick<RecordingOptions, 'output' | 'ringMs'>,
  header: HeaderRecord,
): SessionWriter {
  return options.ringMs
    ? createRingSessionWriter(options.output, header, { spanMs: options.ringMs })
    : createSessionWriter(options.output, header);
}
