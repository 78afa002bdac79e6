/** Browser mode hands written files over as downloads: turns a `download` result into a saved file. */
import type { WriteResult } from '../../core/bridge/contract';

/** Starts the download for a `download` result; returns a line describing what happened. */
export function deliverWriteResult(result: WriteResult | null): string | null {
  if (!result) return null;
  if (result.kind === 'cancelled') return 'Cancelled.';
  if (result.kind === 'saved') return `Saved to ${result.path}`;
  const bytes = Uint8Array.from(atob(result.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = result.fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return `Downloaded ${result.fileName}`;
}
