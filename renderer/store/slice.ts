/** How a slice is made: given the backend API, a zustand state creator over the whole app state. */
import type { StateCreator } from 'zustand';
import type { HyperscopeApi } from '../../core/bridge/contract';
import type { AppState } from './store';

export type SliceCreator<T> = (api: HyperscopeApi) => StateCreator<AppState, [], [], T>;

/** One line from anything thrown, for error states. */
export function errorLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
