/**
 * Test harness bundled (esbuild, CommonJS) into a temp file and required by target processes: runs the
 * promise collector as the agent would, with a plain `CollectorContext`.
 */
import { createRequire } from 'node:module';
import type { PromiseOptions, PromiseSection, PromiseChain } from '../../core/chains/promise-section';
import { resolveBuiltins } from '../../profiler-agent/builtins';
import { createPromiseCollector } from '../../profiler-agent/promises/promise-collector';

export interface Harness {
  collect(): PromiseSection | null;
  chain(groupId: string): PromiseChain | null;
  dropped: Record<string, number>;
  stop(): void;
}

export function startCollector(promises: PromiseOptions = {}): Harness {
  const collector = createPromiseCollector();
  const dropped: Record<string, number> = {};
  collector.start({
    builtins: resolveBuiltins(createRequire(__filename)),
    options: { promises },
    isAgentWork: () => false,
    drop(reason, count = 1) {
      dropped[reason] = (dropped[reason] ?? 0) + count;
    },
  });
  return {
    collect: () => collector.collect(Date.now()),
    chain: (groupId) => collector.methods?.chain?.(groupId) as PromiseChain | null,
    dropped,
    stop: () => collector.stop(),
  };
}
