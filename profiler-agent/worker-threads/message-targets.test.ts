import dc from 'node:diagnostics_channel';
import workerThreads, { BroadcastChannel, MessageChannel, MessagePort, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { Builtins } from '../builtins';
import { observeMessageTargets, type MessageTargetKind } from './message-targets';

const originals = {
  worker: Worker.prototype.postMessage,
  port: MessagePort.prototype.postMessage,
  channel: BroadcastChannel.prototype.postMessage,
};
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Observes with the given built-ins; returns what was seen, and the stop function. */
function observe(builtins: Partial<Builtins>): { seen: [MessageTargetKind, object][]; stop: () => void } {
  const seen: [MessageTargetKind, object][] = [];
  const stop = observeMessageTargets(
    { diagnostics_channel: dc, ...builtins } as Builtins,
    (kind, target) => seen.push([kind, target]),
    (error) => {
      throw error;
    },
  );
  cleanups.push(stop);
  return { seen, stop };
}

/** A worker that stays up until terminated. */
function startWorker(): Worker {
  const worker = new Worker("require('node:worker_threads').parentPort.on('message', () => {})", {
    eval: true,
  });
  cleanups.push(() => void worker.terminate());
  return worker;
}

describe('observeMessageTargets', () => {
  it('sees posts to a worker, a port and a channel, and a worker made; stop puts every method back', () => {
    const { seen, stop } = observe({ worker_threads: workerThreads });
    const { port1, port2 } = new MessageChannel();
    const channel = new BroadcastChannel('hyperscope-test');
    cleanups.push(() => (port1.close(), port2.close(), channel.close()));
    const worker = startWorker();
    worker.postMessage('job');
    port1.postMessage('hello');
    channel.postMessage('anyone?');
    // The worker made and its post; the bare port; the channel (each also posts through an inner port).
    expect(seen.filter(([kind, target]) => kind === 'worker' && target === worker)).toHaveLength(2);
    expect(seen.some(([kind, target]) => kind === 'port' && target === port1)).toBe(true);
    expect(seen.some(([kind, target]) => kind === 'channel' && target === channel)).toBe(true);
    stop();
    expect(Worker.prototype.postMessage).toBe(originals.worker);
    expect(MessagePort.prototype.postMessage).toBe(originals.port);
    expect(BroadcastChannel.prototype.postMessage).toBe(originals.channel);
  });

  it('without worker_threads loaded at the start, patches nothing until a Worker is made', () => {
    const { seen } = observe({});
    const { port1, port2 } = new MessageChannel();
    cleanups.push(() => (port1.close(), port2.close()));
    port1.postMessage('before any worker');
    expect(MessagePort.prototype.postMessage).toBe(originals.port);
    expect(seen).toEqual([]);
    const worker = startWorker();
    expect(Worker.prototype.postMessage).not.toBe(originals.worker);
    worker.postMessage('job');
    port1.postMessage('after');
    expect(seen.filter(([kind, target]) => kind === 'worker' && target === worker)).toHaveLength(2);
    expect(seen.some(([kind, target]) => kind === 'port' && target === port1)).toBe(true);
  });
});
