/**
 * `hyperscope chains`: the pending promise chains of a running process, like Go's `goroutine?debug=2` —
 * attach, inject the agent, let it watch for a while, print the groups and each group's chain outer → inner,
 * then remove the agent and leave the target as it was (also on Ctrl-C and on errors).
 */
import { byCountThenAge } from '../../../core/chains/group-chains';
import type { ChainGroup, PromiseChain, PromiseSection } from '../../../core/chains/promise-section';
import { promiseSectionOf } from '../../../core/chains/promise-sections';
import { chainFrameUrls, remapSection } from '../../../core/chains/remap-chains';
import { renderChain } from '../../../core/chains/render-chain';
import { renderGoroutineDump } from '../../../core/chains/render-goroutine-dump';
import { parseDurationMs } from '../../../core/units/duration';
import { injectAgent, type AgentClient } from '../../agent/agent-client';
import { fetchPromiseChain } from '../../agent/fetch-promise-chain';
import { orphanAfterForWait } from '../../agent/orphan-after';
import type { AttachedTarget } from '../../inspector/attached-target';
import { loadSourceMaps } from '../../profile/load-source-maps';
import { targetFileRoot } from '../../reach/target-namespaces';
import { attachTarget, printWarning } from '../attach-target';
import type { Command } from '../command';
import { parseCommandArgs, UserError } from '../command';
import { RUNNING_TARGET_OPTIONS, runningTarget, type RecordTarget } from '../parse-record-args';

/** Chains fetched when no `--group` is given: the biggest groups' only. */
const MAX_CHAINS = 10;

const USAGE = `hyperscope chains (--pid PID | --url HOST:PORT [--allow-remote]) [--wait 5s] [--group ID] [--json]

  --pid PID         a running Node process (opens its inspector, closes it again at the end)
  --url HOST:PORT   an inspector (also ws://…); non-loopback needs --allow-remote
  --wait 5s         how long the agent watches before the dump (it cannot see promises created before it came)
  --group ID        only this group's chain (ids are printed after "@" in the dump)
  --json            {schema: "hyperscope.chains/1", target, groups, chains}`;

interface ChainsArgs {
  target: RecordTarget;
  waitMs: number;
  group: string | null;
  json: boolean;
}

export const chainsCommand: Command = {
  name: 'chains',
  summary: 'pending promise chains of a running process, outer → inner (like goroutine?debug=2)',
  usage: USAGE,
  async run(argv) {
    const args = parseChainsArgs(argv);
    const interrupt = new AbortController();
    const onSignal = (): void => {
      // A second Ctrl-C leaves at once; the first one lets the agent be removed.
      if (interrupt.signal.aborted) process.exit(130);
      interrupt.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      const target = await attachTarget(args.target);
      target.warnings.forEach(printWarning);
      try {
        const output = await dumpChains(target, args, interrupt.signal);
        process.stdout.write(output + '\n');
        return 0;
      } finally {
        await target.stop().catch(() => undefined);
      }
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};

/** Injects the agent, waits, collects and fetches chains; the agent is detached before this settles. */
async function dumpChains(
  target: AttachedTarget,
  args: ChainsArgs,
  interrupted: AbortSignal,
): Promise<string> {
  const agent = await injectAgent(target.session, {
    promises: {},
    orphanAfterMs: orphanAfterForWait(args.waitMs),
    closeInspectorWhenOrphaned: target.openedByUs,
  });
  try {
    if (!agent.hello.reused)
      process.stderr.write(
        `hyperscope: watching pid ${target.pid} for ${args.waitMs / 1000}s — promises created before the agent came are invisible\n`,
      );
    await sleep(args.waitMs, interrupted);
    if (interrupted.aborted) throw new UserError('interrupted', 130);
    const section = promiseSectionOf(await agent.collect());
    if (!section) throw new Error('the agent reported no promise chains (its promise collector is off)');
    const groups = [...section.groups].sort(byCountThenAge);
    const chains = await fetchChains(agent, groups, args.group);
    // A target in a container names its own paths: they are read under /proc/PID/root.
    const root = target.attachedBy === 'pid' ? await targetFileRoot(target.pid) : null;
    const { maps } = await loadSourceMaps(chainFrameUrls(groups, []), { root });
    const shown = remapSection({ ...section, groups }, maps);
    if (args.json)
      return JSON.stringify(
        {
          schema: 'hyperscope.chains/1',
          target: {
            pid: target.pid,
            nodeVersion: target.nodeVersion,
            inspectorUrl: target.inspectorUrl,
            attachedBy: target.attachedBy,
          },
          groups: shown.groups,
          chains,
        },
        null,
        2,
      );
    return textDump(shown, chains, args.group);
  } finally {
    // An agent we found installed belongs to someone else (a recording): leave it running.
    if (!agent.hello.reused) await agent.detach().catch(() => undefined);
  }
}

/** One chain per group asked for: `only`, or the biggest {@link MAX_CHAINS}; groups whose chains settled meanwhile are left out. */
async function fetchChains(
  agent: AgentClient,
  groups: readonly ChainGroup[],
  only: string | null,
): Promise<PromiseChain[]> {
  const ids = only === null ? groups.slice(0, MAX_CHAINS).map((group) => group.id) : [only];
  const chains: PromiseChain[] = [];
  for (const id of ids) {
    const chain = await fetchPromiseChain((method, arg) => agent.call(method, arg), id);
    if (chain) chains.push(chain);
  }
  if (only !== null && chains.length === 0) {
    const known = groups.some((group) => group.id === only);
    throw new UserError(
      known
        ? `group "${only}" has no pending chain any more (its promises settled)`
        : `no group "${only}" among the ${groups.length} pending groups (run without --group to list them)`,
    );
  }
  return chains;
}

function textDump(section: PromiseSection, chains: readonly PromiseChain[], only: string | null): string {
  const blocks = only === null ? [renderGoroutineDump(section)] : [];
  blocks.push(...chains.map(renderChain));
  if (only === null && section.groups.length > 0 && chains.length === 0)
    blocks.push('(every chain shown above settled before it could be fetched)');
  return blocks.join('\n\n');
}

function parseChainsArgs(argv: string[]): ChainsArgs {
  const { values } = parseCommandArgs({
    args: argv,
    options: {
      ...RUNNING_TARGET_OPTIONS,
      wait: { type: 'string', default: '5s' },
      group: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  if ((values.pid === undefined) === (values.url === undefined))
    throw new UserError('say which process: --pid PID or --url HOST:PORT', 2);
  // `--wait 0` is allowed: an agent already installed (a recording) has seen everything.
  const waitMs = /^\s*0+(\.0+)?\s*(ms|s|m|h)?\s*$/.test(values.wait) ? 0 : parseDurationMs(values.wait);
  if (waitMs === null)
    throw new UserError(`--wait needs a duration like 5s or 500ms, not "${values.wait}"`, 2);
  const target = runningTarget(values.pid, values.url, values['allow-remote'])!; // one of them, checked above
  return { target, waitMs, group: values.group ?? null, json: values.json };
}

/** Resolves after `ms`, or at once when `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
