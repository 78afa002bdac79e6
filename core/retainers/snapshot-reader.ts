/**
 * Reads a V8 heap snapshot (`.heapsnapshot` JSON, as `HeapProfiler.takeHeapSnapshot` streams it in
 * chunks or a file holds it) into a {@link HeapGraph} without ever holding the text or a parsed tree:
 * `meta` comes first and gives the node and edge counts, so `nodes` and `edges` go straight into arrays
 * of their final size; `strings` come last, when it is known which of them name something.
 */
import type { HeapGraph, HeapLocation, HeapTypeIds } from './heap-graph';
import { isNamedEdgeType } from './heap-graph';
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

/** Node types whose name is the string's contents, not a name. */
const STRING_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

export class HeapSnapshotReader {
  private scanner: ValueScanner | undefined;
  private key: string | undefined;
  private keyChars: string[] | undefined;
  private header: ValueSkipper | undefined;
  private meta: SnapshotMeta | undefined;
  private graph: HeapGraph | undefined;
  private wanted: Uint8Array | undefined;
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
    if (key === 'nodes') return new NumberArrayScanner(this.nodeSink(graph));
    if (key === 'edges') return new NumberArrayScanner(this.edgeSink(graph));
    if (key === 'locations') return new NumberArrayScanner(this.locationSink());
    if (key === 'strings') {
      const wanted = this.wanted!;
      return new StringArrayScanner(
        (index) => index < wanted.length * 8 && (wanted[index >> 3]! & (1 << (index & 7))) !== 0,
        (index, value) => (graph.strings[index] = value),
      );
    }
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

  /** Marks string `index` as one to keep (it names a node or an edge). */
  private want(index: number): void {
    if (!this.wanted || index >= this.wanted.length * 8) {
      const grown = new Uint8Array(Math.max(1024, (index >> 3) * 2 + 1));
      if (this.wanted) grown.set(this.wanted);
      this.wanted = grown;
    }
    this.wanted[index >> 3]! |= 1 << (index & 7);
  }

  private nodeSink(graph: HeapGraph): (value: number) => void {
    const fields = this.meta!.node_fields;
    const at = (name: string): number => fields.indexOf(name);
    const [type, name, id, selfSize, edgeCount] = ['type', 'name', 'id', 'self_size', 'edge_count'].map(at);
    const stringTypes = new Set([...STRING_TYPES].map((typeName) => graph.types.node.get(typeName)));
    let field = 0;
    let node = 0;
    return (value) => {
      if (field === type) graph.nodeType[node] = value;
      else if (field === name) {
        graph.nodeName[node] = value;
        if (!stringTypes.has(graph.nodeType[node])) this.want(value);
      } else if (field === id) graph.nodeId[node] = value;
      else if (field === selfSize) graph.nodeSelfSize[node] = value;
      else if (field === edgeCount) graph.firstEdge[node + 1] = graph.firstEdge[node]! + value;
      if (++field === fields.length) {
        field = 0;
        node++;
      }
    };
  }

  private edgeSink(graph: HeapGraph): (value: number) => void {
    const fields = this.meta!.edge_fields;
    const [type, name, to] = ['type', 'name_or_index', 'to_node'].map((field) => fields.indexOf(field));
    const nodeFields = this.meta!.node_fields.length;
    let field = 0;
    let edge = 0;
    return (value) => {
      if (field === type) graph.edgeType[edge] = value;
      else if (field === name) {
        graph.edgeName[edge] = value;
        if (isNamedEdgeType(graph.types.edgeNames[graph.edgeType[edge]!])) this.want(value);
      } else if (field === to) graph.edgeTo[edge] = value / nodeFields;
      if (++field === fields.length) {
        field = 0;
        edge++;
      }
    };
  }

  private locationSink(): (value: number) => void {
    const fields = this.meta!.location_fields ?? ['object_index', 'script_id', 'line', 'column'];
    const nodeFields = this.meta!.node_fields.length;
    const row: number[] = [];
    return (value) => {
      row.push(value);
      if (row.length < fields.length) return;
      const [objectIndex, scriptId, line, column] = ['object_index', 'script_id', 'line', 'column'].map(
        (field) => row[fields.indexOf(field)] ?? 0,
      );
      this.locations.set(objectIndex! / nodeFields, { scriptId: scriptId!, line: line!, column: column! });
      row.length = 0;
    };
  }
}
