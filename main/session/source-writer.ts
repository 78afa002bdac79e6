/**
 * The writer one process or thread of a multi-source session writes through: every record it writes
 * is tagged with its source (`docs/session-format.md`, "Several processes and threads"), and its
 * profile ids get the source as a prefix so that the samplers of several sources never collide.
 * Its recording's `end` becomes a `source-end` when the source left early (exited, lost, failed); one
 * that was stopped with the session writes none. Closing it closes nothing: the file belongs to the
 * recording of the header's target.
 */
import type { SessionRecord, SourceEndRecord } from '../../core/session/records';
import type { SessionWriter } from './session-writer';

export function sourceWriter(writer: SessionWriter, source: string): SessionWriter {
  const tag = (record: SessionRecord): SessionRecord | null => {
    switch (record.type) {
      case 'header':
        return null;
      case 'end': {
        const reason = SOURCE_END_REASON[record.reason];
        if (!reason) return null;
        const { time, message } = record;
        return { type: 'source-end', source, time, reason, ...(message ? { message } : {}) };
      }
      case 'snapshot':
      case 'event':
      case 'heap-growth':
        return { ...record, source };
      case 'profile-begin':
        return { ...record, source, id: `${source}/${record.id}` };
      case 'profile-cpu-nodes':
      case 'profile-alloc-nodes':
      case 'profile-cpu-samples':
      case 'profile-alloc-samples':
      case 'profile-end':
        return { ...record, id: `${source}/${record.id}` };
      default:
        return record;
    }
  };
  const write = (record: SessionRecord): void => {
    const tagged = tag(record);
    if (tagged) writer.write(tagged);
  };
  return {
    path: writer.path,
    write,
    writeAll(records) {
      for (const record of records) write(record);
    },
    close() {
      // The shared file is closed by its owner.
    },
  };
}

/** How a source's own recording ended, as its `source-end` says it; stopped with the session: none. */
export const SOURCE_END_REASON: Partial<Record<string, SourceEndRecord['reason']>> = {
  'target-exited': 'exited',
  'connection-lost': 'lost',
  error: 'error',
};
