/**
 * Writes a synthetic `.cpuprofile` with the shape of a busy service's: a few thousand functions over
 * many scripts, deep stacks (up to 120 frames), hundreds of thousands of nodes and millions of samples
 * skewed toward a few hot stacks. Streams to the file: the profile never exists as one string here.
 */
import { closeSync, openSync, writeSync } from 'node:fs';

export interface SyntheticShape {
  nodes: number;
  samples: number;
  functions: number;
  maxDepth: number;
}

/** Roughly 100 MB on disk. */
export const HUNDRED_MB_SHAPE: SyntheticShape = {
  nodes: 300_000,
  samples: 3_000_000,
  functions: 6_000,
  maxDepth: 120,
};

/** A small deterministic PRNG (mulberry32) so that every run writes the same file. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Writes the profile to `path`; returns its size in bytes. */
export function writeSyntheticCpuProfile(path: string, shape: SyntheticShape = HUNDRED_MB_SHAPE): number {
  const rand = random(42);
  const functions = Array.from({ length: shape.functions }, (_, f) => {
    const dependency = f % 3 === 0 ? `node_modules/pkg-${f % 97}/lib/` : 'src/';
    return JSON.stringify({
      functionName: f % 11 === 0 ? '' : `handler${f}_${['parse', 'route', 'render', 'query'][f % 4]}`,
      scriptId: String(100 + (f % 400)),
      url: `file:///srv/service/${dependency}module-${f % 400}.js`,
      lineNumber: (f * 37) % 2000,
      columnNumber: (f * 13) % 80,
    });
  });

  // Grow the tree as a random walk: mostly deeper, sometimes back up to an ancestor.
  const parent = new Int32Array(shape.nodes).fill(-1);
  const depth = new Int32Array(shape.nodes);
  let current = 0;
  for (let i = 1; i < shape.nodes; i++) {
    while (depth[current]! >= shape.maxDepth || (current > 0 && rand() < 0.3)) current = parent[current]!;
    parent[i] = current;
    depth[i] = depth[current]! + 1;
    current = i;
  }
  const children: number[][] = Array.from({ length: shape.nodes }, () => []);
  for (let i = 1; i < shape.nodes; i++) children[parent[i]!]!.push(i);

  // Samples: a power law over nodes, so a few stacks are hot and most are rare.
  const samples = new Int32Array(shape.samples);
  const hits = new Int32Array(shape.nodes);
  for (let s = 0; s < shape.samples; s++) {
    const node = 1 + ((Math.floor(shape.nodes * rand() ** 4) * 7919) % (shape.nodes - 1));
    samples[s] = node + 1;
    hits[node]!++;
  }

  const fd = openSync(path, 'w');
  let size = 0;
  let buffer = '';
  const write = (text: string): void => {
    buffer += text;
    if (buffer.length > 1 << 20) flush();
  };
  const flush = (): void => {
    size += writeSync(fd, buffer);
    buffer = '';
  };
  write('{"nodes":[');
  for (let i = 0; i < shape.nodes; i++) {
    const callFrame =
      i === 0
        ? '{"functionName":"(root)","scriptId":"0","url":"","lineNumber":-1,"columnNumber":-1}'
        : functions[Math.floor(rand() ** 2 * shape.functions)];
    const kids = children[i]!.length > 0 ? `,"children":[${children[i]!.map((c) => c + 1).join(',')}]` : '';
    const ticks = hits[i]! > 0 ? `,"positionTicks":[{"line":${1 + (i % 500)},"ticks":${hits[i]}}]` : '';
    write(`${i > 0 ? ',' : ''}{"id":${i + 1},"callFrame":${callFrame},"hitCount":${hits[i]}${kids}${ticks}}`);
  }
  const startTime = 1_000_000_000;
  let endTime = startTime;
  write(`],"startTime":${startTime},"samples":[`);
  for (let s = 0; s < shape.samples; s++) write(`${s > 0 ? ',' : ''}${samples[s]}`);
  write('],"timeDeltas":[');
  for (let s = 0; s < shape.samples; s++) {
    const delta = 900 + Math.floor(rand() * 300);
    endTime += delta;
    write(`${s > 0 ? ',' : ''}${delta}`);
  }
  write(`],"endTime":${endTime + 1000}}`);
  flush();
  closeSync(fd);
  return size;
}
