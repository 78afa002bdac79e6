/** Remembers the window's size, position and maximised state between launches (a JSON file in userData). */
import { readFileSync, writeFileSync } from 'node:fs';

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };

/** The saved state, or the default when there is none or it is damaged. */
export function loadWindowState(file: string): WindowState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>;
    const ok = (n: unknown, min: number): n is number =>
      typeof n === 'number' && Number.isFinite(n) && n >= min;
    if (!ok(raw.width, 400) || !ok(raw.height, 300)) return DEFAULT_WINDOW_STATE;
    return {
      width: raw.width,
      height: raw.height,
      maximized: raw.maximized === true,
      ...(ok(raw.x, -10_000) && ok(raw.y, -10_000) ? { x: raw.x, y: raw.y } : {}),
    };
  } catch {
    return DEFAULT_WINDOW_STATE;
  }
}

export function saveWindowState(file: string, state: WindowState): void {
  try {
    writeFileSync(file, JSON.stringify(state), { mode: 0o600 });
  } catch {
    // Not remembering the window is no reason to fail quitting.
  }
}
