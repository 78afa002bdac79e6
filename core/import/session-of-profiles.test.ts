import { describe, expect, it } from 'vitest';
import { sessionProfiles } from '../profile/session-profiles';
import { valueIndexOf, type ProfileModel } from '../profile/profile-model';
import { grandTotal } from '../profile/totals';
import { importFolded, importJson } from './import-profile';
import { isImportedSession, sessionOfProfiles } from './session-of-profiles';

const frame = (functionName: string, lineNumber = 0) => ({
  functionName,
  scriptId: '1',
  url: functionName.startsWith('(') ? '' : 'file:///srv/app.js',
  lineNumber,
  columnNumber: 0,
});

// main → work (hot) and main → idle time; 4 samples of 250 µs, 500 µs, 1000 µs and 2000 µs.
const CPUPROFILE = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), hitCount: 0, children: [2, 4] },
    { id: 2, callFrame: frame('main', 1), hitCount: 0, children: [3] },
    { id: 3, callFrame: frame('work', 7), hitCount: 0 },
    { id: 4, callFrame: frame('(idle)'), hitCount: 0 },
  ],
  startTime: 1_000,
  endTime: 5_000,
  samples: [3, 3, 2, 4],
  timeDeltas: [250, 250, 500, 1000],
};

const HEAPPROFILE = {
  head: {
    callFrame: frame('(root)'),
    selfSize: 0,
    id: 1,
    children: [
      { callFrame: frame('alloc', 3), selfSize: 4096, id: 2, children: [] },
      { callFrame: frame('keep', 9), selfSize: 1024, id: 3, children: [] },
    ],
  },
  samples: [
    { size: 2048, nodeId: 2, ordinal: 1 },
    { size: 1024, nodeId: 3, ordinal: 2 },
    { size: 2048, nodeId: 2, ordinal: 3 },
  ],
};

const total = (model: ProfileModel, type: string): number => grandTotal(model, valueIndexOf(model, type));
const FILE = { name: 'app.cpuprofile', createdAt: 1_700_000_000_000 };

describe('sessionOfProfiles', () => {
  it('keeps a .cpuprofile’s time and samples in one CPU window, with no snapshots', () => {
    const set = importJson(structuredClone(CPUPROFILE));
    const session = sessionOfProfiles(set, FILE);
    expect(session.snapshots).toEqual([]);
    expect(session.allocProfiles).toEqual([]);
    expect(isImportedSession(session)).toBe(true);
    expect(session.header.target.argv).toEqual(['app.cpuprofile']);
    expect(session.header.createdAt).toBe(FILE.createdAt);
    const cpu = sessionProfiles(session).cpu!;
    expect(cpu.windows).toHaveLength(1);
    expect(total(cpu.merged, 'time')).toBeCloseTo(total(set.cpu!, 'time'), 3);
    expect(total(cpu.merged, 'samples')).toBe(4);
    expect(cpu.coveredMs).toBeCloseTo(4, 3);
    expect(cpu.windows[0]!.startTime).toBe(FILE.createdAt);
  });

  it('keeps allocation bytes and samples, allocated or still alive as the file says', () => {
    const alive = sessionProfiles(sessionOfProfiles(importJson(structuredClone(HEAPPROFILE)), FILE));
    expect(alive.allocated).toBeNull();
    expect(total(alive.alive!.merged, 'space')).toBe(5120);
    expect(total(alive.alive!.merged, 'samples')).toBe(3);
    const marked = { ...structuredClone(HEAPPROFILE), _hyperscope: { includesCollected: true } };
    const allocated = sessionProfiles(sessionOfProfiles(importJson(marked), FILE));
    expect(allocated.alive).toBeNull();
    expect(total(allocated.allocated!.merged, 'space')).toBe(5120);
  });

  it('gives counts-only profiles (folded stacks) time without inventing a sampling interval', () => {
    const session = sessionOfProfiles(importFolded('main;work 3\nmain 1\n'), FILE);
    const cpu = sessionProfiles(session).cpu!;
    expect(total(cpu.merged, 'samples')).toBe(4);
    expect(session.cpuProfiles[0]!.meta.samplingInterval).toBe(0);
  });

  it('returns a session input as it was', () => {
    const set = importJson(structuredClone(CPUPROFILE));
    const session = sessionOfProfiles(set, FILE);
    expect(sessionOfProfiles({ ...set, session }, { name: 'other', createdAt: 0 })).toBe(session);
  });
});
