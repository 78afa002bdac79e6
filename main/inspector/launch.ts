/**
 * Launch a target with its inspector open on a free loopback port, forward its output (minus the
 * inspector's banner), attach to it, and stop it when done. `npm start`-style wrappers work: the
 * inspector flag travels in NODE_OPTIONS, and inspectors of package managers are passed over.
 */
import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import type { AttachedTarget, TargetExit } from './attached-target';
import type { OutputSinks } from './launched-output';
import { forwardLaunchedOutput } from './launched-output';
import { signalGroup, stopChildGroup } from './stop-child-group';
import { waitForLaunchedInspector } from './wait-for-launched-inspector';

/** Opens the inspector on a port the system picks, on loopback only. */
export const INSPECT_FLAG = '--inspect=127.0.0.1:0';

export interface LaunchOptions {
  /** Leave the child running when the attachment stops. */
  keep?: boolean;
  /** true (default): to this process's stdout/stderr; false: dropped; or to the given streams. */
  forwardOutput?: boolean | OutputSinks;
  cwd?: string;
  /** The child's environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  /** How long the child may take to open its inspector, in milliseconds. Default 30000. */
  startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL, in milliseconds. Default 5000. */
  stopGraceMs?: number;
}

/**
 * Starts `command args…` with an inspector and attaches to it. Fails with an {@link AttachError}:
 * `target-exited` (it could not start, or exited before its inspector opened), `unreachable`,
 * `node-too-old`; the child is stopped again on failure.
 */
export async function launchTarget(
  command: string,
  args: readonly string[],
  options: LaunchOptions = {},
): Promise<AttachedTarget> {
  const child = spawnWithInspector(command, args, options);
  const exited = new Promise<TargetExit>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const forward = options.forwardOutput ?? true;
  const sinks = forward === true ? { stdout: process.stdout, stderr: process.stderr } : forward || null;
  const announcedUrls = forwardLaunchedOutput(child, sinks);
  const stopChild = () => stopChildGroup(child, exited, options.stopGraceMs ?? 5000);
  // Should we die without stopping it, the child (in its own process group) must not outlive us.
  const killOnExit = () => void (child.pid && signalGroup(child.pid, 'SIGKILL'));
  if (!options.keep) process.once('exit', killOnExit);

  const timeoutMs = options.startTimeoutMs ?? 30_000;
  const verified = await waitForLaunchedInspector({ command, child, exited, announcedUrls, timeoutMs }).catch(
    async (error: unknown) => {
      process.removeListener('exit', killOnExit);
      await stopChild();
      throw error;
    },
  );
  const { session } = verified;
  return {
    session,
    pid: verified.pid,
    nodeVersion: verified.nodeVersion,
    inspectorUrl: session.url,
    attachedBy: 'launch',
    openedByUs: true,
    warnings: [],
    exited,
    async stop() {
      process.removeListener('exit', killOnExit);
      await session.close().catch(() => undefined);
      if (options.keep) unrefChild(child);
      else await stopChild();
    },
  };
}

function spawnWithInspector(command: string, args: readonly string[], options: LaunchOptions): ChildProcess {
  const env = { ...(options.env ?? process.env) };
  const direct = isNodeCommand(command);
  // For `node` itself the flag goes on the command line; anything else (npm, a shell script) passes it
  // on through NODE_OPTIONS to the Node processes it starts.
  if (!direct) env.NODE_OPTIONS = [env.NODE_OPTIONS, INSPECT_FLAG].filter(Boolean).join(' ');
  const child = spawn(command, direct ? [INSPECT_FLAG, ...args] : [...args], {
    cwd: options.cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so that stopping it also stops what a wrapper started.
    detached: true,
  });
  // Without a listener, a failed spawn would crash us; waitForLaunchedInspector reports it.
  child.on('error', () => undefined);
  return child;
}

function isNodeCommand(command: string): boolean {
  return command === process.execPath || /^node(js)?$/.test(basename(command));
}

/** Lets this process exit while a kept child runs on (its output is forwarded until then). */
function unrefChild(child: ChildProcess): void {
  child.unref();
  for (const stream of [child.stdout, child.stderr]) (stream as { unref?: () => void } | null)?.unref?.();
}
