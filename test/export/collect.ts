/** Gathers an export's chunks, for tests that look at the whole output. */
import type { ExportOutput } from '../../core/export/export-profile';

export function collectText(output: ExportOutput): string {
  if (output.type !== 'text') throw new Error('expected a text export');
  return [...output.chunks].join('');
}

/** pprof bytes, uncompressed. */
export function collectBytes(output: ExportOutput): Uint8Array {
  if (output.type !== 'bytes') throw new Error('expected a binary export');
  return Buffer.concat([...output.chunks]);
}
