import { describe, expect, it } from 'vitest';
import { EVENT_CHANNELS, REQUEST_CHANNELS, ipcEventName, subscriberName } from '../core/bridge/contract';
import { buildApi } from './build-api';
import type { IpcRendererLike } from './build-api';

function fakeIpc() {
  const invoked: { channel: string; args: unknown[] }[] = [];
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, ...args) => {
      invoked.push({ channel, args });
      return 'answer';
    },
    on: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? new Set()).add(listener)),
    removeListener: (channel, listener) => listeners.get(channel)?.delete(listener),
  };
  const send = (channel: string, payload: unknown) =>
    listeners.get(channel)?.forEach((l) => l({ sender: 'ipc internals' }, payload));
  return { ipc, invoked, send, listeners };
}

describe('preload API', () => {
  it('has exactly one function per request channel and one subscriber per event, and nothing else', () => {
    const api = buildApi(fakeIpc().ipc);
    expect(Object.keys(api).sort()).toEqual(
      [...REQUEST_CHANNELS, ...EVENT_CHANNELS.map(subscriberName)].sort(),
    );
    expect(Object.isFrozen(api)).toBe(true);
  });

  it('invokes the channel with the payload', async () => {
    const { ipc, invoked } = fakeIpc();
    const api = buildApi(ipc);
    await expect(api.attach({ kind: 'pid', pid: 5 })).resolves.toBe('answer');
    expect(invoked).toEqual([{ channel: 'hyperscope:attach', args: [{ kind: 'pid', pid: 5 }] }]);
  });

  it('hands listeners the payload only, and unsubscribes', () => {
    const { ipc, send, listeners } = fakeIpc();
    const api = buildApi(ipc);
    const seen: unknown[] = [];
    const off = api.onMenuCommand((command) => seen.push(command));
    send(ipcEventName('menuCommand'), 'open');
    off();
    send(ipcEventName('menuCommand'), 'save');
    expect(seen).toEqual(['open']);
    expect(listeners.get(ipcEventName('menuCommand'))?.size).toBe(0);
  });
});
