import { describe, expect, it } from 'vitest';
import { recordingSignal } from './recording-signal';

describe('recordingSignal', () => {
  it('is SIGUSR2 unless HYPERSCOPE_SIGNAL names another, with or without SIG, in any case', () => {
    expect(recordingSignal(undefined)).toEqual({ signal: 'SIGUSR2' });
    expect(recordingSignal('  ')).toEqual({ signal: 'SIGUSR2' });
    expect(recordingSignal('SIGPWR')).toEqual({ signal: 'SIGPWR' });
    expect(recordingSignal('pwr')).toEqual({ signal: 'SIGPWR' });
  });

  it("refuses SIGUSR1 (Node's inspector port) and signals that would change the host or fire by themselves", () => {
    expect(recordingSignal('SIGUSR1')).toEqual({
      error:
        'HYPERSCOPE_SIGNAL=SIGUSR1 is refused: Node opens its inspector port on it, which in-process mode is there to avoid',
    });
    for (const name of ['SIGTERM', 'SIGINT', 'SIGKILL', 'SIGPROF', 'SIGCHLD', 'SIGWINCH'])
      expect(recordingSignal(name)).toHaveProperty('error', expect.stringContaining('refused'));
  });

  it('says so for a name that is no signal', () => {
    expect(recordingSignal('SIGNOPE')).toEqual({
      error: 'HYPERSCOPE_SIGNAL=SIGNOPE is not a signal this system knows (e.g. SIGUSR2, SIGPWR)',
    });
  });
});
