/** Browser mode's `output` port: bytes go back to the page as a download, or to a path given on this machine. */
import { writeFile } from 'node:fs/promises';
import type { WriteResult } from '../../core/bridge/contract';
import type { OutputFile } from './backend-ports';

export async function downloadOutput(file: OutputFile, path?: string): Promise<WriteResult> {
  if (path) {
    await writeFile(path, file.bytes, { mode: 0o600 });
    return { kind: 'saved', path };
  }
  return {
    kind: 'download',
    fileName: file.fileName,
    mimeType: file.mimeType,
    base64: Buffer.from(file.bytes).toString('base64'),
  };
}
