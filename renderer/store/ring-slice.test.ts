// The ring choice reaches `startRecording` (and a bad one stops an attach before it starts); saving the
// ring keeps the path to show, and opening it shows the file in the Sessions view.
import { describe, expect, it } from 'vitest';
import type { BackendState, OpenedSession, RecordingState, SavedRing } from '../../core/bridge/contract';
import { IDLE_RECORDING } from '../../core/bridge/contract';
import { buildSession } from '../../core/findings/test-support/session-builder';
import { fakeApi } from '../test-support/fake-api';
import { createAppStore } from './store';

const backendState: BackendState = {
  info: { mode: 'browser', version: 'test', nativeDialogs: false },
  recording: IDLE_RECORDING,
  session: null,
};
const recording = (ringMs: number | null): RecordingState => ({
  ...IDLE_RECORDING,
  phase: 'recording',
  startedAt: 1,
  path: '/rec.hyperscope',
  ringMs,
});
const saved: SavedRing = { path: '/rec-20261207-153012.hyperscope', keptFrom: 1, keptMs: 3000, bytes: 4096 };
const opened: OpenedSession = {
  path: saved.path,
  name: 'rec-20261207-153012.hyperscope',
  session: buildSession({ snapshots: 3 }),
  findings: [],
};

function world(saveRing: () => SavedRing = () => saved) {
  const fake = fakeApi({
    getState: () => backendState,
    attach: () => ({ pid: 9, nodeVersion: 'v22.0.0', label: 'demo: healthy', attachedBy: 'demo' }),
    startRecording: (request) => recording((request as { ringMs?: number }).ringMs ?? null),
    saveRing,
    openSession: () => opened,
  });
  return { fake, store: createAppStore(fake.api) };
}
const requests = (fake: ReturnType<typeof fakeApi>, channel: string) =>
  fake.calls.filter((call) => call.channel === channel).map((call) => call.request);

describe('ring recordings in the store', () => {
  it('records everything unless the choice is on, then asks for the ring in ms', async () => {
    const { fake, store } = world();
    await store.getState().attach({ kind: 'demo', scenario: 'healthy' });
    store.getState().setRingChoice({ on: true, minutes: '2' });
    await store.getState().startRecording();
    expect(requests(fake, 'startRecording')).toEqual([{}, { ringMs: 120_000 }]);
    expect(store.getState().recording.ringMs).toBe(120_000);
  });

  it('refuses a ring under 10 s before attaching anything', async () => {
    const { fake, store } = world();
    store.getState().setRingChoice({ on: true, minutes: '0.1' });
    await expect(store.getState().attach({ kind: 'demo', scenario: 'healthy' })).resolves.toBe(false);
    expect(store.getState().attachError).toBe('Keep at least 10 s (0.17 minutes)');
    expect(requests(fake, 'attach')).toEqual([]);
  });

  it('saves the ring, keeps what was saved, and opens it in the Sessions view', async () => {
    const { fake, store } = world();
    store.getState().setRingChoice({ on: true, minutes: '10' });
    await store.getState().attach({ kind: 'demo', scenario: 'healthy' });
    await store.getState().saveRing();
    expect(store.getState().ringSaves).toEqual({ saving: false, saved, error: null });
    await store.getState().openSavedRing();
    expect(requests(fake, 'openSession')).toEqual([{ kind: 'path', path: saved.path }]);
    expect(store.getState().view).toBe('sessions');
    expect(store.getState().opened?.path).toBe(saved.path);
    // A new recording starts with no save of its own.
    await store.getState().startRecording();
    expect(store.getState().ringSaves.saved).toBeNull();
  });

  it('keeps the last saved file when a later save fails, with the reason', async () => {
    let fail = false;
    const { store } = world(() => {
      if (fail) throw new Error('could not save the ring to /rec-2.hyperscope: disk full');
      return saved;
    });
    await store.getState().saveRing();
    fail = true;
    await store.getState().saveRing();
    expect(store.getState().ringSaves).toEqual({
      saving: false,
      saved,
      error: 'could not save the ring to /rec-2.hyperscope: disk full',
    });
    store.getState().dismissRingSave();
    expect(store.getState().ringSaves.saved).toBeNull();
  });
});
