import { describe, expect, it } from 'vitest';
import type { AttachedTarget, BackendState, OpenedSession, RecordingState } from '../../core/bridge/contract';
import { buildSession } from '../../core/findings/test-support/session-builder';
import type { Finding } from '../../core/findings/finding';
import { fakeApi } from '../test-support/fake-api';
import { IDLE_RECORDING, MAX_LIVE_SNAPSHOTS } from './live-slice';
import { chartMarks } from '../view-models/chart-marks';
import { selectFindings, selectIsLive, selectMarks, selectSnapshots, selectStartTime } from './selectors';
import { createAppStore } from './store';

const info = { mode: 'browser', version: 'test', nativeDialogs: false } as const;
const state = (over: Partial<BackendState> = {}): BackendState => ({
  info,
  recording: IDLE_RECORDING,
  session: null,
  ...over,
});
const opened = (name: string): OpenedSession => ({
  path: `/${name}`,
  name,
  session: buildSession({ snapshots: 4 }),
  findings: [],
});
const finding = (title: string, severity: Finding['severity'] = 'warning'): Finding => ({
  kind: 'pool-starvation',
  severity,
  title,
  evidence: { summary: '', values: {}, series: [] },
  frames: [],
  advice: '',
});
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('app store', () => {
  it('shows the session the backend has at start, on the dashboard', async () => {
    const store = createAppStore(
      fakeApi({ getState: () => state({ session: opened('start.hyperscope') }) }).api,
    );
    await settle();
    expect(store.getState().opened?.name).toBe('start.hyperscope');
    expect(store.getState().view).toBe('dashboard');
    expect(selectSnapshots(store.getState())).toHaveLength(4);
  });

  it('keeps an open error in place and clears it on the next success', async () => {
    let fail = true;
    const fake = fakeApi({
      getState: () => state(),
      openSession: () => {
        if (fail) throw new Error('x.hyperscope: line 3 is not JSON');
        return opened('x.hyperscope');
      },
    });
    const store = createAppStore(fake.api);
    await store.getState().openSession({ kind: 'path', path: '/x.hyperscope' });
    expect(store.getState()).toMatchObject({
      sessionStatus: 'error',
      sessionError: 'x.hyperscope: line 3 is not JSON',
      opened: null,
    });
    fail = false;
    await store.getState().openSession({ kind: 'path', path: '/x.hyperscope' });
    expect(store.getState()).toMatchObject({ sessionStatus: 'idle', sessionError: null });
    expect(fake.calls.filter((c) => c.channel === 'openSession')).toHaveLength(2);
  });

  it('streams live snapshots while recording, bounded, and prefers them over the open session', async () => {
    const fake = fakeApi({ getState: () => state({ session: opened('old') }) });
    const store = createAppStore(fake.api);
    await settle();
    const recording: RecordingState = { ...IDLE_RECORDING, phase: 'recording', startedAt: 1 };
    fake.emit('recordingState', recording);
    expect(selectIsLive(store.getState())).toBe(true);
    const snapshot = buildSession({ snapshots: 1 }).snapshots[0]!;
    for (let i = 0; i < MAX_LIVE_SNAPSHOTS + 5; i++) fake.emit('snapshot', { ...snapshot, time: i });
    const live = selectSnapshots(store.getState());
    expect(live).toHaveLength(MAX_LIVE_SNAPSHOTS);
    expect(live[0]?.time).toBe(5);
  });

  it('shows the marks set while recording, then those of the session the recording became', async () => {
    let now = 10_000;
    const recordedSession = opened('recorded');
    recordedSession.session.marks = [{ type: 'mark', time: 12_500, label: 'from the file' }];
    const fake = fakeApi({
      getState: () => state(),
      startRecording: () => ({ ...IDLE_RECORDING, phase: 'recording', startedAt: 10_000 }),
      mark: (request) => ({ type: 'mark', time: (now += 1500), label: (request as { label: string }).label }),
      stopRecording: () => recordedSession,
    });
    const store = createAppStore(fake.api);
    await store.getState().startRecording();
    await store.getState().mark('deploy');
    await store.getState().mark('rollback');
    const live = store.getState();
    expect(chartMarks(selectMarks(live), selectStartTime(live))).toEqual([
      { t: 1.5, label: 'deploy' },
      { t: 3, label: 'rollback' },
    ]);
    fake.emit('recordingState', IDLE_RECORDING);
    await store.getState().stopRecording();
    expect(selectMarks(store.getState()).map((m) => m.label)).toEqual(['from the file']);
    await store.getState().startRecording();
    expect(store.getState().liveMarks).toEqual([]);
  });

  it('replaces a live finding reported again with its fresher version', async () => {
    const fake = fakeApi({ getState: () => state() });
    const store = createAppStore(fake.api);
    fake.emit('recordingState', { ...IDLE_RECORDING, phase: 'recording' });
    fake.emit('finding', finding('Pool A starved: up to 3 requests queued'));
    fake.emit('finding', finding('Pool A starved: up to 30 requests queued', 'critical'));
    fake.emit('finding', finding('Pool B starved'));
    expect(selectFindings(store.getState()).map((f) => f.title)).toEqual([
      'Pool A starved: up to 30 requests queued',
      'Pool B starved',
    ]);
  });

  it('attaches then records and shows the dashboard; a failed attach stays in the Attach view', async () => {
    const fake = fakeApi({
      getState: () => state(),
      attach: (target) => {
        if ((target as { pid?: number }).pid === 1) throw new Error('pid 1 is not a Node process');
        return { pid: 5, nodeVersion: 'v20', label: 'pid 5', attachedBy: 'pid' };
      },
      startRecording: () => ({ ...IDLE_RECORDING, phase: 'recording' }),
    });
    const store = createAppStore(fake.api);
    expect(await store.getState().attach({ kind: 'pid', pid: 1 })).toBe(false);
    expect(store.getState()).toMatchObject({
      attachError: 'pid 1 is not a Node process',
      view: 'attach',
      attaching: false,
    });
    expect(await store.getState().attach({ kind: 'pid', pid: 5 })).toBe(true);
    expect(store.getState()).toMatchObject({ attachError: null, view: 'dashboard' });
    expect(fake.calls.map((c) => c.channel)).toContain('startRecording');
  });

  it('clears a failed launch from the header when the user moves on or attaches again', async () => {
    let finishAttach = (_target: AttachedTarget): void => undefined;
    const fake = fakeApi({
      getState: () => state(),
      attach: (target) => {
        if ((target as { command: string[] }).command[1] !== 'missing.js')
          return new Promise((resolve) => (finishAttach = resolve));
        const failure = 'launch failed: node exited (1) before its inspector opened';
        fake.emit('recordingState', { ...IDLE_RECORDING, error: failure });
        throw new Error(failure);
      },
      startRecording: () => ({ ...IDLE_RECORDING, phase: 'recording' }),
    });
    const store = createAppStore(fake.api);
    await store.getState().attach({ kind: 'launch', command: ['node', 'missing.js'] });
    expect(store.getState().liveError).toMatch(/launch failed/);
    store.getState().setView('sessions');
    expect(store.getState().liveError).toBeNull();
    await store.getState().attach({ kind: 'launch', command: ['node', 'missing.js'] });
    expect(store.getState().liveError).toMatch(/launch failed/);
    const attaching = store.getState().attach({ kind: 'launch', command: ['node', 'other.js'] });
    expect(store.getState()).toMatchObject({ attaching: true, liveError: null });
    finishAttach({ pid: 5, nodeVersion: 'v20', label: 'node other.js', attachedBy: 'launch' });
    expect(await attaching).toBe(true);
  });

  it('keeps why a recording ended by itself when its session opens', async () => {
    const fake = fakeApi({ getState: () => state() });
    const store = createAppStore(fake.api);
    await settle();
    fake.emit('recordingState', { ...IDLE_RECORDING, error: 'the target exited (code 1)' });
    fake.emit('sessionOpened', opened('ended.hyperscope'));
    expect(store.getState()).toMatchObject({ view: 'dashboard', liveError: 'the target exited (code 1)' });
  });

  it('shows an opened session from Attach, but leaves a user elsewhere where they are', async () => {
    const fake = fakeApi({ getState: () => state() });
    const store = createAppStore(fake.api);
    await settle();
    fake.emit('sessionOpened', opened('first.hyperscope'));
    expect(store.getState().view).toBe('dashboard');
    store.getState().setView('findings');
    fake.emit('sessionOpened', opened('stopped.hyperscope'));
    expect(store.getState()).toMatchObject({ view: 'findings', opened: { name: 'stopped.hyperscope' } });
  });

  it('follows menu commands', async () => {
    const fake = fakeApi({ getState: () => state() });
    const store = createAppStore(fake.api);
    fake.emit('menuCommand', 'view:cpu');
    expect(store.getState().view).toBe('cpu');
    fake.emit('menuCommand', 'view:nonsense');
    expect(store.getState().view).toBe('cpu');
    fake.emit('menuCommand', 'diff');
    expect(store.getState().view).toBe('sessions');
  });
});
