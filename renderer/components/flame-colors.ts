/** Flame graph colours per frame family, for the light and the dark theme. */
import type { FlameColorKey } from '../../core/profile/flame-view-model';

export interface FlamePalette {
  fill: Record<FlameColorKey, string>;
  text: string;
  highlight: string;
  dimmed: string;
  selected: string;
}

const LIGHT: FlamePalette = {
  fill: {
    app: '#f59e66',
    dependency: '#e8c25c',
    node: '#8fbce6',
    native: '#b8b8c8',
    system: '#cfd4da',
    merged: '#d6d9de',
  },
  text: '#1f2328',
  highlight: '#e0338a',
  dimmed: '#eceef1',
  selected: '#1f2328',
};

const DARK: FlamePalette = {
  fill: {
    app: '#b8612f',
    dependency: '#a68a2c',
    node: '#3e6f9c',
    native: '#5d5d70',
    system: '#454b55',
    merged: '#3a3f47',
  },
  text: '#f2f3f5',
  highlight: '#ff5fa8',
  dimmed: '#2a2e35',
  selected: '#ffffff',
};

export function flamePalette(dark: boolean): FlamePalette {
  return dark ? DARK : LIGHT;
}
