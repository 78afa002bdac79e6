import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RING_CHOICE,
  ringControlsOf,
  ringKeptLine,
  ringRequestOf,
  ringSavedLine,
} from './ring-choice';

describe('ringRequestOf', () => {
  it('keeps everything by default', () => {
    expect(DEFAULT_RING_CHOICE.on).toBe(false);
    expect(ringRequestOf(DEFAULT_RING_CHOICE)).toEqual({ ringMs: null, error: null });
    // The minutes typed do not matter while the choice is off.
    expect(ringRequestOf({ on: false, minutes: 'x' })).toEqual({ ringMs: null, error: null });
  });

  it.each([
    ['10', 600_000],
    [' 2.5 ', 150_000],
    ['0.17', 10_200],
    ['90', 5_400_000],
  ])('turns %j minutes into ms', (minutes, ringMs) => {
    expect(ringRequestOf({ on: true, minutes })).toEqual({ ringMs, error: null });
  });

  it.each([
    ['', 'Type how many minutes to keep, e.g. 10'],
    ['ten', 'Type how many minutes to keep, e.g. 10'],
    ['-5', 'Type how many minutes to keep, e.g. 10'],
    ['1e3', 'Type how many minutes to keep, e.g. 10'],
    ['0.1', 'Keep at least 10 s (0.17 minutes)'],
    ['0', 'Keep at least 10 s (0.17 minutes)'],
  ])('refuses %j with one line, as the backend would (at least 10 s)', (minutes, error) => {
    expect(ringRequestOf({ on: true, minutes })).toEqual({ ringMs: null, error });
  });
});

describe('ring words', () => {
  it('names the span on the save button and beside the status', () => {
    expect(ringControlsOf(600_000)).toMatchObject({
      status: 'last 10 min kept',
      saveLabel: 'Save last 10 min',
      recordTitle: "Keeps only the last 10 min (the Attach view's choice)",
    });
    expect(ringControlsOf(90_000).saveLabel).toBe('Save last 1 min 30 s');
    expect(ringControlsOf(600_000).saveTitle).toMatch(/the recording goes on/);
  });

  it('says how much a save kept and its size', () => {
    expect(ringSavedLine({ path: '/tmp/a.hyperscope', keptFrom: 0, keptMs: 3_200, bytes: 48 * 1024 })).toBe(
      'Saved the last 3.2 s (48 KiB) to',
    );
    expect(ringKeptLine({ spanMs: 60_000, recordingStartedAt: 0 })).toBe(
      'the last 1 min of a recording begun',
    );
  });
});
