import { describe, expect, it } from 'vitest';
import { fakeInspector } from '../worker-threads/test-support/fake-inspector';
import { WorkerNames } from '../worker-threads/worker-names';
import { NO_SLOT, SlotStore } from './slot-store';
import { WorkerWaits } from './worker-waits';

/**
 * A store with two pending promises, and WorkerWaits whose executing root is what `running.slot` says;
 * the inspector reports thread 3 running `resize.js`.
 */
function setUp() {
  const store = new SlotStore(8);
  const slots = [store.alloc(0), store.alloc(0)];
  const running = { slot: NO_SLOT };
  const inspector = fakeInspector([{ title: '[worker 3]', url: 'file:///srv/resize.js' }]);
  const names = new WorkerNames(inspector.module);
  const waits = new WorkerWaits(store, () => running.slot, names);
  return { store, slots, running, waits, names, inspector };
}

describe('WorkerWaits', () => {
  it('gives a message to the root whose executor sends it, and to nothing else', () => {
    const { slots, running, waits, names, inspector } = setUp();
    const worker = { threadId: 3 };
    waits.onMessageTarget('worker', worker); // sent outside any executor
    expect(waits.reasonOf(slots[0]!)).toBeUndefined();
    names.refresh();
    expect(inspector.sessions()).toBe(0); // nobody waits on a worker: no lookup
    running.slot = slots[0]!;
    waits.onMessageTarget('worker', worker);
    expect(waits.reasonOf(slots[0]!)).toEqual({ kind: 'worker', detail: 'worker thread 3' });
    names.refresh(); // at the next window boundary
    expect(waits.reasonOf(slots[0]!)).toEqual({ kind: 'worker', detail: 'worker thread 3 (resize.js)' });
    expect(waits.reasonOf(slots[1]!)).toBeUndefined();
  });

  it('keeps the worker or channel over the port it posts through, and says when the worker exited', () => {
    const { slots, running, waits } = setUp();
    const worker = { threadId: 7 };
    running.slot = slots[0]!;
    waits.onMessageTarget('worker', worker);
    waits.onMessageTarget('port', {});
    expect(waits.reasonOf(slots[0]!)?.detail).toBe('worker thread 7');
    worker.threadId = -1; // what Worker#threadId reads once the thread ended
    expect(waits.reasonOf(slots[0]!)?.detail).toBe('worker thread 7, exited');
    running.slot = slots[1]!;
    waits.onMessageTarget('channel', { name: 'jobs' });
    waits.onMessageTarget('port', {});
    expect(waits.reasonOf(slots[1]!)?.detail).toBe('BroadcastChannel jobs');
  });

  it('a reused slot inherits nothing', () => {
    const { store, slots, running, waits } = setUp();
    running.slot = slots[0]!;
    waits.onMessageTarget('worker', { threadId: 4 });
    store.release(slots[0]!);
    const reused = store.alloc(0);
    expect(reused).toBe(slots[0]);
    expect(waits.reasonOf(reused)).toBeUndefined();
    running.slot = reused;
    waits.onMessageTarget('port', {});
    expect(waits.reasonOf(reused)).toEqual({ kind: 'worker', detail: 'MessagePort' });
  });

  it('reads an object that is no worker as an exited one, without throwing', () => {
    const { slots, running, waits } = setUp();
    running.slot = slots[0]!;
    const odd = Object.defineProperty({}, 'threadId', {
      get() {
        throw new TypeError('not a Worker');
      },
    });
    waits.onMessageTarget('worker', odd);
    expect(waits.reasonOf(slots[0]!)?.detail).toBe('worker thread ?, exited');
  });
});
