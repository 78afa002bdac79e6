/** The recent sessions list (File ▸ Open Recent): most recent first, no duplicates, at most ten. */
import { readFileSync, writeFileSync } from 'node:fs';

export const MAX_RECENT = 10;

export function addRecent(list: readonly string[], path: string): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

export function loadRecent(file: string): string[] {
  try {
    const raw: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return Array.isArray(raw)
      ? raw.filter((p): p is string => typeof p === 'string').slice(0, MAX_RECENT)
      : [];
  } catch {
    return [];
  }
}

export function saveRecent(file: string, list: readonly string[]): void {
  try {
    writeFileSync(file, JSON.stringify(list), { mode: 0o600 });
  } catch {
    // A lost recent list is harmless.
  }
}
