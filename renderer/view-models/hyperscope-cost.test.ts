import { describe, expect, it } from 'vitest';
import { agentHeavySession } from '../../core/findings/test-support/agent-heavy-session';
import { valueIndexOf } from '../../core/profile/profile-model';
import { hyperscopeCostOf } from './hyperscope-cost';
import { allocTopFunctions, cpuTopFunctions, profilesOf } from './profile-models';

const AGENT = '(hyperscope agent)';

describe("the app's tables and Hyperscope's own cost", () => {
  const session = agentHeavySession();

  it('ranks the service’s CPU without the agent, though its flame graph keeps the box', () => {
    const cpu = profilesOf(session).cpu!;
    expect(cpu.frames.some((frame) => frame.functionName === AGENT)).toBe(true);
    const top = cpuTopFunctions(cpu, valueIndexOf(cpu, 'time'), 40);
    expect(top.map((row) => row.frame.functionName)).not.toContain(AGENT);
    expect(top[0]).toMatchObject({ flat: 150_000, flatPercent: 60 });
  });

  it('ranks the service’s allocations without the agent', () => {
    const allocated = profilesOf(session).allocated!;
    const top = allocTopFunctions(allocated, valueIndexOf(allocated, 'space'), 30, 'allocated');
    expect(top.map((row) => row.frame.functionName)).not.toContain(AGENT);
    expect(top[0]!.frame.functionName).toBe('render');
    expect(top[0]!.flatPercent).toBeCloseTo(100 / 1.5, 0);
  });

  it('says the agent’s cost in one line, each part’s rate added up', () => {
    expect(hyperscopeCostOf([session])).toMatch(
      /^Hyperscope's own cost: 350\.0 ms\/s CPU \(58\.3% of the busy time\), 3\.0\d MiB\/s allocated$/,
    );
    // Two processes alike: twice the rate, the same share.
    expect(hyperscopeCostOf([session, agentHeavySession()])).toMatch(
      /^Hyperscope's own cost: 700\.0 ms\/s CPU \(58\.3% of the busy time\), 6\.0\d MiB\/s allocated$/,
    );
    expect(hyperscopeCostOf([])).toBeNull();
  });
});
