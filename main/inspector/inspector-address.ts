/**
 * Parses what a user types to name an inspector: `host:port`, `http://host:port[/…]` or
 * `ws://host:port/<id>` (loopback hosts: `core/network/loopback-host.ts`).
 */
import type { InspectorAddress } from './inspector-http';

export interface ParsedInspectorAddress extends InspectorAddress {
  /** The WebSocket URL when the user gave one (`ws://` or `wss://`), else null. */
  webSocketUrl: string | null;
}

/** Parses an inspector address; returns a one-line reason instead when it cannot. */
export function parseInspectorAddress(text: string): ParsedInspectorAddress | { error: string } {
  const trimmed = text.trim();
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `http://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return {
      error: `"${text}" is not an inspector address (expected host:port, http://host:port or ws://host:port/ID)`,
    };
  }
  const scheme = url.protocol.replace(/:$/, '');
  if (!['http', 'ws', 'wss'].includes(scheme)) {
    return { error: `"${text}": unsupported scheme ${scheme}:// (use host:port, http:// or ws://)` };
  }
  if (!url.port) {
    return { error: `"${text}" names no port (the inspector's port is usually 9229)` };
  }
  const isWebSocket = scheme === 'ws' || scheme === 'wss';
  if (isWebSocket && url.pathname.length <= 1) {
    return {
      error: `"${text}" lacks the target id (ws://host:port/ID, as printed by "Debugger listening on")`,
    };
  }
  return { host: url.hostname, port: Number(url.port), webSocketUrl: isWebSocket ? url.href : null };
}
