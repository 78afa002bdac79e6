/**
 * What the analyses need from a session's profiles, computed once: the hottest code of the CPU
 * profile window that was busiest (the window where the event loop was most likely blocked).
 */
import { buildCpuModel } from '../profile/build-cpu-model';
import { hotFrames } from '../profile/hot-frames';
import { isSystemFrame, valueIndexOf } from '../profile/profile-model';
import { grandTotal } from '../profile/totals';
import type { Session } from '../session/session';
import type { AnalysisContext } from './analysis';

/** How many hot frames a finding cites. */
const HOT_FRAMES = 5;

export function analysisContext(session: Session): AnalysisContext {
  let best: { busyUs: number; frames: AnalysisContext['hotFrames'] } | null = null;
  for (const window of session.cpuProfiles) {
    const model = buildCpuModel(window.profile);
    const time = valueIndexOf(model, 'time');
    let idleUs = 0;
    for (let node = 0; node < model.nodes.count; node++) {
      if (isSystemFrame(model.frames[model.nodes.frame[node]!]!)) idleUs += model.nodes.self[time]![node]!;
    }
    const busyUs = grandTotal(model, time) - idleUs;
    if (!best || busyUs > best.busyUs) best = { busyUs, frames: hotFrames(model, HOT_FRAMES) };
  }
  return best ? { hotFrames: best.frames } : {};
}
