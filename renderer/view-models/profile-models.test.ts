import { describe, expect, it } from 'vitest';
import { toFolded } from '../../core/profile/folded';
import { valueIndexOf } from '../../core/profile/profile-model';
import { createSessionAssembler } from '../../core/session/session-assembler';
import type { CpuProfileWindow } from '../../core/session/session';
import { fixtureRecords } from '../../test/e2e/session-fixture';
import { mergeCpuWindows } from './merge-windows';
import { allocModelOf, cpuModelOf } from './profile-models';

function fixtureSession() {
  const assembler = createSessionAssembler('fixture');
  fixtureRecords().forEach((r, i) => assembler.addLine(JSON.stringify(r), i + 1));
  return assembler.finish();
}

describe('profile models of a session', () => {
  const session = fixtureSession();

  it('builds the CPU model, and merging a window with itself doubles every stack', () => {
    const one = cpuModelOf(session)!;
    const window = session.cpuProfiles[0]!;
    const twice = cpuModelOf({ ...session, cpuProfiles: [window, window] })!;
    const samples = (model: typeof one) => toFolded(model, valueIndexOf(model, 'samples'));
    const doubled = samples(one)
      .trim()
      .split('\n')
      .map((line) => line.replace(/ (\d+)$/, (_, n: string) => ` ${Number(n) * 2}`))
      .join('\n');
    expect(samples(twice).trim()).toBe(doubled);
  });

  it('keeps node ids unique across windows', () => {
    const window: CpuProfileWindow = session.cpuProfiles[0]!;
    const merged = mergeCpuWindows([window, window, window])!;
    const ids = merged.nodes.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(merged.samples).toHaveLength(3 * (window.profile.samples?.length ?? 0));
    expect(mergeCpuWindows([])).toBeNull();
  });

  it('switches allocation windows between allocated and still alive', () => {
    const allocated = allocModelOf(session, 'allocated')!;
    expect(toFolded(allocated, valueIndexOf(allocated, 'space'))).toContain('buildCatalog');
    expect(allocModelOf(session, 'alive')).toBeNull();
    const both = allocModelOf(
      {
        ...session,
        allocProfiles: [
          ...session.allocProfiles,
          {
            ...session.allocProfiles[0]!,
            meta: { ...session.allocProfiles[0]!.meta, includesCollected: false },
          },
        ],
      },
      'alive',
    );
    expect(both).not.toBeNull();
  });
});
