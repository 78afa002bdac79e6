/**
 * Chooses the backend: Electron's preload exposes `window.hyperscope`; otherwise this is browser mode and
 * the bridge is a WebSocket to the server that served the page, carrying the page URL's token.
 */
import type { HyperscopeApi } from '../../core/bridge/contract';
import { WS_BRIDGE_PATH } from '../../core/bridge/ws-messages';
import { createWsBridge } from './ws-bridge';

export function pickBridge(win: Window & { hyperscope?: HyperscopeApi }): HyperscopeApi {
  if (win.hyperscope) return win.hyperscope;
  const token = new URLSearchParams(win.location.search).get('token');
  if (!token)
    throw new Error('This page needs the URL that `hyperscope ui` printed (it carries an access token).');
  const scheme = win.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const socket = new WebSocket(
    `${scheme}//${win.location.host}${WS_BRIDGE_PATH}?token=${encodeURIComponent(token)}`,
  );
  return createWsBridge(socket);
}
