/**
 * One signal-attach at a time in this process: the processes of a tree all open their inspector on the
 * same port, so two opening at once would fail each other. Each attach (signal, connect, move off the
 * port) runs to its end before the next begins.
 */
let tail: Promise<unknown> = Promise.resolve();

/** Runs `attach` after every attach queued before it; resolves or rejects with its outcome. */
export function inAttachQueue<T>(attach: () => Promise<T>): Promise<T> {
  const run = tail.then(attach, attach);
  tail = run.catch(() => undefined);
  return run;
}
