/**
 * The writer one process or thread of a multi-source session writes through: every record it writes
 * is tagged with its source (`docs/session-format.md`, "Several processes and threads"), and its
 * profile ids get the source as a prefix so that the samplers of several sources never collide.
 * Closing it closes nothing: the file belongs to the recording of the header's target.
 */
import type { SessionRecord } from '../../core/session/records';
import type { SessionWriter } from './session-writer';

export function sourceWriter(writer: SessionWriter, source: string): SessionWriter {
  const tag = (record: SessionRecord): SessionRecord => {
    switch (record.type) {
      case 'snapshot':
      case 'event':
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
  return {
    path: writer.path,
    write: (record) => writer.write(tag(record)),
    writeAll(records) {
      for (const record of records) writer.write(tag(record));
    },
    close() {
      // The shared file is closed by its owner.
    },
  };
}
