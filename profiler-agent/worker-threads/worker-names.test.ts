import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, describe, expect, it } from 'vitest';
import { fakeInspector } from './test-support/fake-inspector';
import { scriptOf, WorkerNames } from './worker-names';

const workers: Worker[] = [];
afterAll(() => Promise.all(workers.map((worker) => worker.terminate())));

/** A worker thread that stays up until terminated, running `resize.cjs` from a temp directory. */
function startWorker(options: { name?: string } = {}): Worker {
  const file = join(mkdtempSync(join(tmpdir(), 'hyperscope-names-')), 'resize.cjs');
  writeFileSync(file, "require('node:worker_threads').parentPort.on('message', () => {});");
  const worker = new Worker(file, options);
  workers.push(worker);
  return worker;
}

describe('WorkerNames', () => {
  it('names real worker threads by script and name through an in-process NodeWorker session', async () => {
    const names = new WorkerNames();
    const named = startWorker({ name: 'resizer' });
    const plain = startWorker();
    // A thread is reported to the inspector before it runs any JavaScript, so by 'online'.
    await Promise.all([named, plain].map((worker) => once(worker, 'online')));
    names.want(named.threadId);
    names.want(plain.threadId);
    names.refresh();
    expect(names.of(named.threadId)).toEqual({ script: 'resize.cjs', name: 'resizer' });
    expect(names.of(plain.threadId)).toEqual({ script: 'resize.cjs', name: undefined });
    expect(names.failures).toBe(0);
  });

  it('looks up only when a thread is wanted, at most once a second, and gives up on one never found', () => {
    const inspector = fakeInspector([
      { title: '[worker 2] WorkerThread', url: 'file:///srv/app/dist/resize%20images.js' },
      { title: '[worker 5]', url: '' },
    ]);
    const names = new WorkerNames(inspector.module);
    names.refresh(1_000);
    expect(inspector.sessions()).toBe(0);
    names.want(2);
    names.want(9); // not running (yet)
    names.refresh(10_000);
    expect(names.of(2)).toEqual({ script: 'resize images.js', name: undefined });
    expect(names.of(5)).toEqual({ script: undefined, name: undefined }); // reported, so remembered too
    names.refresh(10_500);
    expect(inspector.sessions()).toBe(1);
    names.refresh(11_000);
    names.refresh(12_000);
    names.refresh(13_000);
    expect(inspector.sessions()).toBe(3); // thread 9 was tried three times in all
    expect(names.of(9)).toBeUndefined();
  });

  it('counts a lookup without an inspector as a failure', () => {
    const names = new WorkerNames(() => undefined);
    names.want(1);
    names.refresh(5_000);
    expect(names.failures).toBe(1);
    expect(names.of(1)).toBeUndefined();
  });

  it('takes the file name of a worker URL', () => {
    expect(scriptOf('file:///srv/app/resize.js')).toBe('resize.js');
    expect(scriptOf('file:///srv/app/resize.mjs?v=2#x')).toBe('resize.mjs');
    expect(scriptOf('')).toBeUndefined();
  });
});
