// The duty cycle's rate, pause and coverage with a fake clock: promises counted by the test, not by V8.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { DutyCycle } from './duty-cycle';
import { PROMISE_DEFAULTS } from './options';

let observed = 0;
const hooks = {
  begin: vi.fn(),
  end: vi.fn(),
  take: () => {
    const taken = observed;
    observed = 0;
    return taken;
  },
  renew: vi.fn(),
};

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
  observed = 0;
});
afterEach(() => vi.useRealTimers());

/** The tracker counts `promises` within `afterMs` and asks for the window to end; it ends a tick later. */
function endEarly(cycle: DutyCycle, afterMs: number, promises: number): void {
  vi.advanceTimersByTime(afterMs);
  observed = promises;
  cycle.closeSoon();
  vi.advanceTimersByTime(1);
}

it('counts a window’s rate over the whole window, also when a collection read coverage during it', () => {
  // 150,000 promises/s at 3 µs each is 45% of a core against a 2% budget: hooks must pause.
  const cycle = new DutyCycle({ ...PROMISE_DEFAULTS, windowMs: 200, overheadBudget: 0.02 }, hooks);
  cycle.start();
  vi.advanceTimersByTime(150);
  expect(cycle.readCoverage(Date.now())).toBe(1);
  observed = 30_000; // 200 ms at 150,000 a second
  vi.advanceTimersByTime(50);
  expect(cycle.lastRate).toBe(150_000);
  expect(cycle.active).toBe(false);
  expect(hooks.end).toHaveBeenCalledOnce();
  // The pause keeps the budget: 200 ms × (0.45 / 0.02 − 1) = 4.3 s off, then the next window.
  vi.advanceTimersByTime(4_299);
  expect(cycle.active).toBe(false);
  vi.advanceTimersByTime(1);
  expect(cycle.active).toBe(true);
  // Coverage since the read at 150 ms: 50 ms on out of 4,350 ms.
  expect(cycle.readCoverage(Date.now())).toBeCloseTo(50 / 4_350, 5);
  cycle.stop();
});

it('keeps hooks on at a low rate, renewing the window', () => {
  const cycle = new DutyCycle(PROMISE_DEFAULTS, hooks);
  cycle.start();
  observed = 200; // 1,000 a second: 0.3% of a core
  vi.advanceTimersByTime(PROMISE_DEFAULTS.windowMs);
  expect(cycle.lastRate).toBe(1_000);
  expect(cycle.active).toBe(true);
  expect(hooks.renew).toHaveBeenCalled();
  expect(cycle.readCoverage(Date.now())).toBe(1);
  cycle.stop();
});

it('ends a renewed window at once when it sees more promises than a calm one may', () => {
  const cycle = new DutyCycle(PROMISE_DEFAULTS, hooks);
  cycle.start();
  observed = 200; // 1,000 a second: hooks stay on
  vi.advanceTimersByTime(PROMISE_DEFAULTS.windowMs);
  expect(cycle.active).toBe(true);
  // Hooks stay on below 3,333 promises a second (1% of a core at 3 µs each): 667 in a 200 ms window.
  expect(cycle.windowLimit(true)).toBe(667);
  // Load arrives: 667 promises within 5 ms.
  endEarly(cycle, 5, 667);
  expect(cycle.active).toBe(false);
  expect(cycle.lastRate).toBeGreaterThan(100_000); // 667 in 5–6 ms
  cycle.stop();
});

it('never ends an exhaustive window early', () => {
  const cycle = new DutyCycle({ ...PROMISE_DEFAULTS, exhaustive: true }, hooks);
  expect(cycle.windowLimit(true)).toBe(Infinity);
  expect(cycle.windowLimit(false)).toBe(Infinity);
});

it('ends a window after a pause once it has seen `windowPromises`, and pauses as much shorter', () => {
  const cycle = new DutyCycle(PROMISE_DEFAULTS, hooks);
  cycle.start();
  observed = 60_000; // 300,000 a second: a pause follows
  vi.advanceTimersByTime(PROMISE_DEFAULTS.windowMs);
  expect(cycle.active).toBe(false);
  vi.advanceTimersByTime(60_000);
  expect(cycle.active).toBe(true);
  expect(cycle.windowLimit(false)).toBe(8000);
  // 8,000 promises in 26 ms.
  endEarly(cycle, 26, 8000);
  expect(cycle.active).toBe(false);
  // ~300,000 a second at 3 µs is 90% of a core: 27 ms × (0.9 / 0.01 − 1) ≈ 2.4 s off, not ~18 s.
  vi.advanceTimersByTime(2_300);
  expect(cycle.active).toBe(false);
  vi.advanceTimersByTime(200);
  expect(cycle.active).toBe(true);
  cycle.stop();
});
