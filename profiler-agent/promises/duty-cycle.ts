/**
 * Sampling in time: hooks are on for a window, then off for as long as keeps the estimated cost within
 * the budget. At low promise rates the pause is zero (hooks stay on, counts are exact); under load
 * windows get rarer. The pause after a window is `windowMs × (rate × cost / budget − 1)`.
 */
import type { ResolvedPromiseOptions } from './options';

export interface DutyCycleHooks {
  /** Turns hooks on. */
  begin(): void;
  /** Turns hooks off. */
  end(): void;
  /** How many promises were observed since the previous call (resets the count). */
  take(): number;
  /** A window closed and the next one follows at once: hooks stay on; `begin`'s choices may be revisited. */
  renew(): void;
}

const MAX_PAUSE_MS = 60_000;

export class DutyCycle {
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** When the current window began, ms: its promise rate is counted over the whole window. */
  private windowStart = 0;
  /** Since when hooks-on time is not yet credited to coverage, ms (moved on by `readCoverage`). */
  private onSince = 0;
  private onMsSinceRead = 0;
  private readSince = Date.now();
  /** `stop` was called: a window it closes is the last one. */
  stopped = false;
  /** The window's timer was replaced by one that ends it at the next turn (`closeSoon`). */
  private endingSoon = false;
  active = false;
  /** Promises per second observed in the last window. */
  lastRate = 0;
  /** Windows closed so far. */
  windows = 0;

  constructor(
    private readonly options: ResolvedPromiseOptions,
    private readonly hooks: DutyCycleHooks,
  ) {}

  start(): void {
    this.openWindow();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.active) this.closeWindow(false);
  }

  /** Fraction of the time since the previous call that hooks were on, 0..1. */
  readCoverage(now: number): number {
    let on = this.onMsSinceRead;
    if (this.active) on += now - this.onSince;
    const span = now - this.readSince;
    this.onMsSinceRead = 0;
    this.readSince = now;
    if (this.active) this.onSince = now;
    return span > 0 ? Math.min(1, on / span) : this.active ? 1 : 0;
  }

  private openWindow(): void {
    if (this.stopped) return;
    // The timer is armed before hooks go on, so the agent's own timer is never observed.
    this.armWindowEnd();
    this.onSince = Date.now();
    this.windowStart = this.onSince;
    this.active = true;
    this.hooks.begin();
  }

  private closeWindow(reschedule: boolean): void {
    const observed = this.hooks.take();
    const now = Date.now();
    // Not `now - onSince`: a collection during the window moved `onSince` on, and the rate of a whole
    // window's promises over part of its time came out several times too high (766,000/s for ~150,000/s).
    const windowMs = Math.max(1, now - this.windowStart);
    this.onMsSinceRead += Math.max(0, now - this.onSince);
    this.windows++;
    this.lastRate = (observed * 1000) / windowMs;
    const pause = reschedule && !this.stopped ? this.pauseAfter(windowMs) : Infinity;
    if (pause < 1) {
      // At a low promise rate hooks stay on: turning them off and on would only make work (every
      // pending promise becomes weakly held and checked, what it waits on is forgotten).
      this.onSince = now;
      this.windowStart = now;
      // The same timer, re-armed: making a new one five times a second was half of what an idle target's
      // windows cost (perf).
      if (this.endingSoon || !this.timer) this.armWindowEnd();
      else this.timer.refresh();
      this.endingSoon = false;
      this.hooks.renew();
      return;
    }
    this.endingSoon = false;
    this.hooks.end();
    this.active = false;
    if (!reschedule || this.stopped) return;
    this.timer = setTimeout(() => this.openWindow(), pause);
    this.timer.unref?.();
  }

  /**
   * Ends the current window at the next turn of the loop, for a window that has seen as many promises
   * as it may (`windowLimit`): when load arrives at an idle service, or the rate is high, hooks then go
   * off within a turn of the loop, not at the end of the window.
   */
  closeSoon(): void {
    if (!this.active || this.stopped || this.endingSoon) return;
    if (this.timer) clearTimeout(this.timer);
    this.endingSoon = true;
    this.timer = setTimeout(() => this.closeWindow(true), 0);
    this.timer.unref?.();
  }

  private armWindowEnd(): void {
    this.timer = setTimeout(() => this.closeWindow(true), this.options.windowMs);
    this.timer.unref?.();
  }

  /**
   * Promises one window may observe before it is closed at once (`closeSoon`); Infinity when hooks never
   * pause. A renewed (calm) window: beyond what keeps hooks on at its rate, a pause would follow it. A
   * window after a pause: `windowPromises`, so at a high rate it is a short burst with a short pause.
   */
  windowLimit(renewed: boolean): number {
    if (this.options.exhaustive) return Infinity;
    const most = Math.max(1, this.options.windowPromises);
    if (!renewed) return most;
    const staysOnBelowRate =
      (Math.max(1e-6, this.options.overheadBudget) * 1e6) / this.options.costPerPromiseUs;
    return Math.min(most, Math.max(1, Math.ceil((staysOnBelowRate * this.options.windowMs) / 1000)));
  }

  /** The pause after a window of `onMs`, ms, that keeps the estimated cost within the budget. */
  private pauseAfter(onMs: number): number {
    if (this.options.exhaustive) return 0;
    const costShare = (this.lastRate * this.options.costPerPromiseUs) / 1e6;
    return Math.min(
      MAX_PAUSE_MS,
      onMs * Math.max(0, costShare / Math.max(1e-6, this.options.overheadBudget) - 1),
    );
  }
}
