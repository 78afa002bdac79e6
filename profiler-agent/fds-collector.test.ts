import * as realFs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Builtins } from './builtins';
import type { CollectorContext } from './collector';
import { createFdsCollector, LIMIT_REREAD_MS } from './fds-collector';

/** A context whose `fs` counts reads of `/proc/self/limits` and passes everything through. */
function countingContext(): { context: CollectorContext; limitReads: () => number } {
  let reads = 0;
  const fs = {
    ...realFs,
    readFileSync: ((path: realFs.PathOrFileDescriptor, options?: unknown) => {
      if (path === '/proc/self/limits') reads++;
      return realFs.readFileSync(path, options as BufferEncoding);
    }) as typeof realFs.readFileSync,
  };
  const context: CollectorContext = {
    builtins: { fs } as unknown as Builtins,
    options: {},
    drop: () => undefined,
    isAgentWork: () => false,
  };
  return { context, limitReads: () => reads };
}

describe.runIf(process.platform === 'linux')('fds collector', () => {
  it('counts open descriptors at every collection and reads the soft limit again only after LIMIT_REREAD_MS', () => {
    const { context, limitReads } = countingContext();
    const collector = createFdsCollector();
    collector.start(context);
    const first = collector.collect(1_000);
    expect(first.open).toBeGreaterThan(2);
    expect(first.limit).toBeGreaterThan(0);
    // Other test workers share the process's descriptor table: the count is checked loosely.
    const second = collector.collect(2_000);
    expect(second.open).toBeGreaterThan(2);
    expect(second.limit).toBe(first.limit);
    expect(limitReads()).toBe(1);
    collector.collect(1_000 + LIMIT_REREAD_MS);
    expect(limitReads()).toBe(2);
    collector.stop();
  });
});
