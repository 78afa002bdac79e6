/**
 * Electron's IPC in front of the backend: one `handle` per request channel, each checking that the message
 * comes from our own window's main frame and that its payload fits the contract; backend events go to
 * that window only.
 */
import { EVENT_CHANNELS, REQUEST_CHANNELS, ipcEventName, ipcRequestName } from '../../core/bridge/contract';
import type { EventChannel } from '../../core/bridge/contract';
import { validateRequest } from '../../core/bridge/validate-request';
import type { Backend } from '../bridge/backend';

/** The parts of Electron's `ipcMain` and its event this module uses (so tests can pass fakes). */
export interface IpcMainLike {
  handle(channel: string, handler: (event: IpcEventLike, payload: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}
export interface IpcEventLike {
  senderFrame: { url: string; parent: unknown } | null;
  sender: { id: number };
}
export interface WebContentsLike {
  id: number;
  isDestroyed(): boolean;
  send(channel: string, payload: unknown): void;
}

/** True for a URL of our renderer (the packaged `index.html`, as a file URL). */
export type TrustedUrl = (url: string) => boolean;

export function registerIpcHandlers(
  ipc: IpcMainLike,
  backend: Backend,
  window: () => WebContentsLike | null,
  trusted: TrustedUrl,
): () => void {
  for (const channel of REQUEST_CHANNELS) {
    ipc.handle(ipcRequestName(channel), async (event, payload) => {
      const contents = window();
      const frame = event.senderFrame;
      // Only our own window's top frame may call: not another window, not an iframe, not a page it navigated to.
      if (
        !contents ||
        event.sender.id !== contents.id ||
        !frame ||
        frame.parent !== null ||
        !trusted(frame.url)
      )
        throw new Error(`refused ${channel}: not from the Hyperscope window`);
      const request = validateRequest(channel, payload);
      return (backend.handlers[channel] as (request: unknown) => Promise<unknown>)(request);
    });
  }
  const unsubscribe = backend.subscribe((event: EventChannel, payload) => {
    const contents = window();
    if (contents && !contents.isDestroyed()) contents.send(ipcEventName(event), payload);
  });
  return () => {
    unsubscribe();
    for (const channel of REQUEST_CHANNELS) ipc.removeHandler(ipcRequestName(channel));
  };
}

/** Names checked by tests: every event has an IPC name. */
export const IPC_EVENT_NAMES = EVENT_CHANNELS.map(ipcEventName);
