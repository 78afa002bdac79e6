import * as perfHooks from 'node:perf_hooks';
import * as realV8 from 'node:v8';
import { describe, expect, it } from 'vitest';
import type { AgentHeapWindow } from '../../core/agent-protocol';
import type { Builtins } from '../builtins';
import type { Collector, CollectorContext } from '../collector';
import { createHeapProfileCollector } from './heap-profile-collector';

/**
 * Node 26's `v8.startHeapProfile` stood in for (the suite runs on Node 20): it counts the profiles open
 * and hands back an empty profile; V8's allocated-bytes counter advances 1 MiB per read.
 */
function fakeV8() {
  let open = 0;
  let allocated = 0;
  const v8 = {
    ...realV8,
    getHeapStatistics: () => ({
      ...realV8.getHeapStatistics(),
      total_allocated_bytes: (allocated += 1 << 20),
    }),
    startHeapProfile: (options: { sampleInterval: number }) => {
      if (open > 0) throw new Error('V8 has one sampling heap profiler');
      open++;
      expect(options).toMatchObject({
        includeObjectsCollectedByMajorGC: true,
        includeObjectsCollectedByMinorGC: true,
      });
      return { stop: () => (open--, '{"head":{},"samples":[]}') };
    },
  };
  return { v8, open: () => open };
}

function started(v8: unknown): Collector {
  const context: CollectorContext = {
    builtins: { v8, perf_hooks: perfHooks } as unknown as Builtins,
    options: {},
    drop: () => undefined,
    isAgentWork: () => false,
  };
  const collector = createHeapProfileCollector();
  collector.start(context);
  return collector;
}

describe('the heap-profile collector', () => {
  it('is not available where v8.startHeapProfile is missing (Node 20–24)', () => {
    const collector = started(realV8);
    expect(collector.methods!.available!(undefined)).toBe(false);
    expect(() => collector.methods!.start!({ samplingInterval: 524288, owner: 'a' })).toThrow(
      /not available/,
    );
  });

  it('hands over windows to the recording that started it, refuses another, and lets the same one restart', () => {
    const { v8, open } = fakeV8();
    const collector = started(v8);
    const { methods } = collector;
    expect(methods!.available!(undefined)).toBe(true);
    expect(methods!.start!({ samplingInterval: 524288, owner: 'a' })).toBe(true);
    expect(() => methods!.start!({ samplingInterval: 524288, owner: 'b' })).toThrow(/another recording/);
    // The same recording, reconnected, starts again: one profile open, not two.
    expect(methods!.start!({ samplingInterval: 524288, owner: 'a' })).toBe(true);
    expect(open()).toBe(1);
    const window = methods!.rotate!(undefined) as AgentHeapWindow;
    expect(window).toMatchObject({ owner: 'a', samplingInterval: 524288, fullGcs: [] });
    expect(window.profile).toBe('{"head":{},"samples":[]}');
    expect(window.endTime).toBeGreaterThanOrEqual(window.startTime);
    expect(open()).toBe(1);
    expect(methods!.fullGcs!(undefined)).toBe(0);
    methods!.stop!(undefined);
    expect(open()).toBe(0);
    expect(methods!.start!({ samplingInterval: 524288, owner: 'b' })).toBe(true);
    collector.stop(); // the agent's detach: nothing left running
    expect(open()).toBe(0);
  });
});
