import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { edgeLabelOf, nodeNameOf, type HeapGraph } from './heap-graph';
import { HeapSnapshotReader } from './snapshot-reader';

interface ParsedSnapshot {
  snapshot: { meta: { node_fields: string[]; edge_fields: string[] }; node_count: number };
  nodes: number[];
  edges: number[];
  strings: string[];
}

/** A property name that JSON escapes (a quote, a backslash, a line separator) and non-ASCII. */
const ODD_NAME = 'odd "name" \\ é\u2028';

/** Feeds `text` in chunks of the given sizes, cycling through them. */
function read(text: string, sizes: number[]): HeapGraph {
  const reader = new HeapSnapshotReader();
  for (let at = 0, k = 0; at < text.length; k++) {
    const size = sizes[k % sizes.length]!;
    reader.push(text.slice(at, at + size));
    at += size;
  }
  return reader.finish();
}

describe('HeapSnapshotReader on a real snapshot', () => {
  let dir: string;
  let text: string;
  let parsed: ParsedSnapshot;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hs-snapshot-'));
    const file = join(dir, 'small.heapsnapshot');
    // Strings that need escapes in JSON, kept by a module-level Map.
    const script = `const cache = new Map(); for (let i = 0; i < 50; i++) cache.set('key' + i, 'say "hi" \\\\ é\\u2028' + i);
globalThis.invoiceCache = cache; globalThis[${JSON.stringify(ODD_NAME)}] = cache; require('node:v8').writeHeapSnapshot(${JSON.stringify(file)});`;
    execFileSync(process.execPath, ['-e', script]);
    text = readFileSync(file, 'utf8');
    parsed = JSON.parse(text) as ParsedSnapshot;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([[[1 << 20]], [[7, 1, 13, 2, 4096]], [[1]]])('gives what JSON.parse gives, chunks %j', (sizes) => {
    const graph = read(text, sizes);
    const nodeFields = parsed.snapshot.meta.node_fields.length;
    expect(graph.nodeCount).toBe(parsed.snapshot.node_count);
    expect(graph.edgeCount).toBe(parsed.edges.length / 3);
    const typeField = parsed.snapshot.meta.node_fields.indexOf('type');
    const idField = parsed.snapshot.meta.node_fields.indexOf('id');
    const sizeField = parsed.snapshot.meta.node_fields.indexOf('self_size');
    const edgeCountField = parsed.snapshot.meta.node_fields.indexOf('edge_count');
    let edge = 0;
    for (let node = 0; node < graph.nodeCount; node++) {
      const at = node * nodeFields;
      expect(graph.nodeType[node]).toBe(parsed.nodes[at + typeField]);
      expect(graph.nodeId[node]).toBe(parsed.nodes[at + idField]);
      expect(graph.nodeSelfSize[node]).toBe(parsed.nodes[at + sizeField]);
      expect(graph.firstEdge[node]).toBe(edge);
      edge += parsed.nodes[at + edgeCountField]!;
    }
    for (let e = 0; e < graph.edgeCount; e += 97)
      expect(graph.edgeTo[e]).toBe(parsed.edges[e * 3 + 2]! / nodeFields);
  });

  it('keeps the names of objects and properties, decoded, and not the contents of strings', () => {
    const graph = read(text, [65_536]);
    const names = new Set<string>();
    for (let node = 0; node < graph.nodeCount; node++) names.add(nodeNameOf(graph, node));
    expect(names).toContain('Map');
    const labels = new Set<string>();
    for (let e = 0; e < graph.edgeCount; e++) labels.add(edgeLabelOf(graph, e));
    expect(labels).toContain('invoiceCache');
    expect(labels).toContain(ODD_NAME);
    const contents = parsed.strings.filter((value) => value.includes('say "hi"'));
    expect(contents.length).toBeGreaterThan(0);
    for (const value of contents) expect(graph.strings).not.toContain(value);
    const kept = graph.strings.filter((value) => value !== undefined);
    expect(kept.length).toBeLessThan(parsed.strings.length);
    for (let index = 0; index < graph.strings.length; index++)
      if (graph.strings[index] !== undefined) expect(graph.strings[index]).toBe(parsed.strings[index]);
    expect(graph.locations.size).toBeGreaterThan(100);
  });

  it('refuses text that is not a snapshot, and a snapshot cut short', () => {
    const reader = new HeapSnapshotReader();
    reader.push('{"hello": [1, 2, 3]}');
    expect(() => reader.finish()).toThrow(/not a V8 heap snapshot/);
    const cut = new HeapSnapshotReader();
    cut.push(text.slice(0, text.length >> 1));
    expect(() => cut.finish()).toThrow(/cut short/);
  });
});
