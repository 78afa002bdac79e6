/**
 * The `promises` collector: pending promise chains grouped by where their outermost link was created,
 * what their innermost link waits on, and counts over time. Hooks run in sampling windows sized to an
 * overhead budget (see DutyCycle); methods: `chain(groupId)` returns one chain of a group, outer → inner.
 */
import type { PromiseChain, PromiseSection } from '../../core/chains/promise-section';
import type { Collector, CollectorContext } from '../collector';
import { ChainBuilder } from './chain-builder';
import { DutyCycle } from './duty-cycle';
import { resolvePromiseOptions, type ResolvedPromiseOptions } from './options';
import { PromiseTracker } from './promise-tracker';
import { ResourceAttribution } from './resource-attribution';
import { SettleChecker } from './settle-checker';
import { SiteTable } from './site-table';
import { SlotStore } from './slot-store';
import { UndiciWaits } from './undici-waits';
import { WorkerWaits } from './worker-waits';
import { observeDispatches } from '../undici/dispatch-observers';
import { observeMessageTargets } from '../worker-threads/message-targets';
import { WorkerNames } from '../worker-threads/worker-names';

const MAX_SITES = 10_000;

interface Running {
  options: ResolvedPromiseOptions;
  context: CollectorContext;
  tracker: PromiseTracker;
  cycle: DutyCycle;
  builder: ChainBuilder;
  checker: SettleChecker;
  sites: SiteTable;
  undici: UndiciWaits;
  workers: WorkerWaits;
  stopObservingUndici: () => void;
  stopObservingMessages: () => void;
  representatives: Map<string, number>;
  stacksTakenBefore: number;
  stacksEligibleBefore: number;
  reported: Record<string, number>;
}

export function createPromiseCollector(): Collector<PromiseSection | null> {
  let running: Running | undefined;

  const chain = (groupId: unknown): PromiseChain | null => {
    try {
      if (!running || typeof groupId !== 'string') return null;
      const root = running.representatives.get(groupId);
      if (root === undefined || !running.tracker.store.isPending(root)) return null;
      return running.builder.describe(root, groupId, Date.now());
    } catch {
      return null;
    }
  };

  return {
    name: 'promises',
    methods: { chain },
    start(context) {
      if (running) return;
      const options = resolvePromiseOptions(context.options.promises);
      // Off: no hooks, no slot table; every snapshot's section is null.
      if (!options.enabled) return;
      const store = new SlotStore(options.maxTracked);
      const resources = new ResourceAttribution(context.builtins, store);
      const tracker = new PromiseTracker(options, context.builtins, resources, store, () =>
        context.isAgentWork(),
      );
      const sites = new SiteTable(MAX_SITES);
      const calm = (): boolean => cycle.windows > 0 && cycle.lastRate < options.attributeBelowRate;
      // Window boundaries are clean turns of the loop (timers), where worker threads can be named; not
      // the last one, which a detach (an inspector interrupt) closes.
      const names = new WorkerNames();
      const cycle = new DutyCycle(options, {
        begin: () => {
          tracker.enable(calm(), cycle.windowLimit(false));
          names.refresh();
        },
        end: () => {
          tracker.disable();
          if (!cycle.stopped) names.refresh();
        },
        take: () => tracker.takeObserved(),
        renew: () => {
          tracker.busyAt = cycle.windowLimit(true);
          tracker.setAttribution(calm());
          names.refresh();
        },
      });
      // The window saw as many promises as it may (load arrived while hooks stayed on, or the rate is
      // high): stop observing resources now (async_hooks on every resource and promise is the dearest
      // part), and end the window at the next turn of the loop.
      tracker.onBusy = () => {
        tracker.setAttribution(false);
        cycle.closeSoon();
      };
      tracker.stackTokens = options.stacksPerSecond;
      const undici = new UndiciWaits(store, () => tracker.openRoots());
      const workers = new WorkerWaits(store, () => tracker.executingRoot(), names);
      running = {
        options,
        context,
        tracker,
        cycle,
        sites,
        undici,
        workers,
        stopObservingUndici: observeDispatches(undici.onDispatch),
        stopObservingMessages: observeMessageTargets(context.builtins, workers.onMessageTarget, () =>
          context.drop('promises.message-observer-failed'),
        ),
        builder: new ChainBuilder(store, sites, { undici, workers }),
        checker: new SettleChecker(tracker, findInspect(context)),
        representatives: new Map(),
        stacksTakenBefore: 0,
        stacksEligibleBefore: 0,
        reported: {},
      };
      cycle.start();
    },
    collect(now) {
      if (!running) return null;
      try {
        return collectSection(running, now);
      } catch {
        running.context.drop('promises.collect-failed');
        return null;
      }
    },
    stop() {
      running?.stopObservingUndici();
      running?.stopObservingMessages();
      running?.cycle.stop();
      running = undefined;
    },
  };
}

function collectSection(run: Running, now: number): PromiseSection {
  const { tracker, options } = run;
  const coverage = run.cycle.readCoverage(now);
  run.checker.check(options.checksPerCollect);
  run.undici.prune();
  run.workers.prune();
  const built = run.builder.build(now, options.maxGroups);
  run.representatives = built.representatives;
  const taken = tracker.stacksTaken - run.stacksTakenBefore;
  const eligible = tracker.stacksEligible - run.stacksEligibleBefore;
  run.stacksTakenBefore = tracker.stacksTaken;
  run.stacksEligibleBefore = tracker.stacksEligible;
  const dropped = { slots: tracker.droppedSlots, sites: run.sites.dropped };
  reportDrops(run, dropped);
  return {
    time: now,
    counts: {
      created: tracker.created,
      settled: tracker.settled,
      pending: tracker.created - tracker.settled - tracker.collectedUnsettled,
      pendingWithoutDetail: tracker.overflowPending,
      collectedUnsettled: tracker.collectedUnsettled,
    },
    sampling: {
      coverage,
      active: run.cycle.active,
      promisesPerSecond: run.cycle.lastRate,
      stackRatio: eligible > 0 ? taken / eligible : 1,
    },
    groups: built.groups,
    chains: built.chains,
    dropped,
  };
}

/** Passes new drops to the agent's counters (`agent.dropped`), as deltas. */
function reportDrops(run: Running, dropped: Record<string, number>): void {
  for (const [reason, total] of Object.entries(dropped)) {
    const delta = total - (run.reported[reason] ?? 0);
    if (delta > 0) run.context.drop(`promises.${reason}`, delta);
    run.reported[reason] = total;
  }
}

type Inspect = (value: unknown, options: object) => string;

/** `util.inspect`, the only public way to read a promise's state (from builtins: Node 18 has no `getBuiltinModule`). */
function findInspect(context: CollectorContext): Inspect | undefined {
  const inspect = (context.builtins.util as { inspect?: Inspect } | undefined)?.inspect;
  return typeof inspect === 'function' ? inspect : undefined;
}
