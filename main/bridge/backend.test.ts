import { describe, expect, it } from 'vitest';
import type { EventChannel, LiveSource } from '../../core/bridge/contract';
import {
  idlePrimary,
  poolStarvedWorker,
  withSources,
} from '../../core/findings/test-support/multi-source-session';
import { buildSession } from '../../core/findings/test-support/session-builder';
import { fixtureRecords } from '../../test/e2e/session-fixture';
import { createBackend } from './backend';
import { FAKE_CHAIN, fakePorts } from './test-support/fake-ports';

const fixtureText = fixtureRecords()
  .map((r) => JSON.stringify(r) + '\n')
  .join('');

describe('createBackend', () => {
  it('opens a session from contents with its findings, and saves it back as a download', async () => {
    const backend = createBackend(fakePorts().ports);
    const opened = await backend.handlers.openSession({
      kind: 'contents',
      name: 'fixture.hyperscope',
      text: fixtureText,
    });
    expect(opened.path).toBeNull();
    expect(opened.session.snapshots).toHaveLength(40);
    expect(opened.findings.map((f) => f.kind)).toContain('pool-starvation');
    expect((await backend.handlers.getState(undefined)).session?.name).toBe('fixture.hyperscope');
    const saved = await backend.handlers.saveSession({});
    expect(saved.kind).toBe('download');
    if (saved.kind === 'download') expect(Buffer.from(saved.base64, 'base64').toString()).toBe(fixtureText);
  });

  it('fetches a chain from the live recording only', async () => {
    const backend = createBackend(fakePorts().ports);
    await expect(backend.handlers.getChain({ groupId: 'g1' })).rejects.toThrow('none is running');
    await backend.handlers.attach({ kind: 'demo', scenario: 'healthy' });
    await expect(backend.handlers.getChain({ groupId: 'g1' })).rejects.toThrow('none is running');
    await backend.handlers.startRecording({});
    expect(await backend.handlers.getChain({ groupId: 'g1' })).toEqual(FAKE_CHAIN);
    expect(await backend.handlers.getChain({ groupId: 'settled' })).toBeNull();
    await backend.handlers.stopRecording(undefined);
    await expect(backend.handlers.getChain({ groupId: 'g1' })).rejects.toThrow('none is running');
  });

  it('exports one process of a session of several, named in the file name', async () => {
    const world = fakePorts();
    const backend = createBackend(world.ports);
    const session = withSources(idlePrimary(3), [
      {
        info: { id: 'p4243', kind: 'process', pid: 4243, threadId: 0, label: 'worker 1 of 1' },
        session: poolStarvedWorker(3),
      },
    ]);
    const text = [
      session.header,
      session.sources[0]!.info,
      ...session.sources[0]!.snapshots.map((snapshot) => ({ type: 'snapshot', source: 'p4243', snapshot })),
    ]
      .map((r) => JSON.stringify(r) + '\n')
      .join('');
    await backend.handlers.openSession({ kind: 'contents', name: 'cluster.hyperscope', text });
    const exported: { name: string; pid: number }[] = [];
    world.ports.exportSession = (s, name) => {
      exported.push({ name, pid: s.header.target.pid });
      return { fileName: name, mimeType: 'text/plain', bytes: new Uint8Array() };
    };
    await backend.handlers.exportSession({ format: 'folded', part: 'p4243' });
    await backend.handlers.exportSession({ format: 'folded' });
    expect(exported).toEqual([
      { name: 'cluster-p4243.hyperscope', pid: 4243 },
      { name: 'cluster.hyperscope', pid: 4242 },
    ]);
    await expect(backend.handlers.exportSession({ format: 'folded', part: 'p1' })).rejects.toThrow(
      'no process or thread p1 in cluster.hyperscope',
    );
  });

  it('says which file cannot be opened', async () => {
    const backend = createBackend(fakePorts().ports);
    await expect(backend.handlers.openSession({ kind: 'path', path: '/missing' })).rejects.toThrow(
      '/missing: no such file',
    );
    await expect(backend.handlers.saveSession({})).rejects.toThrow('no session is open');
  });

  it('attaches, records, streams snapshots and states, and opens the recording when stopped', async () => {
    const world = fakePorts();
    const backend = createBackend(world.ports);
    const events: EventChannel[] = [];
    backend.subscribe((event) => events.push(event));
    await expect(backend.handlers.startRecording({})).rejects.toThrow('attach to a process first');
    await backend.handlers.attach({ kind: 'demo', scenario: 'healthy' });
    const state = await backend.handlers.startRecording({ intervalMs: 500 });
    expect(state).toMatchObject({ phase: 'recording', path: '/recorded.hyperscope' });
    world.emitSnapshot(buildSession({ snapshots: 1 }).snapshots[0]!);
    expect((await backend.handlers.getState(undefined)).recording.snapshotCount).toBe(1);
    const opened = await backend.handlers.stopRecording(undefined);
    expect(opened.path).toBe('/recorded.hyperscope');
    expect(events).toEqual([
      'recordingState', // attaching
      'recordingState', // attached
      'recordingState', // recording
      'snapshot',
      'recordingState', // stopping
      'recordingState', // attached again
      'sessionOpened',
    ]);
    await backend.handlers.detach(undefined);
    expect(world.detached).toBe(1);
  });

  it('lists the other processes a recording records and streams their snapshots, then forgets them', async () => {
    const world = fakePorts();
    const backend = createBackend(world.ports);
    const pushed: unknown[] = [];
    backend.subscribe((event, payload) => {
      if (event === 'sourceSnapshot') pushed.push(payload);
    });
    await backend.handlers.attach({ kind: 'pid', pid: 5 });
    await backend.handlers.startRecording({});
    const worker = { id: 'p43', kind: 'process', pid: 43, threadId: 0, label: 'worker 1 of 2', ended: null };
    world.listSources([worker] as LiveSource[]);
    const snapshot = buildSession({ snapshots: 1 }).snapshots[0]!;
    world.emitSourceSnapshot('p43', snapshot);
    const { recording } = await backend.handlers.getState(undefined);
    expect(recording.sources).toEqual([worker]);
    expect(recording.snapshotCount).toBe(0);
    expect(pushed).toEqual([{ source: 'p43', snapshot }]);
    await backend.handlers.stopRecording(undefined);
    expect((await backend.handlers.getState(undefined)).recording.sources).toEqual([]);
  });

  it('keeps and shows a recording whose target exited', async () => {
    const world = fakePorts();
    const backend = createBackend(world.ports);
    const opened: string[] = [];
    backend.subscribe((event, payload) => {
      if (event === 'sessionOpened') opened.push((payload as { name: string }).name);
    });
    await backend.handlers.attach({ kind: 'pid', pid: 5 });
    await backend.handlers.startRecording({});
    world.endRecording('the target exited (code 1)');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect((await backend.handlers.getState(undefined)).recording).toMatchObject({
      phase: 'idle',
      target: null,
      error: 'the target exited (code 1)',
    });
    expect(opened).toEqual(['recorded.hyperscope']);
    await expect(backend.handlers.stopRecording(undefined)).rejects.toThrow('not recording');
  });

  it('reports a failed attach in the state and stays idle', async () => {
    const backend = createBackend(fakePorts().ports);
    await expect(backend.handlers.attach({ kind: 'pid', pid: 404 })).rejects.toThrow('no such process 404');
    expect((await backend.handlers.getState(undefined)).recording).toMatchObject({
      phase: 'idle',
      error: 'no such process 404',
    });
  });

  it('compares the open session with a base', async () => {
    const backend = createBackend(fakePorts({ '/base.hyperscope': fixtureText }).ports);
    await backend.handlers.openSession({ kind: 'contents', name: 'now', text: fixtureText });
    const comparison = await backend.handlers.diffSessions({
      base: { kind: 'path', path: '/base.hyperscope' },
    });
    expect(comparison.baseName).toBe('base.hyperscope');
    expect(comparison.findings.find((f) => f.kind === 'pool-starvation')).toMatchObject({
      base: 'critical',
      current: 'critical',
    });
  });
});
