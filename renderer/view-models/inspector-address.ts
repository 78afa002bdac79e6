/**
 * Reads what the user typed as an inspector address (`host:port`, `ws://host:port/id`, `http://…`) and
 * tells whether it is on this machine: anything else needs an explicit confirmation, since an inspector
 * grants code execution to whoever reaches it and the protocol is unencrypted.
 */
import { isLoopbackHost } from '../../core/network/loopback-host';

export interface InspectorAddress {
  host: string;
  port: number | null;
  loopback: boolean;
}

export function parseInspectorAddress(text: string): InspectorAddress | null {
  const trimmed = text.trim();
  if (!trimmed) return null;
  const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `ws://${trimmed}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    return null;
  }
  if (!['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol) || !url.hostname) return null;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return { host, port: url.port ? Number(url.port) : null, loopback: isLoopbackHost(host) };
}
