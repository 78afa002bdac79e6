import type { Protocol } from 'devtools-protocol';
import { describe, expect, it } from 'vitest';
import { AGENT_SOURCE_URL } from '../agent-protocol';
import type { Session } from '../session/session';
import { packSession } from './pack-session';
import { sessionProfiles } from './session-profiles';

const frame = (
  functionName: string,
  url: string,
  scriptId: string,
  line = 0,
): Protocol.Runtime.CallFrame => ({
  functionName,
  scriptId,
  url,
  lineNumber: line,
  columnNumber: 4,
});

/** (root) → main → {work → leaf, agent's timer}, with the agent named by url in this window only. */
function cpuProfile(withAgentUrl: boolean): Protocol.Profiler.Profile {
  return {
    nodes: [
      { id: 1, callFrame: frame('(root)', '', '0', -1), children: [2, 5] },
      { id: 2, callFrame: frame('main', 'file:///app.js', '7'), children: [3] },
      { id: 3, callFrame: frame('work', 'file:///app.js', '7', 9), children: [4] },
      { id: 4, callFrame: frame('leaf', 'file:///app.js', '7', 19) },
      { id: 5, callFrame: frame('tick', withAgentUrl ? AGENT_SOURCE_URL : '', '42') },
    ],
    startTime: 1000,
    endTime: 1600,
    samples: [3, 4, 4, 5, 2],
    timeDeltas: [100, 100, 100, 100, 100],
  };
}

function session(): Session {
  const window = (id: string, withAgentUrl: boolean, startTime: number) => ({
    meta: {
      type: 'profile-begin' as const,
      id,
      kind: 'cpu' as const,
      startTime,
      endTime: startTime + 600,
      samplingInterval: 100,
    },
    profile: cpuProfile(withAgentUrl),
  });
  return {
    header: {
      type: 'header',
      schema: 1,
      hyperscope: 'test',
      createdAt: 0,
      target: { pid: 1, nodeVersion: 'v22.0.0', argv: ['node', 'app.js'], attachedBy: 'pid' },
      options: { intervalMs: 1000, durationMs: null, cpu: true, heap: false, promises: false },
    },
    sources: [],
    snapshots: [],
    marks: [],
    events: [],
    cpuProfiles: [window('cpu-1', true, 0), window('cpu-2', false, 600)],
    allocProfiles: [],
    end: null,
    truncated: false,
    warnings: [],
  } as unknown as Session;
}

describe('packSession', () => {
  it('gives the UI the models the raw profiles build, in a fraction of the JSON', () => {
    const raw = session();
    const packed = JSON.parse(JSON.stringify(packSession(raw))) as Session;
    expect(packed.cpuProfiles.every((w) => w.packed && w.profile.nodes.length === 0)).toBe(true);
    const before = sessionProfiles(raw).cpu!;
    const after = sessionProfiles(packed).cpu!;
    expect(after.windows.map((w) => w.startTime)).toEqual(before.windows.map((w) => w.startTime));
    for (const [i, window] of after.windows.entries()) {
      const model = before.windows[i]!.model;
      expect(window.model.frames).toEqual(model.frames);
      expect(window.model.nodes).toEqual(model.nodes);
      expect(window.model.roots).toEqual(model.roots);
      expect(window.model.samples).toEqual(model.samples);
      expect(window.model.durationUs).toBe(model.durationUs);
    }
    expect(after.merged.nodes).toEqual(before.merged.nodes);
  });

  it('keeps the agent known by script id in windows that name it only by id', () => {
    const packed = packSession(session());
    // The second window's agent frame has no url: its script id, seen in the first window, tells.
    const names = sessionProfiles(packed).cpu!.windows[1]!.model.frames.map((f) => f.functionName);
    expect(names).toContain('(hyperscope agent)');
    expect(names).not.toContain('tick');
  });

  it('leaves the session it packs as it was', () => {
    const raw = session();
    packSession(raw);
    expect(raw.cpuProfiles[0]!.profile.nodes).toHaveLength(5);
    expect(raw.cpuProfiles[0]!.packed).toBeUndefined();
  });
});
