import { describe, expect, it } from 'vitest';
import { agentHeavySession } from '../findings/test-support/agent-heavy-session';
import { withSources } from '../findings/test-support/multi-source-session';
import { sessionProfiles } from '../profile/session-profiles';
import { buildReport } from './build-report';
import { formatTextReport } from './format-text';
import { allocCostOfParts, cpuCostOfParts } from './hyperscope-cost';

const MiB = 1024 * 1024;
const AGENT = '(hyperscope agent)';

describe("Hyperscope's own cost in the report", () => {
  it('is no CPU row: the table is the service’s own busy time, the agent’s ms/s said apart', () => {
    const { cpu } = buildReport(agentHeavySession());
    expect(cpu!.busyUs).toBe(600_000);
    expect(cpu!.top.map((row) => row.frame.functionName)).not.toContain(AGENT);
    expect(cpu!.top.slice(0, 3).map((row) => [row.frame.functionName, row.flat, row.flatPercent])).toEqual([
      ['hot', 150_000, 60],
      ['main', 50_000, 20],
      ['onData', 50_000, 20],
    ]);
    // main's cum is its own, hot's and onData's: the agent's wrapper between main and onData is not in it.
    expect(cpu!.top.find((row) => row.frame.functionName === 'main')).toMatchObject({
      cum: 250_000,
      cumPercent: 100,
    });
    expect(cpu!.hyperscope.cpuUs).toBe(350_000);
    expect(cpu!.hyperscope.cpuMsPerS).toBeCloseTo(350, 6);
    expect(cpu!.hyperscope.share).toBeCloseTo(350 / 600, 6);
  });

  it('is no allocation row: percentages of the service’s bytes, the agent’s bytes/s said apart', () => {
    const { allocations } = buildReport(agentHeavySession());
    expect(allocations!.top.map((row) => row.frame.functionName)).not.toContain(AGENT);
    const render = allocations!.top.find((row) => row.frame.functionName === 'render')!;
    expect(render.flatPercent).toBeCloseTo(100 / 1.5, 0);
    expect(allocations!.hyperscope!.bytesPerS / MiB).toBeCloseTo(3, 1);
    expect(allocations!.hyperscope!.share).toBeCloseTo(3 / 4.5, 2);
  });

  it('prints one line above the tables, and no (hyperscope agent) row', () => {
    const text = formatTextReport(buildReport(agentHeavySession()));
    expect(text).toMatch(
      /^Hyperscope's own cost: 350\.0 ms\/s CPU \(58\.3% of the busy time\), 3\.0\d MiB\/s allocated$/m,
    );
    expect(text.indexOf("Hyperscope's own cost")).toBeLessThan(text.indexOf('\nCPU: '));
    expect(text).toMatch(/top 3 by self time, % of the service's own busy time/);
    const tables = text.slice(text.indexOf('\nCPU: '), text.indexOf('\nObject sizes'));
    expect(tables).not.toContain(AGENT);
    const firstCpuRow = text.split('\n')[text.split('\n').findIndex((l) => l.startsWith('CPU: ')) + 2];
    expect(firstCpuRow).toMatch(/60\.00%.*\bhot\b/);
  });

  it('adds every part’s rate up over several parts, the share of their time and bytes together', () => {
    const { cpu, allocated } = sessionProfiles(agentHeavySession());
    const one = buildReport(agentHeavySession());
    const twoCpu = cpuCostOfParts([cpu!, cpu!]);
    expect(twoCpu.cpuMsPerS).toBeCloseTo(700, 6);
    expect(twoCpu.cpuUs).toBe(700_000);
    expect(twoCpu.share).toBeCloseTo(one.cpu!.hyperscope.share, 9);
    const twoAlloc = allocCostOfParts([allocated!, allocated!]);
    expect(twoAlloc.bytesPerS).toBeCloseTo(2 * one.allocations!.hyperscope!.bytesPerS, 6);
    expect(twoAlloc.share).toBeCloseTo(one.allocations!.hyperscope!.share, 9);
  });

  it('sums all parts in the report of a session of several processes', () => {
    const worker = { id: 'p4243', kind: 'process' as const, pid: 4243, threadId: 0, label: 'worker 1 of 1' };
    const report = buildReport(
      withSources(agentHeavySession(), [{ info: worker, session: agentHeavySession() }]),
    );
    expect(report.parts).toHaveLength(2);
    expect(report.cpu!.top.map((row) => row.frame.functionName)).not.toContain(AGENT);
    expect(report.cpu!.hyperscope.cpuMsPerS).toBeCloseTo(700, 6);
    expect(report.cpu!.hyperscope.share).toBeCloseTo(350 / 600, 6);
    expect(report.allocations!.hyperscope!.bytesPerS / MiB).toBeCloseTo(6, 1);
    expect(formatTextReport(report)).toMatch(
      /^Hyperscope's own cost: 700\.0 ms\/s CPU \(58\.3% of the busy time\)/m,
    );
  });
});
