import { describe, expect, it } from 'vitest';
import type { BackendState, OpenedSession, RecordingState } from '../../core/bridge/contract';
import { analyzeParts } from '../../core/findings/analyze-parts';
import type { Finding } from '../../core/findings/finding';
import {
  idlePrimary,
  poolStarvedWorker,
  withSources,
} from '../../core/findings/test-support/multi-source-session';
import { fakeApi } from '../test-support/fake-api';
import { combinedProfilesOf, profilesOf } from '../view-models/profile-models';
import { IDLE_RECORDING } from './live-slice';
import {
  selectAllParts,
  selectFindings,
  selectPart,
  selectParts,
  selectProfiles,
  selectSnapshots,
} from './selectors';
import { createAppStore } from './store';

const worker = { id: 'p4244', kind: 'process', pid: 4244, threadId: 0, label: 'worker 1 of 1' } as const;

function clusterSession(): OpenedSession {
  const session = withSources(idlePrimary(8), [{ info: worker, session: poolStarvedWorker(8) }]);
  return {
    path: '/cluster.hyperscope',
    name: 'cluster.hyperscope',
    session,
    findings: analyzeParts(session),
  };
}

const state = (over: Partial<BackendState> = {}): BackendState => ({
  info: { mode: 'browser', version: 'test', nativeDialogs: false },
  recording: IDLE_RECORDING,
  session: null,
  ...over,
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the app store with several processes', () => {
  it('shows all parts of an opened session, then the one picked: its snapshots, findings and profiles', async () => {
    const opened = clusterSession();
    const store = createAppStore(fakeApi({ getState: () => state({ session: opened }) }).api);
    await settle();
    const s = () => store.getState();
    expect(selectParts(s()).map((p) => p.id)).toEqual(['main', 'p4244']);
    expect(selectAllParts(s())).toBe(true);
    expect(selectFindings(s())).toBe(opened.findings);
    expect(selectProfiles(s())).toBe(combinedProfilesOf(opened.session));

    store.getState().selectFinding(0);
    store.getState().choosePart('p4244');
    expect(selectAllParts(s())).toBe(false);
    expect(s().selectedFinding).toBeNull();
    expect(selectSnapshots(s())).toBe(opened.session.sources[0]!.snapshots);
    expect(selectFindings(s()).map((f) => f.place?.label)).toEqual(['worker 1 of 1']);
    expect(selectFindings(s())).toBe(selectFindings(s()));
    expect(selectProfiles(s())).toBe(profilesOf(selectPart(s())!.session!));

    store.getState().choosePart('main');
    expect(selectFindings(s())).toEqual([]);
    expect(selectSnapshots(s())).toBe(opened.session.snapshots);
  });

  it('lists a live recording’s sources with their snapshots and keeps the part picked when it stops', async () => {
    const opened = clusterSession();
    const fake = fakeApi({
      getState: () => state(),
      startRecording: () => ({ ...IDLE_RECORDING, phase: 'recording', startedAt: 1 }),
      stopRecording: () => opened,
    });
    const store = createAppStore(fake.api);
    await store.getState().startRecording();
    const recording: RecordingState = {
      ...IDLE_RECORDING,
      phase: 'recording',
      startedAt: 1,
      target: { pid: 4242, nodeVersion: 'v20', label: 'pid 4242', attachedBy: 'pid' },
      sources: [{ ...worker, ended: null }],
    };
    fake.emit('recordingState', recording);
    const [snapshot] = opened.session.sources[0]!.snapshots;
    fake.emit('sourceSnapshot', { source: 'p4244', snapshot: snapshot! });
    fake.emit('sourceSnapshot', { source: 'p4244', snapshot: snapshot! });
    const s = () => store.getState();
    expect(selectParts(s()).map((p) => [p.label, p.snapshots.length])).toEqual([
      ['primary (pid 4242)', 0],
      ['worker 1 of 1', 2],
    ]);
    expect(selectParts(s())).toBe(selectParts(s()));

    // The same problem in the target and in a worker is two findings; reported again, one each.
    const finding = opened.findings[0]!;
    const unplaced: Finding = { ...finding, place: undefined };
    for (const f of [finding, unplaced, finding]) fake.emit('finding', f);
    expect(selectFindings(s())).toHaveLength(2);
    store.getState().choosePart('p4244');
    expect(selectFindings(s())).toEqual([finding]);

    fake.emit('recordingState', { ...IDLE_RECORDING, phase: 'attached' });
    await store.getState().stopRecording();
    expect(s().opened?.name).toBe('cluster.hyperscope');
    expect(selectPart(s())?.label).toBe('worker 1 of 1');
  });
});
