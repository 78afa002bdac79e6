/**
 * One heap snapshot file read in a fresh process, so that peak RSS is this read's alone:
 *   node --import tsx bench/heap-snapshot-child.ts stream|json FILE
 * `stream`: Hyperscope's reader fed 64 KiB chunks as they are read, then the retainer tree and census;
 * `json`: `JSON.parse` of the whole text (what a reader without streaming does first).
 * Prints JSON: `{ ms, peakRssMiB, nodes }`.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { censusOf } from '../core/retainers/heap-census';
import { buildRetainerTree } from '../core/retainers/retainer-tree';
import { HeapSnapshotReader } from '../core/retainers/snapshot-reader';

const [mode, file] = process.argv.slice(2);
if (!file || (mode !== 'stream' && mode !== 'json'))
  throw new Error('usage: heap-snapshot-child.ts stream|json FILE');
const start = performance.now();
let nodes: number;
if (mode === 'stream') {
  const reader = new HeapSnapshotReader();
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 16 }))
    reader.push(chunk as string);
  const graph = reader.finish();
  buildRetainerTree(graph);
  censusOf(graph);
  nodes = graph.nodeCount;
} else {
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { snapshot: { node_count: number } };
  nodes = parsed.snapshot.node_count;
}
const ms = performance.now() - start;
console.log(JSON.stringify({ ms, peakRssMiB: process.resourceUsage().maxRSS / 1024, nodes }));
