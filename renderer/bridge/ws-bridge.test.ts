import { describe, expect, it } from 'vitest';
import type { SocketLike } from './ws-bridge';
import { createWsBridge } from './ws-bridge';

/** A socket that records what is sent and lets the test play the server. */
function fakeSocket() {
  const listeners: Record<string, ((event: { data?: unknown }) => void)[]> = {};
  const sent: { id: number; channel: string; payload?: unknown }[] = [];
  const socket: SocketLike = {
    readyState: 0,
    send: (data) => sent.push(JSON.parse(data)),
    addEventListener: (type, listener) => (listeners[type] ??= []).push(listener),
  };
  const fire = (type: string, data?: unknown) => listeners[type]?.forEach((l) => l({ data }));
  return { socket, sent, fire };
}

describe('createWsBridge', () => {
  it('queues requests until the socket opens, then matches answers by id', async () => {
    const { socket, sent, fire } = fakeSocket();
    const api = createWsBridge(socket);
    const scenarios = api.listDemoScenarios();
    const attach = api.attach({ kind: 'pid', pid: 3 });
    expect(sent).toEqual([]);
    socket.readyState = 1;
    fire('open');
    expect(sent.map((m) => m.channel)).toEqual(['listDemoScenarios', 'attach']);
    fire('message', JSON.stringify({ id: sent[1]!.id, ok: false, error: 'no such process 3' }));
    fire('message', JSON.stringify({ id: sent[0]!.id, ok: true, result: [] }));
    await expect(scenarios).resolves.toEqual([]);
    await expect(attach).rejects.toThrow('no such process 3');
  });

  it('delivers events to subscribers until they unsubscribe', () => {
    const { socket, fire } = fakeSocket();
    const api = createWsBridge(socket);
    const seen: string[] = [];
    const off = api.onMenuCommand((command) => seen.push(command));
    fire('message', JSON.stringify({ event: 'menuCommand', payload: 'open' }));
    off();
    fire('message', JSON.stringify({ event: 'menuCommand', payload: 'save' }));
    expect(seen).toEqual(['open']);
  });

  it('fails pending and later requests once the connection closes', async () => {
    const { socket, fire } = fakeSocket();
    socket.readyState = 1;
    const api = createWsBridge(socket);
    const pending = api.getState();
    fire('close');
    await expect(pending).rejects.toThrow('closed');
    await expect(api.listProcesses()).rejects.toThrow('closed');
  });
});
