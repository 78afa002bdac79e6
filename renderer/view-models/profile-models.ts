/**
 * The profile models the CPU and Allocations views draw, built from a session's windows with the core
 * model builders. Allocation windows alternate between "everything allocated" (collected objects
 * included) and "still alive": the views switch between the two.
 */
import { buildAllocModelFromNodes } from '../../core/profile/build-alloc-model';
import { buildCpuModel } from '../../core/profile/build-cpu-model';
import type { ProfileModel } from '../../core/profile/profile-model';
import type { Session } from '../../core/session/session';
import { mergeAllocWindows, mergeCpuWindows } from './merge-windows';

export type AllocMode = 'allocated' | 'alive';

export function cpuModelOf(session: Session): ProfileModel | null {
  const profile = mergeCpuWindows(session.cpuProfiles);
  return profile ? buildCpuModel(profile) : null;
}

export function allocModelOf(session: Session, mode: AllocMode): ProfileModel | null {
  const windows = session.allocProfiles.filter(
    (w) => (w.meta.includesCollected ?? true) === (mode === 'allocated'),
  );
  const merged = mergeAllocWindows(windows);
  return merged ? buildAllocModelFromNodes(merged.nodes, merged.samples, merged.samplingInterval) : null;
}
