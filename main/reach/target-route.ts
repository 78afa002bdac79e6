/**
 * How Hyperscope reaches a local target: directly when it shares our network namespace; through a relay
 * started inside its namespace when it does not (a container), so that its 127.0.0.1 is the one dialled —
 * never ours, where another process may listen on the same port.
 */
import { readlink } from 'node:fs/promises';
import type { LoopbackForwarder } from './loopback-forwarder';
import { openLoopbackForwarder } from './loopback-forwarder';
import type { NetnsRelay } from './relay/start-netns-relay';
import { acquireRelay } from './shared-relays';
import type { TargetNamespaces } from './target-namespaces';
import { readTargetNamespaces } from './target-namespaces';

/** A TCP address: `host` a hostname, IPv4 or bracketed IPv6 address; `port` a TCP port. */
export interface NetworkAddress {
  host: string;
  port: number;
}

export interface TargetRoute {
  readonly namespaces: TargetNamespaces;
  /** Where to dial for `address` as the target sees it: itself when direct, else a port on our 127.0.0.1. */
  reach(address: NetworkAddress): Promise<NetworkAddress>;
  /** For users: how `address` is reached when not directly ("through a relay into …"), else null. */
  describe(address: NetworkAddress): string | null;
  /** Why a connection to `address` through the relay failed last (one phrase), or null. */
  whyUnreachable(address: NetworkAddress): Promise<string | null>;
  /** Where the target's files are seen from here: `/proc/PID/root` in another mount namespace, else null. */
  readonly fileRoot: string | null;
  /** Ends what this route opened (its forwarders, and the relay once no other route uses it). */
  close(): Promise<void>;
}

/**
 * The route to process `pid`. Rejects with a `RelayStartError` when it lives in another network namespace
 * and no relay can be started there (`privilege`: the kernel refused; `missing-nsenter`; `failed`).
 */
export async function openTargetRoute(pid: number): Promise<TargetRoute> {
  const namespaces = await readTargetNamespaces(pid);
  const fileRoot = namespaces.mountIsolated ? `/proc/${pid}/root` : null;
  if (!namespaces.netIsolated) {
    return {
      namespaces,
      fileRoot,
      reach: async (address) => address,
      describe: () => null,
      whyUnreachable: async () => null,
      close: async () => undefined,
    };
  }
  const [netNamespace, ourUser, theirUser] = await Promise.all([
    readlink(`/proc/${pid}/ns/net`),
    readlink('/proc/self/ns/user').catch(() => null),
    readlink(`/proc/${pid}/ns/user`).catch(() => null),
  ]);
  const enterUserNamespace = ourUser !== null && theirUser !== null && ourUser !== theirUser;
  const { relay, release } = await acquireRelay({ pid, netNamespace, enterUserNamespace });
  return relayedRoute(pid, namespaces, fileRoot, relay, release);
}

function relayedRoute(
  pid: number,
  namespaces: TargetNamespaces,
  fileRoot: string | null,
  relay: NetnsRelay,
  release: () => Promise<void>,
): TargetRoute {
  const forwarders = new Map<string, Promise<LoopbackForwarder>>();
  const where = namespaces.container ? `container ${namespaces.container}` : `process ${pid}`;
  return {
    namespaces,
    fileRoot,
    async reach(address) {
      const key = `${address.host}:${address.port}`;
      let forwarder = forwarders.get(key);
      if (!forwarder) {
        // The relay dials a bare IPv6 address; the URL form is bracketed.
        const host = address.host.replace(/^\[(.*)\]$/, '$1');
        forwarder = openLoopbackForwarder(() => relay.dial(host, address.port));
        forwarders.set(key, forwarder);
      }
      return { host: '127.0.0.1', port: (await forwarder).port };
    },
    describe: (address) =>
      `${address.host}:${address.port} in the network namespace of ${where}, through a relay (pid ${relay.pid})`,
    async whyUnreachable(address) {
      const forwarder = await forwarders.get(`${address.host}:${address.port}`)?.catch(() => null);
      const error = forwarder?.lastDialError();
      if (!error) return null;
      // A fresh `unshare --net` (or `ip netns add`) leaves the namespace's loopback down; containers bring it up.
      const hint =
        error.code === 'ENETUNREACH' ? ' (is the loopback interface of its network namespace down?)' : '';
      return `${error.message}${hint}`;
    },
    async close() {
      const opened = [...forwarders.values()];
      forwarders.clear();
      await Promise.all(opened.map((f) => f.then((forwarder) => forwarder.close()).catch(() => undefined)));
      await release();
    },
  };
}
