// Ring recordings from the app: `startRecording({ringMs})` reaches the recorder, the state says so, and
// `saveRing` writes the ring while the recording goes on — refused for a recording that keeps everything.
import { describe, expect, it } from 'vitest';
import { createBackend } from './backend';
import { fakePorts } from './test-support/fake-ports';

describe('createBackend, ring recordings', () => {
  it('starts a ring recording, saves its ring while it goes on, and forgets the ring when stopped', async () => {
    const backend = createBackend(fakePorts().ports);
    await expect(backend.handlers.saveRing(undefined)).rejects.toThrow('not recording');
    await backend.handlers.attach({ kind: 'demo', scenario: 'healthy' });
    const state = await backend.handlers.startRecording({ ringMs: 600_000 });
    expect(state).toMatchObject({ phase: 'recording', ringMs: 600_000 });
    await expect(backend.handlers.saveRing(undefined)).resolves.toEqual({
      path: '/recorded-1.hyperscope',
      keptFrom: 1000,
      keptMs: 600_000,
      bytes: 2048,
    });
    expect((await backend.handlers.saveRing(undefined)).path).toBe('/recorded-2.hyperscope');
    expect((await backend.handlers.getState(undefined)).recording.phase).toBe('recording');
    await backend.handlers.stopRecording(undefined);
    expect((await backend.handlers.getState(undefined)).recording).toMatchObject({
      phase: 'attached',
      ringMs: null,
    });
    await expect(backend.handlers.saveRing(undefined)).rejects.toThrow('not recording');
  });

  it('refuses to save the ring of a recording that keeps everything', async () => {
    const backend = createBackend(fakePorts().ports);
    await backend.handlers.attach({ kind: 'pid', pid: 5 });
    expect(await backend.handlers.startRecording({})).toMatchObject({ ringMs: null });
    await expect(backend.handlers.saveRing(undefined)).rejects.toThrow('this recording keeps everything');
  });
});
