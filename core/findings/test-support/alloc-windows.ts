/**
 * Synthetic allocation-sampling windows for tests: a root, a request handler, and allocating functions
 * under it, each with samples of one object size. Sizes are V8's scaled sample sizes, bytes.
 */
import type { AllocNode } from '../../session/records';
import type { AllocProfileWindow } from '../../session/session';

export interface SyntheticSite {
  functionName: string;
  /** Bytes each sample reports. */
  sampleBytes: number;
  samples: number;
  /** Where the function is; the app's server.js when not given (`node:buffer` for Node's own code). */
  url?: string;
  /** The site, listed before this one, that calls it; the request handler when not given. */
  calledBy?: string;
}

/** A window from `startTime` to `endTime` (ms since the epoch) with a 32 KiB sampling interval. */
export function allocWindow(
  startTime: number,
  endTime: number,
  includesCollected: boolean,
  sites: readonly SyntheticSite[],
): AllocProfileWindow {
  const frame = (functionName: string, lineNumber: number, url = 'file:///srv/app/server.js') => ({
    functionName,
    scriptId: '7',
    url: functionName === '(root)' ? '' : url,
    lineNumber,
    columnNumber: 2,
  });
  const nodes: AllocNode[] = [
    { id: 1, parent: 0, callFrame: frame('(root)', -1), selfSize: 0 },
    { id: 2, parent: 1, callFrame: frame('handleRequest', 10), selfSize: 0 },
  ];
  const samples: AllocProfileWindow['samples'] = [];
  sites.forEach((site, i) => {
    const id = 3 + i;
    const caller =
      site.calledBy === undefined ? -1 : sites.findIndex((s) => s.functionName === site.calledBy);
    nodes.push({
      id,
      parent: caller >= 0 && caller < i ? 3 + caller : 2,
      callFrame: frame(site.functionName, lineOf(site.functionName), site.url),
      selfSize: site.sampleBytes * site.samples,
    });
    for (let s = 0; s < site.samples; s++)
      samples.push({ size: site.sampleBytes, nodeId: id, ordinal: samples.length + 1 });
  });
  return {
    meta: {
      type: 'profile-begin',
      id: `alloc-${startTime}`,
      kind: 'alloc',
      startTime,
      endTime,
      samplingInterval: 32 * 1024,
      includesCollected,
    },
    nodes,
    samples,
  };
}

/** `samples` samples of `sampleBytes` each adding up to `bytesPerSecond` over `seconds`. */
export function siteAtRate(
  functionName: string,
  bytesPerSecond: number,
  seconds: number,
  sampleBytes = 32 * 1024,
): SyntheticSite {
  return { functionName, sampleBytes, samples: Math.round((bytesPerSecond * seconds) / sampleBytes) };
}

/** A 0-based line per function name, the same in every window (a function keeps its place). */
function lineOf(functionName: string): number {
  return 20 + ([...functionName].reduce((sum, c) => sum + c.charCodeAt(0), 0) % 500);
}
