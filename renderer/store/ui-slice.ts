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
  /** The user moves to `view`: a recorder error shown in the header is old news then, and goes. */
  setView(view: ViewName): void;
  selectFinding(index: number | null): void;
  setChainsSnapshot(index: number | null): void;
}

export const createUiSlice: SliceCreator<UiSlice> = () => (set) => ({
  view: 'attach',
  selectedFinding: null,
  chainsSnapshot: null,
  setView: (view) => set({ view, liveError: null }),
  selectFinding: (selectedFinding) => set({ selectedFinding }),
  setChainsSnapshot: (chainsSnapshot) => set({ chainsSnapshot }),
});
