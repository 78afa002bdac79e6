/**
 * The `undici` collector: the pools behind `fetch` and any undici Agent/Pool/Client, per origin.
 * Dispatchers are found through the global dispatcher and through undici's `diagnostics_channel`
 * messages (a connected or sending socket carries its client), then followed by `DispatcherRegistry`.
 */
import type { Frame } from '../../core/frame';
import type { UndiciSection } from '../../core/network/undici-section';
import { subscribeChannel } from '../channel-subscription';
import type { Collector, CollectorContext } from '../collector';
import { callerFrames } from '../caller-frames';
import type { SeenDispatcher } from './dispatcher-registry';
import { DispatcherRegistry } from './dispatcher-registry';
import { hiddenField } from './hidden-fields';
import { describePools } from './pool-origins';

/** Where undici (5.x–7.x, bundled or npm) keeps the global dispatcher. */
const GLOBAL_DISPATCHER = Symbol.for('undici.globalDispatcher.1');
const DEFAULT_MAX_POOLS = 100;
const MAX_DISPATCHERS = 500;

// undici's own frames (npm copy or Node's bundled `node:internal/deps/undici`) sit above the caller's.
const isUndiciFrame = (frame: Frame): boolean => /[\\/]undici[\\/]/.test(frame.url);

type Listener = (message: unknown, name: string | symbol) => void;

export function createUndiciCollector(): Collector<UndiciSection> {
  let context: CollectorContext;
  let registry: DispatcherRegistry | null = null;
  const frames = new WeakMap<SeenDispatcher, Frame[]>();
  const totals = { requests: 0, connects: 0, connectErrors: {} as Record<string, number> };
  const unsubscribes: (() => void)[] = [];

  const adoptSocketClient = (message: unknown): void => {
    const socket = (message as { socket?: object } | null)?.socket;
    const client = socket ? hiddenField(socket, 'client') : undefined;
    if (typeof client === 'object' && client !== null) registry?.adoptCopyOf(client);
  };

  const adoptGlobal = (): void => {
    const global = (globalThis as Record<symbol, unknown>)[GLOBAL_DISPATCHER];
    if (typeof global !== 'object' || global === null || !registry) return;
    registry.adoptCopyOf(global);
    registry.register(global, null, true);
  };

  const listeners: Record<string, Listener> = {
    'undici:request:create': () => totals.requests++,
    'undici:client:connected': (message) => {
      totals.connects++;
      adoptSocketClient(message);
    },
    'undici:client:sendHeaders': adoptSocketClient,
    'undici:client:connectError': (message) => {
      const code = (message as { error?: { code?: unknown } } | null)?.error?.code;
      const key = typeof code === 'string' ? code : 'error';
      totals.connectErrors[key] = (totals.connectErrors[key] ?? 0) + 1;
    },
  };

  const framesOf = (seen: SeenDispatcher): Frame[] => {
    if (!seen.firstUse) return [];
    let parsed = frames.get(seen);
    if (!parsed) {
      parsed = callerFrames(seen.firstUse, isUndiciFrame);
      frames.set(seen, parsed);
    }
    return parsed;
  };

  return {
    // Same value as UNDICI_SECTION_KEY in core/network/undici-section.ts (the agent imports only types from core).
    name: 'undici',
    start(ctx) {
      context = ctx;
      registry = new DispatcherRegistry(ctx, MAX_DISPATCHERS);
      const onError = (): void => ctx.drop('undici.listenerError');
      for (const [name, listener] of Object.entries(listeners)) {
        const unlessAgentWork: Listener = (message, channel) => {
          if (!context.isAgentWork?.()) listener(message, channel);
        };
        unsubscribes.push(subscribeChannel(ctx.builtins.diagnostics_channel, name, unlessAgentWork, onError));
      }
      adoptGlobal();
    },
    collect() {
      adoptGlobal();
      const live = registry?.live() ?? [];
      const described = live.map(({ dispatcher, seen }) => ({
        dispatcher,
        id: seen.id,
        frames: framesOf(seen),
      }));
      const firstUseOf = (dispatcher: object): Frame[] | undefined => {
        const seen = registry?.seenOf(dispatcher);
        return seen ? framesOf(seen) : undefined;
      };
      const { pools, stats, dropped } = describePools(
        described,
        context.options.maxPools ?? DEFAULT_MAX_POOLS,
        firstUseOf,
      );
      if (dropped > 0) context.drop('undici.poolCap', dropped);
      return {
        pools,
        stats,
        dispatchers: live.length,
        totals: { ...totals, connectErrors: { ...totals.connectErrors } },
      };
    },
    stop() {
      for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
      registry?.stop();
      registry = null;
    },
  };
}
