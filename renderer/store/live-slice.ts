/** The live side: the recorder's state, and snapshots, findings and marks as they come in while recording. */
import type { AgentSnapshot } from '../../core/agent-protocol';
import { findingIdentity } from '../../core/bridge/finding-identity';
import { IDLE_RECORDING } from '../../core/bridge/contract';
import type { RecordingState } from '../../core/bridge/contract';
import type { Finding } from '../../core/findings/finding';
import type { MarkRecord, RecordingOptions } from '../../core/session/records';
import { errorLine } from './slice';
import type { SliceCreator } from './slice';

/** Snapshots kept on screen while recording: an hour at the default 1 s interval. The file keeps all. */
export const MAX_LIVE_SNAPSHOTS = 3600;

export { IDLE_RECORDING };

export interface LiveSlice {
  recording: RecordingState;
  liveSnapshots: AgentSnapshot[];
  liveFindings: Finding[];
  /** Marks of the current recording, as the recorder wrote them. */
  liveMarks: MarkRecord[];
  liveError: string | null;
  applyRecordingState(state: RecordingState): void;
  applySnapshot(snapshot: AgentSnapshot): void;
  applyFinding(finding: Finding): void;
  startRecording(options?: Partial<RecordingOptions>): Promise<void>;
  stopRecording(): Promise<void>;
  mark(label: string): Promise<void>;
  /** Detaches from the target (stopping a launched or demo process). */
  detach(): Promise<void>;
}

export const createLiveSlice: SliceCreator<LiveSlice> = (api) => (set, get) => ({
  recording: IDLE_RECORDING,
  liveSnapshots: [],
  liveFindings: [],
  liveMarks: [],
  liveError: null,
  applyRecordingState(recording) {
    set({ recording, liveError: recording.error });
  },
  applySnapshot(snapshot) {
    const kept = get().liveSnapshots;
    const next =
      kept.length >= MAX_LIVE_SNAPSHOTS ? kept.slice(kept.length - MAX_LIVE_SNAPSHOTS + 1) : kept.slice();
    next.push(snapshot);
    set({ liveSnapshots: next });
  },
  applyFinding(finding) {
    // The same problem reported again replaces the older report (fresher evidence).
    const others = get().liveFindings.filter((f) => findingIdentity(f) !== findingIdentity(finding));
    set({ liveFindings: [...others, finding] });
  },
  async startRecording(options = {}) {
    set({ liveError: null, liveSnapshots: [], liveFindings: [], liveMarks: [] });
    try {
      set({ recording: await api.startRecording(options) });
    } catch (error) {
      set({ liveError: errorLine(error) });
    }
  },
  async stopRecording() {
    try {
      get().showSession(await api.stopRecording());
    } catch (error) {
      set({ liveError: errorLine(error) });
    }
  },
  async detach() {
    await api.detach().catch((error: unknown) => set({ liveError: errorLine(error) }));
  },
  async mark(label) {
    try {
      const written = await api.mark({ label });
      if (written) set({ liveMarks: [...get().liveMarks, written] });
    } catch (error) {
      set({ liveError: errorLine(error) });
    }
  },
});
