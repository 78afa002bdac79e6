/** Which view is on screen and what is selected in it. */
import type { SliceCreator } from './slice';

export const VIEWS = [
  'attach',
  'dashboard',
  'chains',
  'allocations',
  'cpu',
  'network',
  'findings',
  'sessions',
] as const;
export type ViewName = (typeof VIEWS)[number];

export interface UiSlice {
  view: ViewName;
  /** Index into the findings on screen, or null. */
  selectedFinding: number | null;
  /** Index of the snapshot the Chains view shows; null follows the latest. */
  chainsSnapshot: number | null;
  /**
   * The process or thread the views show in a session of several (a `SessionPart` id); null for all of
   * them combined. Ignored in a one-process session.
   */
  part: string | null;
  /** The user moves to `view`: a recorder error shown in the header is old news then, and goes. */
  setView(view: ViewName): void;
  selectFinding(index: number | null): void;
  setChainsSnapshot(index: number | null): void;
  /** Shows one process or thread (null: all); what was selected in the previous one goes. */
  choosePart(part: string | null): void;
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  view: 'attach',
  selectedFinding: null,
  chainsSnapshot: null,
  part: null,
  setView: (view) => set({ view, liveError: null }),
  selectFinding: (selectedFinding) => set({ selectedFinding }),
  setChainsSnapshot: (chainsSnapshot) => set({ chainsSnapshot }),
  choosePart: (part) => set({ part, selectedFinding: null, chainsSnapshot: null }),
});
