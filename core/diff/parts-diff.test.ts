import { describe, expect, it } from 'vitest';
import { cpuWindow } from '../findings/test-support/cpu-windows';
import { idlePrimary, poolStarvedWorker, withSources } from '../findings/test-support/multi-source-session';
import { buildSession, TEST_START_TIME } from '../findings/test-support/session-builder';
import { profileSetOfSession } from '../import/from-session';
import type { Session } from '../session/session';
import { sessionParts } from '../session/session-parts';
import { diffInputs } from './diff-report';
import { formatDiffText } from './format-diff-text';

const withCpu = (session: Session, samples: Record<string, number>, scriptId: string): Session => ({
  ...session,
  cpuProfiles: [cpuWindow(TEST_START_TIME, samples, 0, scriptId)],
});
const worker = (n: number, pid: number, session: Session) => ({
  info: { id: `p${pid}`, kind: 'process' as const, pid, threadId: 0, label: `worker ${n} of 2` },
  session,
});

/** A primary and two workers; `starved`: the second worker's pool starves; pids change from run to run. */
function run(pid: number, starved: boolean, renderMs: number): Session {
  return withSources(withCpu(idlePrimary(10), { tick: 5 }, '1'), [
    worker(1, pid + 1, withCpu(buildSession({ snapshots: 10, seed: 3 }), { render: renderMs }, '2')),
    worker(
      2,
      pid + 2,
      withCpu(starved ? poolStarvedWorker(10) : buildSession({ snapshots: 10 }), { render: renderMs }, '3'),
    ),
  ]);
}

describe('diff of sessions of several processes', () => {
  const base = run(100, false, 200);
  const current = run(200, true, 400);
  const report = diffInputs(
    { name: 'before', set: profileSetOfSession(base) },
    { name: 'after', set: profileSetOfSession(current) },
  );

  it('compares the CPU of all parts together, the same function in every worker one row', () => {
    const cpu = report.profiles.find((p) => p.profile === 'cpu')!;
    const renders = cpu.functions.filter((f) => f.frame.functionName === 'render');
    expect(renders).toHaveLength(1);
    // Each window loses its last sample's time: (400 − 1) ms in each of the two workers.
    expect(renders[0]!.currentFlat).toBe(798_000);
  });

  it('names the worker a finding appeared in, and compares series worker with worker by label', () => {
    expect(report.findings!.appeared.map((f) => [f.kind, f.place?.label])).toEqual([
      ['pool-starvation', 'worker 2 of 2'],
    ]);
    expect([...new Set(report.series!.map((row) => row.part))]).toEqual([
      'primary (pid 4242)',
      'worker 1 of 2',
      'worker 2 of 2',
    ]);
    const queued = report.series!.find(
      (row) => row.part === 'worker 2 of 2' && row.metric === 'Peak queued requests',
    )!;
    expect(queued.current).toBe(48);
    const text = formatDiffText(report);
    expect(text).toMatch(/\+ critical +worker 2 of 2 \(pid 202\): Pool /);
    expect(text).toContain('Series of worker 1 of 2');
  });

  it('shows hostile names from a target without sending their control characters to the terminal', () => {
    const hostile = 'x\u001b]0;pwned\u0007\u001b[2J';
    const named = (session: Session) => ({
      ...session,
      sources: session.sources.map((s) => ({ ...s, info: { ...s.info, label: hostile } })),
    });
    const [a, b] = [run(1, false, 10), run(2, true, 20)].map(named);
    const renamed = (session: Session): Session => ({
      ...session,
      cpuProfiles: [cpuWindow(TEST_START_TIME, { [hostile]: 5 }, 0, '1')],
    });
    const text = formatDiffText(
      diffInputs(
        { name: 'a', set: profileSetOfSession(renamed(a!)) },
        { name: 'b', set: profileSetOfSession(renamed(b!)) },
      ),
    );
    expect(text).toContain('x\\x1b]0;pwned\\x07\\x1b[2J');
    // eslint-disable-next-line no-control-regex -- looking for control characters is the point
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
  });

  it('says which parts only one side has, and compares one part alone when given its session', () => {
    const fewer = withSources(idlePrimary(10), [worker(1, 301, buildSession({ snapshots: 10 }))]);
    const notes = diffInputs(
      { name: 'a', set: profileSetOfSession(base) },
      { name: 'b', set: profileSetOfSession(fewer) },
    ).notes;
    expect(notes).toContain('series: worker 2 of 2 only in a');
    const [, , starved] = sessionParts(current);
    const [, , healthy] = sessionParts(base);
    const alone = diffInputs(
      { name: 'a', set: profileSetOfSession(healthy!.session) },
      { name: 'b', set: profileSetOfSession(starved!.session) },
    );
    expect(alone.findings!.appeared.map((f) => [f.kind, f.place])).toEqual([['pool-starvation', undefined]]);
    expect(alone.series!.every((row) => row.part === undefined)).toBe(true);
  });
});
