/** Shares as people read them. */

/** `35%` for a ratio of 0.35: whole percent, rounded. */
export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}
