/**
 * Ring recordings: the Attach view's "keep only the last … minutes" choice (every recording started from
 * the UI uses it), and saving the running ring recording's ring to a new file, then opening that file.
 */
import type { SavedRing } from '../../core/bridge/contract';
import { DEFAULT_RING_CHOICE } from '../view-models/ring-choice';
import type { RingChoice } from '../view-models/ring-choice';
import { errorLine } from './slice';
import type { SliceCreator } from './slice';

/** Saves of the current ring recording: the last file written, and whether one is being written. */
export interface RingSaves {
  saving: boolean;
  /** The last ring written in this recording, or null. */
  saved: SavedRing | null;
  /** Why the last save failed, one line; null when it did not. */
  error: string | null;
}

export const NO_RING_SAVES: RingSaves = { saving: false, saved: null, error: null };

export interface RingSlice {
  ringChoice: RingChoice;
  ringSaves: RingSaves;
  setRingChoice(choice: RingChoice): void;
  /** Writes the running recording's ring to a new file; the recording goes on. */
  saveRing(): Promise<void>;
  /** Opens the ring saved last as the session, and shows it in the Sessions view. */
  openSavedRing(): Promise<void>;
  /** Puts the saved-ring notice away. */
  dismissRingSave(): void;
}

export const createRingSlice: SliceCreator<RingSlice> = (api) => (set, get) => ({
  ringChoice: DEFAULT_RING_CHOICE,
  ringSaves: NO_RING_SAVES,
  setRingChoice: (ringChoice) => set({ ringChoice }),
  async saveRing() {
    if (get().ringSaves.saving) return;
    set({ ringSaves: { ...get().ringSaves, saving: true, error: null } });
    try {
      const saved = await api.saveRing();
      set({ ringSaves: { saving: false, saved, error: null } });
    } catch (error) {
      set({ ringSaves: { ...get().ringSaves, saving: false, error: errorLine(error) } });
    }
  },
  async openSavedRing() {
    const { saved } = get().ringSaves;
    if (!saved) return;
    // While the recording runs the other views show it live: the Sessions view is where this file shows.
    get().setView('sessions');
    await get().openSession({ kind: 'path', path: saved.path });
  },
  dismissRingSave: () => set({ ringSaves: NO_RING_SAVES }),
});
