/** A diff does not report Hyperscope's own cost as the service's growth: `(hyperscope agent)` is no row. */
import { describe, expect, it } from 'vitest';
import { agentHeavySession } from '../findings/test-support/agent-heavy-session';
import { profileSetOfSession } from '../import/from-session';
import { emptyProfileSet } from '../import/profile-set';
import { diffInputs } from './diff-report';

const AGENT = '(hyperscope agent)';

describe("a diff and Hyperscope's own cost", () => {
  it('leaves the agent out of the CPU and allocation function deltas, and says so', () => {
    const current = profileSetOfSession(agentHeavySession());
    // The same profiles on both sides: diffProfiles lists every function, a 0 delta too, so the agent
    // would be a row were it not left out.
    const base = { ...emptyProfileSet('session'), cpu: current.cpu, allocated: current.allocated };
    const report = diffInputs({ name: 'base', set: base }, { name: 'current', set: current });
    for (const section of report.profiles) {
      expect(
        section.functions.map((f) => f.frame.functionName),
        section.profile,
      ).not.toContain(AGENT);
    }
    expect(report.profiles.map((p) => p.profile)).toEqual(['cpu', 'allocated']);
    expect(report.notes).toContain(
      "cpu: (hyperscope agent) left out, Hyperscope's own cost and not the service's",
    );
    expect(report.notes).toContain(
      "allocated: (hyperscope agent) left out, Hyperscope's own cost and not the service's",
    );
  });
});
