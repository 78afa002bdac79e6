/**
 * The app's exports: one profile of a session in a format its own tool opens, as bytes in memory (the
 * app hands them to a save dialog or a download). The exporters are core's, as for `hyperscope export`.
 */
import { gzipSync } from 'node:zlib';
import type { ExportFormat } from '../../core/bridge/contract';
import { defaultKind, EXPORT_EXTENSIONS, exportProfile } from '../../core/export/export-profile';
import { profileSetOfSession } from '../../core/import/from-session';
import type { ProfileKind } from '../../core/import/profile-set';
import type { Session } from '../../core/session/session';
import type { OutputFile } from './backend-ports';

const MIME_TYPES: Record<ExportFormat, string> = {
  speedscope: 'application/json',
  folded: 'text/plain',
  cpuprofile: 'application/json',
  heapprofile: 'application/json',
  pprof: 'application/gzip',
  html: 'text/html',
  svg: 'image/svg+xml',
};

/** `session`'s profile of `kind` (default: what the format suits) in `format`; `name` names the session. */
export function exportSessionFile(
  session: Session,
  name: string,
  format: ExportFormat,
  kind?: ProfileKind,
): OutputFile {
  const set = profileSetOfSession(session);
  const chosen = kind ?? defaultKind(set, format);
  const output = exportProfile(set, format, chosen, name);
  const parts: Uint8Array[] = [];
  const encoder = new TextEncoder();
  for (const chunk of output.chunks as Iterable<string | Uint8Array>)
    parts.push(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
  const bytes = Buffer.concat(parts);
  const stem = name.replace(/(\.hyperscope|\.ndjson|\.jsonl)$/, '');
  return {
    fileName: `${stem}${chosen === 'cpu' ? '' : `.${chosen}`}${EXPORT_EXTENSIONS[format]}`,
    mimeType: MIME_TYPES[format],
    bytes: output.type === 'bytes' && output.gzip ? gzipSync(bytes) : bytes,
  };
}
