import { describe, expect, it } from 'vitest';
import { analyzeParts } from '../../core/findings/analyze-parts';
import { cpuWindow } from '../../core/findings/test-support/cpu-windows';
import {
  idlePrimary,
  poolStarvedWorker,
  withSources,
} from '../../core/findings/test-support/multi-source-session';
import { buildSession, TEST_START_TIME } from '../../core/findings/test-support/session-builder';
import type { Session } from '../../core/session/session';
import { busiestChainsPart } from './chains-part';
import { networkTables } from './network-of-parts';
import { findingPlace, findingsOfPart, partChoices, placeText } from './part-picker';
import { chartsByPart, overviewTable, pointsOfParts } from './parts-overview';
import { rowsByPart } from './parts-series';
import { combinedProfilesOf, profilesOf, windowsNote } from './profile-models';
import { partsOfLive, partsOfSession } from './session-part-list';

/** An idle primary, a healthy worker that exited at 6 s, and a worker whose pool starves; CPU in each. */
function cluster(): Session {
  const withCpu = (session: Session, name: string, scriptId: string): Session => ({
    ...session,
    cpuProfiles: [cpuWindow(TEST_START_TIME, { [name]: 30, shared: 10 }, 5, scriptId)],
  });
  return withSources(withCpu(idlePrimary(10), 'acceptLoop', '3'), [
    {
      info: { id: 'p4243', kind: 'process', pid: 4243, threadId: 0, label: 'worker 1 of 2' },
      session: withCpu(buildSession({ snapshots: 6, seed: 3 }), 'renderPage', '11'),
      end: { time: TEST_START_TIME + 6000, reason: 'exited' },
    },
    {
      info: { id: 'p4244', kind: 'process', pid: 4244, threadId: 0, label: 'worker 2 of 2' },
      session: withCpu(poolStarvedWorker(10), 'fetchStock', '12'),
    },
  ]);
}

describe('the process/thread picker', () => {
  it('offers all, then every part with its pid, its findings and whether it ended early', () => {
    const session = cluster();
    const parts = partsOfSession(session);
    expect(partsOfSession(session)).toBe(parts);
    const choices = partChoices(parts, analyzeParts(session), null, TEST_START_TIME);
    expect(choices.map((c) => [c.label, c.detail, c.critical + c.warning, c.ended, c.selected])).toEqual([
      ['All (combined)', '3 processes', 1, null, true],
      ['primary (pid 4242)', '', 0, null, false],
      ['worker 1 of 2', 'pid 4243', 0, 'exited at 6s', false],
      ['worker 2 of 2', 'pid 4244', 1, null, false],
    ]);
    expect(partChoices(parts, [], 'p4244', TEST_START_TIME).find((c) => c.selected)?.id).toBe('p4244');
    // A part the session does not have (another file's) falls back to all.
    expect(partChoices(parts, [], 'p1', TEST_START_TIME)[0]?.selected).toBe(true);
  });

  it('stays out of the way of a one-process session', () => {
    const session = poolStarvedWorker(6);
    expect(partChoices(partsOfSession(session), analyzeParts(session), null, 0)).toEqual([]);
  });

  it('filters findings by part and says where each happened', () => {
    const session = cluster();
    const findings = analyzeParts(session);
    const parts = partsOfSession(session);
    expect(findingsOfPart(findings, 'p4244').map((f) => f.kind)).toEqual(['pool-starvation']);
    expect(findingsOfPart(findings, 'main')).toEqual([]);
    expect(findingsOfPart(findings, null)).toEqual(findings);
    expect(placeText(findingPlace(findings[0]!, parts)!)).toBe('worker 2 of 2 · pid 4244');
    // A live finding of the target comes unplaced: it is the first part's.
    const unplaced = { ...findings[0]!, place: undefined };
    expect(placeText(findingPlace(unplaced, parts)!)).toBe('primary (pid 4242)');
    expect(findingPlace(unplaced, parts.slice(0, 1))).toBeNull();
    expect(placeText({ part: 'p1.t2', label: 'thread 2 (resize.js)', pid: 1, threadId: 2 })).toBe(
      'thread 2 (resize.js) · pid 1 · thread 2',
    );
  });

  it('lists a live recording’s target and sources, snapshots by source', () => {
    const snapshot = buildSession({ snapshots: 1 }).snapshots[0]!;
    const parts = partsOfLive(
      4242,
      [snapshot],
      [
        {
          id: 'p4242.t1',
          kind: 'thread',
          pid: 4242,
          threadId: 1,
          label: 'thread 1 (resize.js)',
          ended: null,
        },
      ],
      { 'p4242.t1': [snapshot, snapshot] },
    );
    expect(parts.map((p) => [p.id, p.label, p.snapshots.length])).toEqual([
      ['main', 'main thread (pid 4242)', 1],
      ['p4242.t1', 'thread 1 (resize.js)', 2],
    ]);
    const choices = partChoices(parts, [], null, 0);
    expect(choices.map((c) => [c.icon, c.detail])).toEqual([
      ['layers', '1 process, 1 thread'],
      ['server-process', ''],
      ['git-commit', 'pid 4242 · thread 1'],
    ]);
  });
});

