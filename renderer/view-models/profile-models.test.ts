import { describe, expect, it } from 'vitest';
import { toFolded } from '../../core/profile/folded';
import { valueIndexOf } from '../../core/profile/profile-model';
import { createSessionAssembler } from '../../core/session/session-assembler';
import { fixtureRecords } from '../../test/e2e/session-fixture';
import { allocModelOf, profilesOf } from './profile-models';

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
});
