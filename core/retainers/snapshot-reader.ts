/**
 * Reads a V8 heap snapshot (`.heapsnapshot` JSON, as `HeapProfiler.takeHeapSnapshot` streams it in
 * chunks or a file holds it) into a {@link HeapGraph} without ever holding the text or a parsed tree:
 * `meta` comes first and gives the node and edge counts, so `nodes` and `edges` go straight into arrays
 * of their final size; `strings` come last, when it is known which of them name something.
 */
import type { HeapGraph, HeapLocation, HeapTypeIds } from './heap-graph';
import { edgeSink, locationSink, nodeSink, WantedStrings } from './snapshot-sinks';
import { NumberArrayScanner, StringArrayScanner, ValueSkipper, type ValueScanner } from './snapshot-scanners';

/** `snapshot.meta` as V8 writes it (only what is read here). */
interface SnapshotMeta {
  node_fields: string[];
  node_types: [string[], ...unknown[]];
  edge_fields: string[];
  edge_types: [string[], ...unknown[]];
  location_fields?: string[];
}

interface SnapshotHeader {
  meta: SnapshotMeta;
  node_count: number;
  edge_count: number;
}

export class HeapSnapshotReader {
  private scanner: ValueScanner | undefined;
  private key: string | undefined;
  private keyChars: string[] | undefined;
  private header: ValueSkipper | undefined;
  private meta: SnapshotMeta | undefined;
  private graph: HeapGraph | undefined;
  /** Strings that name a node or an edge: known once nodes and edges are read, before `strings`. */
  private readonly wanted = new WantedStrings();
  private readonly locations = new Map<number, HeapLocation>();
  private done = false;

  /** Feeds the next piece of the snapshot's text. */
  push(chunk: string): void {
    let i = 0;
    while (i < chunk.length && !this.done) {
      if (this.scanner) {
        const end = this.scanner.feed(chunk, i);
        if (end === -1) return;
        this.valueEnded();
        i = end;
        continue;
      }
      i = this.scanKey(chunk, i);
    }
  }

  /** The graph, once the whole snapshot was pushed; throws on a snapshot cut short or not one. */
  finish(): HeapGraph {
    if (!this.graph)
      throw new Error('not a V8 heap snapshot: no "snapshot" header with node and edge counts');
    if (!this.done || this.scanner) throw new Error('the heap snapshot is cut short');
    return { ...this.graph, locations: this.locations };
  }

  /** Between values: reads `"key":` and starts the key's scanner; returns where it stopped. */
  private scanKey(text: string, from: number): number {
    let i = from;
    for (; i < text.length; i++) {
      const char = text[i]!;
      if (this.keyChars) {
        if (char === '"') {
          this.key = this.keyChars.join('');
          this.keyChars = undefined;
        } else this.keyChars.push(char);
      } else if (char === '"') this.keyChars = [];
      else if (char === ':' && this.key !== undefined) {
        this.scanner = this.scannerFor(this.key);
        return i + 1;
      } else if (char === '}' && this.key === undefined) {
        this.done = true;
        return i + 1;
      }
    }
    return i;
  }

  private valueEnded(): void {
    if (this.scanner === this.header) this.readHeader(JSON.parse(this.header!.text) as SnapshotHeader);
    this.scanner = undefined;
    this.key = undefined;
  }

  private scannerFor(key: string): ValueScanner {
    if (key === 'snapshot') return (this.header = new ValueSkipper(true));
    const graph = this.graph;
    if (!graph) return new ValueSkipper();
    const meta = this.meta!;
    if (key === 'nodes') return new NumberArrayScanner(nodeSink(graph, meta.node_fields, this.wanted));
    if (key === 'edges')
      return new NumberArrayScanner(edgeSink(graph, meta.edge_fields, meta.node_fields.length, this.wanted));
    if (key === 'locations')
      return new NumberArrayScanner(
        locationSink(this.locations, meta.location_fields, meta.node_fields.length),
      );
    if (key === 'strings')
      return new StringArrayScanner(
        (index) => this.wanted.has(index),
        (index, value) => (graph.strings[index] = value),
      );
    return new ValueSkipper();
  }

  private readHeader(header: SnapshotHeader): void {
    const { meta, node_count: nodeCount, edge_count: edgeCount } = header;
    if (!meta?.node_fields || !Number.isInteger(nodeCount) || !Number.isInteger(edgeCount))
      throw new Error('not a V8 heap snapshot: its header has no node fields or counts');
    const ids = (names: string[]): Map<string, number> => new Map(names.map((name, id) => [name, id]));
    const types: HeapTypeIds = {
      node: ids(meta.node_types[0]),
      edge: ids(meta.edge_types[0]),
      nodeNames: meta.node_types[0],
      edgeNames: meta.edge_types[0],
    };
    this.meta = meta;
    this.graph = {
      nodeCount,
      edgeCount,
      types,
      nodeType: new Uint8Array(nodeCount),
      nodeName: new Uint32Array(nodeCount),
      nodeId: new Uint32Array(nodeCount),
      nodeSelfSize: new Float64Array(nodeCount),
      firstEdge: new Uint32Array(nodeCount + 1),
      edgeType: new Uint8Array(edgeCount),
      edgeName: new Uint32Array(edgeCount),
      edgeTo: new Uint32Array(edgeCount),
      strings: [],
      locations: this.locations,
    };
  }
}
