/**
 * The live side: the recorder's state, and snapshots (of the target and of each process or thread
 * recorded with it), findings and marks as they come in while recording.
 */
import type { AgentSnapshot } from '../../core/agent-protocol';
import { findingIdentity } from '../../core/bridge/finding-identity';
import { IDLE_RECORDING } from '../../core/bridge/contract';
import type { RecordingState, SourceSnapshot, StartRecordingRequest } from '../../core/bridge/contract';
import type { Finding } from '../../core/findings/finding';
import type { MarkRecord } from '../../core/session/records';
import { ringRequestOf } from '../view-models/ring-choice';
import { NO_RING_SAVES } from './ring-slice';
import { NO_HEAP_SNAPSHOT } from './retainers-slice';
import { errorLine } from './slice';
import type { SliceCreator } from './slice';

/** Snapshots kept on screen while recording: an hour at the default 1 s interval. The file keeps all. */
export const MAX_LIVE_SNAPSHOTS = 3600;

export { IDLE_RECORDING };

export interface LiveSlice {
  recording: RecordingState;
  /** The recording's target's snapshots. */
  liveSnapshots: AgentSnapshot[];
  /** The snapshots of each other process or thread it records, by source id. */
  liveSourceSnapshots: Readonly<Record<string, AgentSnapshot[]>>;
  liveFindings: Finding[];
  /** Marks of the current recording, as the recorder wrote them. */
  liveMarks: MarkRecord[];
  liveError: string | null;
  applyRecordingState(state: RecordingState): void;
  applySnapshot(snapshot: AgentSnapshot): void;
  applySourceSnapshot(event: SourceSnapshot): void;
  applyFinding(finding: Finding): void;
  /** Starts recording the attached target, keeping only its last minutes when the ring choice is on. */
  startRecording(options?: StartRecordingRequest): Promise<void>;
  stopRecording(): Promise<void>;
  mark(label: string): Promise<void>;
  /** Detaches from the target (stopping a launched or demo process). */
  detach(): Promise<void>;
}

export const createLiveSlice: SliceCreator<LiveSlice> = (api) => (set, get) => ({
  recording: IDLE_RECORDING,
  liveSnapshots: [],
  liveSourceSnapshots: {},
  liveFindings: [],
  liveMarks: [],
  liveError: null,
  applyRecordingState(recording) {
    set({ recording, liveError: recording.error });
  },
  applySnapshot(snapshot) {
    set({ liveSnapshots: appended(get().liveSnapshots, snapshot) });
  },
  applySourceSnapshot({ source, snapshot }) {
    const all = get().liveSourceSnapshots;
    set({ liveSourceSnapshots: { ...all, [source]: appended(all[source] ?? [], snapshot) } });
  },
  applyFinding(finding) {
    // The same problem reported again replaces the older report (fresher evidence); the same problem in
    // two workers is two findings.
    const key = liveFindingKey(finding);
    const others = get().liveFindings.filter((f) => liveFindingKey(f) !== key);
    set({ liveFindings: [...others, finding] });
  },
  async startRecording(options = {}) {
    const ring = ringRequestOf(get().ringChoice);
    if (ring.error !== null) {
      set({ liveError: ring.error });
      return;
    }
    set({
      liveError: null,
      liveSnapshots: [],
      liveSourceSnapshots: {},
      liveFindings: [],
      liveMarks: [],
      ringSaves: NO_RING_SAVES,
      heapSnapshot: NO_HEAP_SNAPSHOT,
    });
    try {
      const request = {
        ...(ring.ringMs !== null ? { ringMs: ring.ringMs } : {}),
        ...(get().retainersChoice ? { retainers: true } : {}),
        ...options,
      };
      set({ recording: await api.startRecording(request) });
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

/** `kept` with `snapshot` at its end, a new array of at most {@link MAX_LIVE_SNAPSHOTS}. */
function appended(kept: readonly AgentSnapshot[], snapshot: AgentSnapshot): AgentSnapshot[] {
  const next =
    kept.length >= MAX_LIVE_SNAPSHOTS ? kept.slice(kept.length - MAX_LIVE_SNAPSHOTS + 1) : kept.slice();
  next.push(snapshot);
  return next;
}

function liveFindingKey(finding: Finding): string {
  return `${finding.place?.part ?? ''}|${findingIdentity(finding)}`;
}
