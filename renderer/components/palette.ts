/** Series colours readable on both the light and the dark theme (SVG attributes cannot use CSS variables). */
export const PALETTE = {
  blue: '#3b82f6',
  green: '#10b981',
  amber: '#f59e0b',
  red: '#ef4444',
  violet: '#8b5cf6',
  cyan: '#06b6d4',
  grey: '#94a3b8',
  pink: '#ec4899',
} as const;

/** Colours in order, for series without a fixed meaning. */
export const SERIES_COLORS = Object.values(PALETTE);