describe('what the views show for all parts', () => {
  it('puts every part in the overview table, the starving worker’s queue alarming', () => {
    const session = cluster();
    const byPart = pointsOfParts(partsOfSession(session), TEST_START_TIME);
    const table = overviewTable(byPart, analyzeParts(session));
    const queued = table.columns.indexOf('Requests queued for a socket');
    expect(queued).toBeGreaterThanOrEqual(0);
    expect(table.rows.map((r) => [r.label, r.critical, r.figures[queued]?.peakAlarming])).toEqual([
      ['primary (pid 4242)', 0, false],
      ['worker 1 of 2', 0, false],
      ['worker 2 of 2', 1, true],
    ]);
    expect(table.rows[2]!.figures[queued]!.peak).toBe(48);
    expect(table.rows[1]!.ended).toEqual({ time: TEST_START_TIME + 6000, reason: 'exited' });
  });

  it('draws one line per part, their points on shared rows', () => {
    const byPart = pointsOfParts(partsOfSession(cluster()), TEST_START_TIME);
    const charts = chartsByPart(byPart, 1);
    const queued = charts.find((c) => c.title === 'Requests queued for a socket, by process')!;
    expect(queued.series.map((s) => s.name)).toEqual([
      'primary (pid 4242)',
      'worker 1 of 2',
      'worker 2 of 2',
    ]);
    expect(queued.rows).toHaveLength(10);
    expect(queued.rows[9]).toEqual({ t: 10, main: 0, p4244: 48 });
    expect(
      rowsByPart(
        [
          {
            id: 'a',
            label: 'a',
            points: [
              { t: 0.96, v: 1 },
              { t: 1.9, v: null },
            ],
          },
        ],
        1,
      ),
    ).toEqual([{ t: 1, a: 1 }]);
  });

  it('merges the CPU of every part, the same function of two workers one stack', () => {
    const session = cluster();
    const [main, , starved] = partsOfSession(session);
    const combined = combinedProfilesOf(session);
    expect(combinedProfilesOf(session)).toBe(combined);
    const names = (set: typeof combined) =>
      set.cpu!.frames.filter((f) => f.category === 'code').map((f) => f.functionName);
    expect(new Set(names(combined))).toEqual(
      new Set(['handleRequest', 'acceptLoop', 'shared', 'renderPage', 'fetchStock']),
    );
    expect(names(combined).filter((n) => n === 'shared')).toHaveLength(1);
    expect(names(profilesOf(starved!.session!))).toEqual(['handleRequest', 'fetchStock', 'shared']);
    expect(windowsNote([main!.session!], 'cpu')).toBe('1 window merged');
    expect(windowsNote([main!.session!, starved!.session!], 'cpu', '2 processes')).toBe(
      '2 windows of 2 processes merged',
    );
  });

  it('lists the pools of every part, the starving worker’s first, and says whose they are', () => {
    const parts = partsOfSession(cluster());
    const tables = networkTables(
      parts.map(({ label, snapshots }) => ({ label, snapshots })),
      TEST_START_TIME,
    );
    expect(tables.several).toBe(true);
    expect(tables.pools[0]).toMatchObject({ part: 'worker 2 of 2', peakQueued: 48 });
    expect(tables.poolSeries[0]?.part).toBe('worker 2 of 2');
    expect(new Set(tables.peers.map((p) => p.part))).toEqual(new Set(['worker 1 of 2', 'worker 2 of 2']));
    const one = networkTables([{ label: null, snapshots: parts[2]!.snapshots }], TEST_START_TIME);
    expect(one.several).toBe(false);
    expect(one.pools.every((p) => p.part === null)).toBe(true);
  });

  it('shows the chains of the part with the most pending', () => {
    const parts = partsOfSession(cluster());
    expect(busiestChainsPart(parts)?.id).toBe('main');
    const withChains = parts.map((part, i) =>
      i === 2
        ? {
            ...part,
            snapshots: part.snapshots.map((s) => ({
              ...s,
              extensions: { promises: { groups: [], counts: {}, chains: 12 } },
            })),
          }
        : part,
    );
    expect(busiestChainsPart(withChains)?.label).toBe('worker 2 of 2');
  });
});
