/**
 * Test harness bundled (esbuild, CommonJS) into a temp file and required by target processes: runs the
 * promise collector as the agent would, with a plain `CollectorContext`.
 */
import { createRequire } from 'node:module';
import type { PromiseOptions, PromiseSection, PromiseChain } from '../../core/chains/promise-section';
import { resolveBuiltins } from '../../profiler-agent/builtins';
import { createPromiseCollector } from '../../profiler-agent/promises/promise-collector';
import { createUndiciCollector } from '../../profiler-agent/undici/undici-collector';

export interface Harness {
  collect(): PromiseSection | null;
  chain(groupId: string): PromiseChain | null;
  dropped: Record<string, number>;
  stop(): void;
  /**
   * Collects once and prints the target's JSON line, `{ section, chains, dropped }` with one chain per
   * group (what `runTarget` reads), then runs `beforeExit` and exits with 0 once stdout is flushed.
   */
  printChainsAndExit(beforeExit?: () => void): void;
}

/** Starts the promise collector; with `withUndici`, the undici collector too (its `dispatch` patch tells queued requests). */
export function startCollector(promises: PromiseOptions = {}, { withUndici = false } = {}): Harness {
  const collector = createPromiseCollector();
  const undici = withUndici ? createUndiciCollector() : undefined;
  const dropped: Record<string, number> = {};
  const context = {
    builtins: resolveBuiltins(createRequire(__filename)),
    options: { promises },
    isAgentWork: () => false,
    drop(reason: string, count = 1) {
      dropped[reason] = (dropped[reason] ?? 0) + count;
    },
  };
  undici?.start(context);
  collector.start(context);
  const chain = (groupId: string) => collector.methods?.chain?.(groupId) as PromiseChain | null;
  return {
    collect: () => collector.collect(Date.now()),
    chain,
    dropped,
    stop: () => {
      collector.stop();
      undici?.stop();
    },
    printChainsAndExit(beforeExit) {
      const section = collector.collect(Date.now())!;
      const chains = section.groups.map((group) => chain(group.id));
      process.stdout.write(JSON.stringify({ section, chains, dropped }) + '\n', () => {
        beforeExit?.();
        process.exit(0);
      });
    },
  };
}
