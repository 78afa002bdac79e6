/**
 * An `inspector` module for WorkerNames' unit tests: its sessions report the given workers the way Node
 * does on `NodeWorker.enable` (`attachedToWorker`, title `[worker <threadId>] <name>`). The real module is
 * tested in worker-names.test.ts against real worker threads.
 */
import type { Session } from 'node:inspector';

export interface FakeWorker {
  title: string;
  url: string;
}

/** The module, and how many sessions were opened. */
export function fakeInspector(workers: FakeWorker[]): {
  module: () => { Session: new () => Session };
  sessions: () => number;
} {
  let sessions = 0;
  class FakeSession {
    private listener: ((message: { params: { workerInfo: FakeWorker } }) => void) | undefined;
    connect(): void {
      sessions++;
    }
    disconnect(): void {}
    on(_event: string, listener: FakeSession['listener']): this {
      this.listener = listener;
      return this;
    }
    post(method: string): void {
      if (method === 'NodeWorker.enable')
        for (const workerInfo of workers) this.listener?.({ params: { workerInfo } });
    }
  }
  return {
    module: () => ({ Session: FakeSession as unknown as new () => Session }),
    sessions: () => sessions,
  };
}
