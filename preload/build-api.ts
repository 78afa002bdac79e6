/**
 * Builds `window.hyperscope` from Electron's `ipcRenderer`: one function per request channel and one
 * `onX(listener)` per event, each returning its unsubscribe. The renderer never gets `ipcRenderer` itself.
 */
import {
  EVENT_CHANNELS,
  REQUEST_CHANNELS,
  ipcEventName,
  ipcRequestName,
  subscriberName,
} from '../core/bridge/contract';
import type { HyperscopeApi } from '../core/bridge/contract';

/** The part of `ipcRenderer` the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown;
}

export function buildApi(ipc: IpcRendererLike): HyperscopeApi {
  const api: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    const name = ipcRequestName(channel);
    api[channel] = (payload?: unknown) => ipc.invoke(name, payload);
  }
  for (const event of EVENT_CHANNELS) {
    const name = ipcEventName(event);
    api[subscriberName(event)] = (listener: (payload: unknown) => void) => {
      // Drop Electron's event object: it would hand the renderer `sender` (an IPC handle).
      const forward = (_event: unknown, payload: unknown): void => listener(payload);
      ipc.on(name, forward);
      return () => {
        ipc.removeListener(name, forward);
      };
    };
  }
  return Object.freeze(api) as HyperscopeApi;
}
