/**
 * Starts the relay inside a target's network namespace (`nsenter --net=/proc/PID/ns/net`, plus its user
 * namespace when that differs — a rootless container its owner may enter) and dials through it.
 */
import { spawn } from 'node:child_process';
import type { Socket } from 'node:net';
import type { DialReply, DialRequest, RelayMessage } from './relay-messages';
import { relayScriptPath } from './relay-script';

/** A relay running in one network namespace. */
export interface NetnsRelay {
  /** The relay's process id (it is `nsenter` exec'd into Node). */
  readonly pid: number;
  /** A socket connected to `host:port` in the target's network namespace; rejects with the relay's error. */
  dial(host: string, port: number, timeoutMs?: number): Promise<Socket>;
  /** Resolves when the relay has exited, whoever ended it. */
  readonly exited: Promise<void>;
  /** Ends the relay; sockets it handed over stay connected (they are ours). */
  close(): Promise<void>;
}

/** Why the relay could not start: `privilege` when the kernel refused to enter the namespace. */
export class RelayStartError extends Error {
  constructor(
    readonly reason: 'privilege' | 'missing-nsenter' | 'failed',
    message: string,
  ) {
    super(message);
    this.name = 'RelayStartError';
  }
}

export interface RelayPlace {
  /** The target's host pid, whose namespaces are entered. */
  pid: number;
  /** Its `/proc/PID/ns/net` link, read before: the relay must report the same (pid reuse). */
  netNamespace: string;
  /** Also enter its user namespace (it is not ours). */
  enterUserNamespace: boolean;
}

const START_TIMEOUT_MS = 5000;
const DIAL_TIMEOUT_MS = 2000;

/** Starts a relay in `place`'s network namespace; resolves once it is ready and proven to be there. */
export async function startNetnsRelay(place: RelayPlace): Promise<NetnsRelay> {
  const script = await relayScriptPath();
  const namespaces = [`--net=/proc/${place.pid}/ns/net`];
  // Entering a user namespace first gives its owner the rights to enter the network namespace it owns.
  if (place.enterUserNamespace)
    namespaces.unshift(`--user=/proc/${place.pid}/ns/user`, '--preserve-credentials');
  const child = spawn('nsenter', [...namespaces, '--', process.execPath, script], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    // Under Electron, `process.execPath` is Electron itself: make it behave as Node.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const ready = await new Promise<RelayMessage | Error>((resolve) => {
    const timer = setTimeout(
      () => resolve(new Error(`no answer within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    child.once('message', (message: RelayMessage) => (clearTimeout(timer), resolve(message)));
    child.once('error', (error) => (clearTimeout(timer), resolve(error)));
    void exited.then(() => (clearTimeout(timer), resolve(new Error('exited'))));
  });
  if (ready instanceof Error || ready.kind !== 'ready' || ready.netNamespace !== place.netNamespace) {
    child.kill('SIGKILL');
    throw startError(ready, stderr, place);
  }
  return relayOver(child, exited);
}

function relayOver(child: ReturnType<typeof spawn>, exited: Promise<void>): NetnsRelay {
  let nextId = 1;
  const pending = new Map<number, { resolve: (socket: Socket) => void; reject: (error: Error) => void }>();
  child.on('message', (reply: DialReply, handle?: Socket) => {
    const waiter = pending.get(reply.id);
    if (!waiter) return handle?.destroy();
    pending.delete(reply.id);
    if (reply.kind === 'dialed' && handle) waiter.resolve(handle);
    else waiter.reject(dialError(reply));
  });
  void exited.then(() => {
    for (const waiter of pending.values()) waiter.reject(new Error('the relay exited'));
    pending.clear();
  });
  return {
    pid: child.pid!,
    exited,
    dial(host, port, timeoutMs = DIAL_TIMEOUT_MS) {
      if (!child.connected) return Promise.reject(new Error('the relay has exited'));
      const id = nextId++;
      return new Promise<Socket>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        const request: DialRequest = { kind: 'dial', id, host, port, timeoutMs };
        child.send(request);
      });
    },
    async close() {
      if (child.exitCode === null && child.signalCode === null) {
        if (child.connected) child.disconnect(); // the relay exits on its own
        const timer = setTimeout(() => child.kill('SIGKILL'), 1000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

function dialError(reply: DialReply): Error {
  const error: NodeJS.ErrnoException = new Error(
    reply.kind === 'dial-failed' ? reply.message : 'the relay sent no socket',
  );
  error.code = reply.kind === 'dial-failed' ? reply.code : 'EIO';
  return error;
}

function startError(answer: RelayMessage | Error, stderr: string, place: RelayPlace): RelayStartError {
  const said = stderr.trim().split('\n').at(-1) ?? '';
  if ((answer as NodeJS.ErrnoException).code === 'ENOENT' && answer instanceof Error) {
    return new RelayStartError('missing-nsenter', 'nsenter (util-linux) is not installed');
  }
  if (/Operation not permitted|Permission denied/i.test(said)) return new RelayStartError('privilege', said);
  if (!(answer instanceof Error) && answer.kind === 'ready') {
    return new RelayStartError(
      'failed',
      `the relay entered ${answer.netNamespace}, not ${place.netNamespace} (did process ${place.pid} exit?)`,
    );
  }
  const why = answer instanceof Error ? answer.message : 'it answered something else';
  return new RelayStartError('failed', `the relay did not start (${said || why})`);
}
