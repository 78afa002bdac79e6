/** How a holder of heap growth reads in findings and reports: `Map invoiceCache (svc/alloc.js:2)`. */
import { formatBytes } from '../units/bytes';
import type { Frame } from '../frame';
import type { GrowthHolderSummary } from './heap-growth';
import { formatRetainerPath, shortUrl } from './retainer-path';

/** `Map invoiceCache (svc/alloc.js:2)`: what it is, the name the code reaches it by, the scope's file. */
export function holderLabel(holder: GrowthHolderSummary): string {
  const where = holder.source ? ` (${shortUrl(holder.source.url)}:${holder.source.line})` : '';
  // A function is named by itself; the name it is reached by is worth adding only when it differs.
  const isFunction = holder.holds.startsWith('function ');
  const named = isFunction ? holder.holds.slice('function '.length) : '';
  const name =
    !holder.name || holder.name === named ? '' : isFunction ? ` (as ${holder.name})` : ` ${holder.name}`;
  const many = holder.instances && holder.instances > 1 ? ` ×${holder.instances}` : '';
  return `${holder.holds}${name}${where}${many}`;
}

/** `2,410 strings, 15.6 MiB` (+ `, +3.2 MiB/s` given the span between the snapshots, s). */
export function heldText(holder: GrowthHolderSummary, spanS?: number): string {
  const top = holder.kinds[0];
  const what = top ? `${top.count.toLocaleString('en-US')} ${kindNoun(top.kind, top.count)}` : 'objects';
  const more =
    holder.count > (top?.count ?? 0) ? ` (${holder.count.toLocaleString('en-US')} objects in all)` : '';
  const rate = spanS && spanS > 0 ? `, +${formatBytes(Math.round(holder.bytes / spanS))}/s` : '';
  return `${what}${more}, ${formatBytes(holder.bytes)}${rate}`;
}

/** One line for a report: `Map invoiceCache (svc/alloc.js:2) → 2,410 strings, 15.6 MiB, +3.2 MiB/s`. */
export function holderLine(holder: GrowthHolderSummary, spanS?: number): string {
  return `${holderLabel(holder)} → ${heldText(holder, spanS)}`;
}

/** The holder's path from the roots, as one line. */
export function holderPathText(holder: GrowthHolderSummary): string {
  return formatRetainerPath(holder.path, holder.truncated);
}

/** The function whose scope holds it, as a frame (the code to change), if the path has one. */
export function holderFrame(holder: GrowthHolderSummary): Frame | undefined {
  const step = [...holder.path].reverse().find((candidate) => candidate.source);
  if (!step?.source) return undefined;
  const functionName = step.holds.replace(/^function /, '');
  return { functionName, url: step.source.url, line: step.source.line, column: step.source.column };
}

/** `(string)` → strings, `Invoice` → Invoice objects. */
function kindNoun(kind: string, count: number): string {
  const plural = count === 1 ? '' : 's';
  const inner = /^\((.*)\)$/.exec(kind)?.[1];
  if (inner) return `${inner}${inner.endsWith('s') ? '' : plural}`;
  return `${kind} object${plural}`;
}
