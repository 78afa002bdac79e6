// Growth holders from two real snapshots of one process (V8 keeps object ids across them): the
// collections that grew are named whether the first snapshot had them or not, objects inside an entry
// are charged to the collection rather than to the entry, and code of excluded scripts is left out.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { censusOf, hasId } from './heap-census';
import { heapGrowth, type HeapGrowth } from './heap-growth';
import { holderLabel, holderPathText } from './holder-text';
import { HeapSnapshotReader } from './snapshot-reader';

/** Grows an old Map, a Map made between the snapshots, an array of entry objects, and a Map only code of `excluded.js` reaches. */
const SERVICE = `
const v8 = require('node:v8');
const oldCache = new Map();
const entries = [];
let lateCache;
const excluded = require('vm').runInThisContext('(function holdForAgent() { const kept = new Map(); return function agentSet(x) { kept.set(x, "agent " + x); }; })', { filename: 'excluded.js' })();
function grow(n) {
  for (let i = 0; i < n; i++) {
    oldCache.set('o' + i, 'old cache value ' + i);
    entries.push({ id: i, text: 'entry ' + i + ' ' + 'x'.repeat(i % 50) });
    lateCache?.set('l' + i, 'late cache value ' + i);
    excluded(i);
  }
}
grow(10);
v8.writeHeapSnapshot(process.argv[1]);
lateCache = new Map();
globalThis.keepLate = () => lateCache;
grow(3000);
v8.writeHeapSnapshot(process.argv[2]);
`;

let dir: string;
let growth: HeapGrowth;
let withAgent: HeapGrowth;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hs-growth-'));
  const [first, last] = [join(dir, '1.heapsnapshot'), join(dir, '2.heapsnapshot')];
  execFileSync(process.execPath, ['-e', SERVICE, first, last]);
  const read = (file: string) => {
    const reader = new HeapSnapshotReader();
    reader.push(readFileSync(file, 'utf8'));
    return reader.finish();
  };
  const census = censusOf(read(first));
  const lastGraph = read(last);
  growth = heapGrowth(census, { time: 0 }, lastGraph, { time: 1000 });
  // The script id of excluded.js, from a closure of it in the last snapshot.
  const scriptOf = [...lastGraph.locations].find(
    ([node]) => lastGraph.strings[lastGraph.nodeName[node]!] === 'agentSet',
  );
  expect(scriptOf).toBeDefined();
  withAgent = heapGrowth(census, { time: 0 }, lastGraph, { time: 1000 }, new Set([scriptOf![1].scriptId]));
  expect(hasId(census.ids, lastGraph.nodeId[1]!)).toBe(true); // ids carry over between snapshots
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const labels = (g: HeapGrowth) => g.holders.map(holderLabel);

it('names the Map the first snapshot had, with what it holds', () => {
  const cache = growth.holders.find((h) => holderLabel(h).startsWith('Map oldCache'))!;
  expect(cache, labels(growth).join('\n')).toBeDefined();
  expect(cache.kinds[0]).toMatchObject({ kind: '(string)' });
  expect(cache.kinds[0]!.count).toBeGreaterThanOrEqual(3000);
});

it('names a Map made after the first snapshot, not what holds it', () => {
  expect(labels(growth).some((label) => label.startsWith('Map lateCache'))).toBe(true);
});

it('charges the strings inside entries to the array of entries', () => {
  const array = growth.holders.find((h) => holderLabel(h).startsWith('Array entries'))!;
  expect(array).toBeDefined();
  expect(array.kinds.find((k) => k.kind === 'Object')!.count).toBeGreaterThanOrEqual(3000);
  expect(array.kinds.find((k) => k.kind === '(string)')!.count).toBeGreaterThanOrEqual(3000);
  expect(labels(growth).filter((label) => label.startsWith('Object '))).toHaveLength(0);
  expect(holderPathText(array)).toMatch(/entries: Array$/);
});

it('leaves out what only code of an excluded script holds', () => {
  const agentHeld = (g: HeapGrowth) =>
    g.holders.some((h) => h.path.some((step) => step.holds.includes('agentSet')));
  expect(agentHeld(growth)).toBe(true);
  expect(agentHeld(withAgent)).toBe(false);
  expect(withAgent.newBytes).toBeLessThan(growth.newBytes);
});
