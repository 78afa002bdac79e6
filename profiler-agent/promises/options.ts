/** Defaults of the promise collector's knobs (documented on `PromiseOptions`). */
import type { PromiseOptions } from '../../core/chains/promise-section';

export type ResolvedPromiseOptions = Required<PromiseOptions>;

export const PROMISE_DEFAULTS: ResolvedPromiseOptions = {
  enabled: true,
  windowMs: 200,
  windowPromises: 8000,
  overheadBudget: 0.01,
  costPerPromiseUs: 3,
  stacksPerSecond: 1000,
  stackDepth: 12,
  maxTracked: 65_536,
  maxGroups: 50,
  attributeBelowRate: 20_000,
  checksPerCollect: 4000,
  exhaustive: false,
};

/** Fills every knob, ignoring values of the wrong type or out of range. */
export function resolvePromiseOptions(given: PromiseOptions | undefined): ResolvedPromiseOptions {
  const out = { ...PROMISE_DEFAULTS };
  if (!given) return out;
  for (const key of Object.keys(out) as (keyof ResolvedPromiseOptions)[]) {
    const value = given[key];
    if (
      typeof value === typeof out[key] &&
      (typeof value !== 'number' || (value >= 0 && Number.isFinite(value)))
    ) {
      (out as Record<string, unknown>)[key] = value;
    }
  }
  return out;
}
