// The watchdog with fake timers: when it fires, what a touch and a second client change.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOrphanWatchdog } from './orphan-watchdog';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('the orphan watchdog', () => {
  it('fires once after orphanAfterMs without a touch, and not while touched', () => {
    const orphaned = vi.fn();
    const watchdog = startOrphanWatchdog({ orphanAfterMs: 1000 }, orphaned);
    for (let i = 0; i < 10; i++) {
      vi.advanceTimersByTime(500);
      watchdog.touch();
    }
    expect(orphaned).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1300);
    expect(orphaned).toHaveBeenCalledExactlyOnceWith(false);
    vi.advanceTimersByTime(10_000);
    expect(orphaned).toHaveBeenCalledOnce();
  });

  it('never fires without orphanAfterMs, nor after stop', () => {
    const orphaned = vi.fn();
    startOrphanWatchdog({}, orphaned);
    startOrphanWatchdog({ orphanAfterMs: 100 }, orphaned).stop();
    vi.advanceTimersByTime(60_000);
    expect(orphaned).not.toHaveBeenCalled();
  });

  it('a second client can lengthen the wait and ask for the inspector to close, never shorten or disarm it', () => {
    const orphaned = vi.fn();
    const watchdog = startOrphanWatchdog({ orphanAfterMs: 1000 }, orphaned);
    watchdog.adopt({});
    watchdog.adopt({ orphanAfterMs: 100 });
    vi.advanceTimersByTime(800);
    expect(orphaned).not.toHaveBeenCalled();
    watchdog.adopt({ orphanAfterMs: 5000, closeInspectorWhenOrphaned: true });
    vi.advanceTimersByTime(4000);
    expect(orphaned).not.toHaveBeenCalled();
    vi.advanceTimersByTime(2500);
    expect(orphaned).toHaveBeenCalledExactlyOnceWith(true);
  });
});
