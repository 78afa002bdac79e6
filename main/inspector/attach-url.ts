/**
 * Attach to an inspector someone already opened, by address: `host:port`, `http://host:port` or
 * `ws://host:port/<id>`. Anything beyond this machine needs an explicit opt-in, because an inspector
 * runs any code it is sent.
 */
import type { AttachedTarget } from './attached-target';
import { AttachError } from './attached-target';
import type { InspectorAddress } from './inspector-http';
import { readInspectorTargets } from './inspector-http';
import { isLoopbackHost } from '../../core/network/loopback-host';
import { parseInspectorAddress } from './inspector-address';
import { openVerifiedSession } from './open-verified-session';

export interface AttachByUrlOptions {
  /** Allow a host other than this machine (the CLI's `--allow-remote`). */
  allowRemote?: boolean;
  /**
   * Told each warning as soon as it is known (the remote one: before any connection, so the user reads
   * it even when the attach then fails or hangs). Warnings told here are left out of `warnings`.
   */
  onWarning?: (warning: string) => void;
}

/**
 * Attaches to the inspector at `address`. Fails with an {@link AttachError}: `remote-not-allowed`,
 * `unreachable`, `node-too-old`. A remote target comes with a warning (`onWarning`, else `warnings`).
 */
export async function attachByUrl(
  address: string,
  options: AttachByUrlOptions = {},
): Promise<AttachedTarget> {
  const parsed = parseInspectorAddress(address);
  if ('error' in parsed) throw new AttachError('unreachable', parsed.error);
  const where = `${parsed.host}:${parsed.port}`;
  const warnings: string[] = [];
  if (!isLoopbackHost(parsed.host)) {
    if (!options.allowRemote) {
      throw new AttachError(
        'remote-not-allowed',
        `${parsed.host} is not this machine: pass --allow-remote to attach to a remote inspector (it grants code execution; an SSH tunnel is safer)`,
      );
    }
    const warning = remoteWarning(parsed.host, parsed.port);
    if (options.onWarning) options.onWarning(warning);
    else warnings.push(warning);
  }

  const webSocketUrl = parsed.webSocketUrl ?? (await webSocketUrlAt(parsed, where));
  const verified = await openVerifiedSession(webSocketUrl);
  const { session } = verified;
  return {
    session,
    pid: verified.pid,
    nodeVersion: verified.nodeVersion,
    inspectorUrl: webSocketUrl,
    attachedBy: 'url',
    openedByUs: false,
    warnings,
    exited: session.closed.then(() => null),
    async stop() {
      await session.close();
    },
  };
}

/** The warning shown whenever we attach beyond this machine (callers add their `warning:` prefix). */
export function remoteWarning(host: string, port: number): string {
  return (
    `the inspector at ${host}:${port} lets anyone who reaches it run code in that process; ` +
    `prefer an SSH tunnel (ssh -L ${port}:127.0.0.1:${port} ${host.replace(/^\[|\]$/g, '')}) and attach to 127.0.0.1:${port}`
  );
}

async function webSocketUrlAt(address: InspectorAddress, where: string): Promise<string> {
  const targets = await readInspectorTargets(address).catch((error: Error) => {
    throw new AttachError('unreachable', `cannot reach an inspector at ${where}: ${error.message}`);
  });
  const reported = (targets.find((t) => t.type === 'node') ?? targets[0])?.webSocketDebuggerUrl;
  if (!reported) throw new AttachError('unreachable', `the inspector at ${where} lists no target`);
  // The inspector names itself as it sees itself; through a tunnel or NAT only the address we used works.
  const url = new URL(reported);
  url.host = where;
  return url.href;
}
