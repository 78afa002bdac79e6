import { TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
import type { PromiseSection } from '../chains/promise-section';
import { promiseSectionOf } from '../chains/promise-sections';
import { buildSession } from '../findings/test-support/session-builder';
import type { Session } from './session';
import { remapSession, sessionFrameUrls } from './remap-session';

const BUNDLE = 'file:///srv/out/app.js';
const SOURCE = 'file:///srv/src/server.ts';
// Generated line N maps to line N of server.ts, column 0, under the name `callee`.
const map = new TraceMap(
  {
    version: 3,
    sources: ['server.ts'],
    names: ['callee'],
    mappings: ['AAAAA', ...Array(100).fill('AACA')].join(';'),
  },
  'file:///srv/src/app.js.map',
);
const maps = new Map([[BUNDLE, map]]);

function sessionWithFrames(): Session {
  const base = buildSession({ snapshots: 1 });
  const snapshot = base.snapshots[0]!;
  const promises = {
    groups: [
      {
        id: 'g',
        frames: [{ functionName: 'load', url: BUNDLE, line: 12, column: 5 }],
        waitFrames: [{ functionName: 'wait', url: BUNDLE, line: 30, column: 9 }],
      },
    ],
    counts: { created: 1, settled: 0, pending: 1, pendingWithoutDetail: 0, collectedUnsettled: 0 },
  } as unknown as PromiseSection;
  const pool = {
    poolId: 'http.Agent#1',
    kind: 'http' as const,
    origin: '127.0.0.1:80',
    inUse: 1,
    idle: 0,
    queued: 0,
    maxSockets: 1,
    keepAlive: true,
    createdAt: [
      { functionName: 'makeAgent', url: BUNDLE, line: 7, column: 3 },
      { functionName: 'ext', url: 'node:internal/x', line: 1, column: 1 },
    ],
  };
  const callFrame = (lineNumber: number) => ({
    functionName: 'hot',
    scriptId: '42',
    url: BUNDLE,
    lineNumber,
    columnNumber: 4,
  });
  const meta = {
    type: 'profile-begin',
    id: 'p',
    kind: 'cpu',
    time: 0,
  } as unknown as Session['cpuProfiles'][0]['meta'];
  return {
    ...base,
    snapshots: [{ ...snapshot, pools: [pool], extensions: { promises } }],
    cpuProfiles: [
      {
        meta,
        profile: {
          nodes: [{ id: 1, callFrame: callFrame(19), hitCount: 3 }],
          startTime: 0,
          endTime: 1,
        },
      },
    ],
    allocProfiles: [
      { meta, nodes: [{ id: 1, parent: 0, callFrame: callFrame(2), selfSize: 64 }], samples: [] },
    ],
  };
}

describe('remapSession', () => {
  it('moves pools, promise groups and profile call frames to the original sources', () => {
    const session = sessionWithFrames();
    const before = JSON.stringify(session);
    const remapped = remapSession(session, maps);
    expect(JSON.stringify(session)).toBe(before);

    expect(remapped.snapshots[0]!.pools[0]!.createdAt).toEqual([
      { functionName: 'makeAgent', url: SOURCE, line: 7, column: 1 },
      { functionName: 'ext', url: 'node:internal/x', line: 1, column: 1 },
    ]);
    const group = promiseSectionOf(remapped.snapshots[0]!)!.groups[0]!;
    expect(group.frames).toEqual([{ functionName: 'load', url: SOURCE, line: 12, column: 1 }]);
    expect(group.waitFrames).toEqual([{ functionName: 'wait', url: SOURCE, line: 30, column: 1 }]);

    // CDP call frames are 0-based on both sides: lineNumber 19 is line 20, which maps to line 20.
    expect(remapped.cpuProfiles[0]!.profile.nodes[0]!.callFrame).toEqual({
      functionName: 'hot',
      scriptId: '42',
      url: SOURCE,
      lineNumber: 19,
      columnNumber: 0,
    });
    expect(remapped.allocProfiles[0]!.nodes[0]!.callFrame).toMatchObject({ url: SOURCE, lineNumber: 2 });
  });

  it('remaps the snapshots and profiles of every other process or thread too', () => {
    const own = sessionWithFrames();
    const worker = sessionWithFrames();
    const session: Session = {
      ...own,
      snapshots: [],
      cpuProfiles: [],
      allocProfiles: [],
      sources: [
        {
          info: {
            type: 'source',
            id: 'p4243',
            kind: 'process',
            pid: 4243,
            threadId: 0,
            label: 'worker 1 of 1',
            nodeVersion: 'v20.20.2',
            argv: [],
            time: 0,
          },
          end: null,
          snapshots: worker.snapshots,
          events: [],
          cpuProfiles: worker.cpuProfiles,
          allocProfiles: worker.allocProfiles,
        },
      ],
    };
    expect([...sessionFrameUrls(session)].sort()).toEqual([BUNDLE, 'node:internal/x']);
    const source = remapSession(session, maps).sources[0]!;
    expect(source.snapshots[0]!.pools[0]!.createdAt?.[0]).toMatchObject({ url: SOURCE, line: 7 });
    expect(source.cpuProfiles[0]!.profile.nodes[0]!.callFrame).toMatchObject({ url: SOURCE });
    expect(source.allocProfiles[0]!.nodes[0]!.callFrame).toMatchObject({ url: SOURCE });
    expect(source.info.label).toBe('worker 1 of 1');
  });

  it('names every frame url, and leaves a session without maps as it is', () => {
    const session = sessionWithFrames();
    expect([...sessionFrameUrls(session)].sort()).toEqual([BUNDLE, 'node:internal/x']);
    expect(remapSession(session, new Map())).toBe(session);
  });
});
