import { describe, expect, it } from 'vitest';
import { analyzeParts } from './analyze-parts';
import { analyzeSession } from './analyze-session';
import { idlePrimary, poolStarvedWorker, withSources } from './test-support/multi-source-session';
import { buildSession } from './test-support/session-builder';

const cluster = () =>
  withSources(idlePrimary(10), [
    {
      info: { id: 'p4243', kind: 'process', pid: 4243, threadId: 0, label: 'worker 1 of 2' },
      session: buildSession({ snapshots: 10, seed: 3 }),
    },
    {
      info: { id: 'p4244', kind: 'process', pid: 4244, threadId: 0, label: 'worker 2 of 2' },
      session: poolStarvedWorker(10),
    },
  ]);

describe('analyzeParts', () => {
  it('places a starved pool on the worker it starves, beside an idle primary that has none', () => {
    const session = cluster();
    expect(analyzeSession(session)).toEqual([]);
    const findings = analyzeParts(session);
    expect(findings.map((f) => [f.kind, f.place])).toEqual([
      ['pool-starvation', { part: 'p4244', label: 'worker 2 of 2', pid: 4244, threadId: 0 }],
    ]);
  });

  it('gives a one-process session exactly its findings, unplaced', () => {
    const session = poolStarvedWorker(10);
    const findings = analyzeParts(session);
    expect(findings.map((f) => f.kind)).toEqual(['pool-starvation']);
    expect(findings[0]!.place).toBeUndefined();
  });

  it('hands each part its own context', () => {
    const seen: string[] = [];
    analyzeParts(cluster(), (part) => {
      seen.push(part.id);
      return {};
    });
    expect(seen).toEqual(['main', 'p4243', 'p4244']);
  });
});
