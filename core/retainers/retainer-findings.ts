/**
 * Heap snapshots (`record --retainers`) in the findings: a surviving `alloc-hotspot` gets the holders of
 * the growth in its evidence and advice (those in its own file first), and where no function stands out
 * but the heap grew, a `heap-growth` finding names what holds the growth. Runs after the analyses,
 * since it completes one of their findings.
 */
import type { Finding, Severity } from '../findings/finding';
import { CRITICAL_ALIVE_BYTES_PER_S, WARNING_ALIVE_BYTES_PER_S } from '../findings/alloc-hotspot';
import type { Session } from '../session/session';
import { formatBytes } from '../units/bytes';
import type { GrowthHolderSummary, HeapGrowth } from './heap-growth';
import { heldText, holderFrame, holderLabel, holderPathText } from './holder-text';

/** Holders a finding lists. */
const MAX_HOLDERS = 3;
/** A finding lists another holder only when it holds at least this share of what the first holds. */
const MIN_SHARE_OF_TOP = 0.1;
/** Less net growth than this between the snapshots is noise (code compiled, caches warming), bytes. */
export const MIN_GROWTH_BYTES = 1024 * 1024;
/** The top holder must hold at least this share of the net growth for a `heap-growth` finding to name it. */
export const MIN_HOLDER_SHARE = 0.25;

export function withRetainers(findings: readonly Finding[], session: Session): Finding[] {
  const growth = session.heapGrowth?.at(-1);
  if (!growth || growth.holders.length === 0) return [...findings];
  const surviving = findings.find(
    (f) => f.kind === 'alloc-hotspot' && f.evidence.values['criterion'] === 'surviving',
  );
  if (surviving) return findings.map((f) => (f === surviving ? withHolders(f, growth) : f));
  const heapGrowthFinding = findHeapGrowth(growth);
  return heapGrowthFinding ? [...findings, heapGrowthFinding] : [...findings];
}

const spanSOf = (growth: HeapGrowth): number =>
  Math.max(0.001, (growth.last.time - growth.first.time) / 1000);

/** Holders whose path runs through the site's file first, then by bytes. */
function holdersFor(growth: HeapGrowth, url: string | undefined): GrowthHolderSummary[] {
  const file = url?.replace(/^file:\/\//, '');
  const inFile = (holder: GrowthHolderSummary): boolean =>
    file !== undefined &&
    file !== '' &&
    holder.path.some((step) => step.source?.url.replace(/^file:\/\//, '') === file);
  const ranked = [...growth.holders.filter(inFile), ...growth.holders.filter((holder) => !inFile(holder))];
  return significant(ranked);
}

/** The first holder and those holding at least a tenth of what it holds: the rest is noise beside it. */
function significant(holders: readonly GrowthHolderSummary[]): GrowthHolderSummary[] {
  const top = holders[0];
  if (!top) return [];
  return holders
    .filter((holder) => holder === top || holder.bytes >= MIN_SHARE_OF_TOP * top.bytes)
    .slice(0, MAX_HOLDERS);
}

function withHolders(finding: Finding, growth: HeapGrowth): Finding {
  const holders = holdersFor(growth, finding.frames.find((frame) => frame.url !== '')?.url);
  const top = holders[0]!;
  return {
    ...finding,
    evidence: {
      ...finding.evidence,
      summary: `${finding.evidence.summary} Heap snapshots: ${holderLabel(top)} holds ${heldText(top, spanSOf(growth))} that the first snapshot did not have.`,
      values: { ...finding.evidence.values, heldBy: holderLabel(top), heldBytes: Math.round(top.bytes) },
      holders,
    },
    advice: holderAdvice(top, growth),
  };
}

function holderAdvice(top: GrowthHolderSummary, growth: HeapGrowth): string {
  return (
    `${holderLabel(top)} holds ${heldText(top, spanSOf(growth))} more than at the first snapshot, reached as ` +
    `${holderPathText(top)}. Bound it (an LRU with a byte limit, a TTL), remove entries when their work is ` +
    'done (listeners, timers, pending requests), keep less per entry (ids rather than whole payloads), or hold ' +
    'them weakly (WeakMap, WeakRef).'
  );
}

function findHeapGrowth(growth: HeapGrowth): Finding | null {
  const spanS = spanSOf(growth);
  const grew = growth.last.bytes - growth.first.bytes;
  const rate = grew / spanS;
  const top = growth.holders[0]!;
  if (grew < MIN_GROWTH_BYTES || rate < WARNING_ALIVE_BYTES_PER_S || top.bytes < MIN_HOLDER_SHARE * grew)
    return null;
  const severity: Severity = rate >= CRITICAL_ALIVE_BYTES_PER_S ? 'critical' : 'warning';
  const frame = holderFrame(top);
  const holders = significant(growth.holders);
  return {
    kind: 'heap-growth',
    severity,
    title: `The heap grew ${formatBytes(grew)} in ${Math.round(spanS)} s (+${formatBytes(Math.round(rate))}/s), held by ${holderLabel(top)}`,
    evidence: {
      summary:
        `Between the heap snapshots at the start and the end (${Math.round(spanS)} s apart) the heap's objects grew from ` +
        `${formatBytes(growth.first.bytes)} to ${formatBytes(growth.last.bytes)}; no one function allocated most of what survived. ` +
        holders.map((holder) => `${holderLabel(holder)} holds ${heldText(holder, spanS)}.`).join(' '),
      values: {
        firstBytes: Math.round(growth.first.bytes),
        lastBytes: Math.round(growth.last.bytes),
        growthBytesPerSecond: Math.round(rate),
        heldBy: holderLabel(top),
        heldBytes: Math.round(top.bytes),
      },
      series: [],
      holders,
    },
    frames: frame ? [frame] : [],
    advice: holderAdvice(top, growth),
  };
}
