import { describe, expect, it } from 'vitest';
import { REQUEST_CHANNELS, ipcEventName, ipcRequestName } from '../../core/bridge/contract';
import { createBackend } from '../bridge/backend';
import { fakePorts } from '../bridge/test-support/fake-ports';
import type { IpcEventLike, IpcMainLike, WebContentsLike } from './ipc';
import { registerIpcHandlers } from './ipc';

const APP_URL = 'file:///app/out/renderer/index.html';

function setup() {
  const handlers = new Map<string, (event: IpcEventLike, payload: unknown) => Promise<unknown>>();
  const ipc: IpcMainLike = {
    handle: (channel, handler) => handlers.set(channel, handler),
    removeHandler: (channel) => handlers.delete(channel),
  };
  const sent: { channel: string; payload: unknown }[] = [];
  const contents: WebContentsLike = {
    id: 1,
    isDestroyed: () => false,
    send: (channel, payload) => sent.push({ channel, payload }),
  };
  const backend = createBackend(fakePorts().ports);
  const dispose = registerIpcHandlers(
    ipc,
    backend,
    () => contents,
    (url) => url === APP_URL,
  );
  const call = (channel: string, payload: unknown, event: Partial<IpcEventLike> = {}) =>
    handlers.get(ipcRequestName(channel as never))!(
      { sender: { id: 1 }, senderFrame: { url: APP_URL, parent: null }, ...event },
      payload,
    );
  return { handlers, sent, backend, dispose, call };
}

describe('Electron IPC handlers', () => {
  it('registers one handler per channel and removes them all', () => {
    const { handlers, dispose } = setup();
    expect([...handlers.keys()].sort()).toEqual(REQUEST_CHANNELS.map(ipcRequestName).sort());
    dispose();
    expect(handlers.size).toBe(0);
  });

  it('answers our window and validates the payload', async () => {
    const { call } = setup();
    await expect(call('listDemoScenarios', undefined)).resolves.toEqual([
      { name: 'healthy', description: 'no pitfall' },
    ]);
    await expect(call('attach', { kind: 'pid', pid: 0 })).rejects.toThrow('pid must be a positive integer');
  });

  it('refuses other windows, subframes and pages the window navigated to', async () => {
    const { call } = setup();
    await expect(call('listProcesses', undefined, { sender: { id: 2 } })).rejects.toThrow(
      'not from the Hyperscope window',
    );
    await expect(
      call('listProcesses', undefined, { senderFrame: { url: APP_URL, parent: {} } }),
    ).rejects.toThrow('not from');
    await expect(
      call('listProcesses', undefined, { senderFrame: { url: 'https://evil.example/', parent: null } }),
    ).rejects.toThrow('not from');
    await expect(call('listProcesses', undefined, { senderFrame: null })).rejects.toThrow('not from');
  });

  it('forwards backend events to the window', () => {
    const { backend, sent } = setup();
    backend.emit('menuCommand', 'open');
    expect(sent).toEqual([{ channel: ipcEventName('menuCommand'), payload: 'open' }]);
  });
});
