import { describe, expect, it } from 'vitest';
import { toFolded } from '../../core/profile/folded';
import { valueIndexOf } from '../../core/profile/profile-model';
import { sessionProfiles } from '../../core/profile/session-profiles';
import { cpuSection } from '../../core/report/cpu-section';
import { createSessionAssembler } from '../../core/session/session-assembler';
import { fixtureRecords } from '../../test/e2e/session-fixture';
import { allocModelOf, cpuTopFunctions, profilesOf } from './profile-models';

function fixtureSession() {
  const assembler = createSessionAssembler('fixture');
  fixtureRecords().forEach((r, i) => assembler.addLine(JSON.stringify(r), i + 1));
  return assembler.finish();
}

describe('profile models of a session', () => {
  const session = fixtureSession();

  it('merges CPU windows: the same window twice doubles every stack', () => {
    const once = profilesOf(session).cpu!;
    const twice = profilesOf({
      ...session,
      cpuProfiles: [session.cpuProfiles[0]!, session.cpuProfiles[0]!],
    }).cpu!;
    const folded = (model: typeof once) => toFolded(model, valueIndexOf(model, 'samples')).trim().split('\n');
    expect(folded(twice)).toEqual(
      folded(once).map((line) => line.replace(/ (\d+)$/, (_, n: string) => ` ${Number(n) * 2}`)),
    );
  });

  it('switches allocation windows between allocated and still alive', () => {
    const set = profilesOf(session);
    const allocated = allocModelOf(set, 'allocated')!;
    expect(toFolded(allocated, valueIndexOf(allocated, 'space'))).toContain('buildCatalog');
    expect(allocModelOf(set, 'alive')).toBeNull();
  });

  it('lists the top CPU functions without (idle), with the shares `report` gives them', () => {
    const cpu = profilesOf(session).cpu!;
    expect(cpu.frames.some((frame) => frame.category === 'idle')).toBe(true);
    const rows = cpuTopFunctions(cpu, valueIndexOf(cpu, 'time'), 10);
    expect(rows.map((row) => row.frame.functionName)).not.toContain('(idle)');
    const report = cpuSection(sessionProfiles(session), 10)!;
    expect(rows.map((row) => [row.frame.functionName, row.flat, row.flatPercent.toFixed(6)])).toEqual(
      report.top.map((row) => [row.frame.functionName, row.flat, row.flatPercent.toFixed(6)]),
    );
  });
});
