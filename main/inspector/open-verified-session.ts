/**
 * Connects to an inspector WebSocket and checks, from inside, that it belongs to the process we meant
 * (another process may answer on the same port) and that its Node is new enough.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { withTimeout } from '../recorder/with-timeout';
import { AttachError } from './attached-target';
import { nodeMajorVersion } from './inspector-http';
import type { InspectorSession } from './inspector-session';
import { connectInspector } from './inspector-session';

/** The oldest Node major version we support. */
export const MIN_NODE_MAJOR = 18;

const IDENTIFY_TIMEOUT_MS = 5000;
/** Pause before asking a target again that could not tell its pid yet, ms. */
const IDENTIFY_RETRY_MS = 50;

export interface VerifiedSession {
  session: InspectorSession;
  /** `process.pid` as the target reports it. */
  pid: number;
  /** `process.version` of the target, e.g. `v20.20.2`. */
  nodeVersion: string;
}

/**
 * Opens a session on `webSocketUrl`. When `expectedPids` is given, the target's `process.pid` must be
 * one of them (a process has one pid per PID namespace), else fails with `wrong-process`.
 */
export async function openVerifiedSession(
  webSocketUrl: string,
  expectedPids?: number[],
): Promise<VerifiedSession> {
  let session: InspectorSession;
  try {
    session = await connectInspector(webSocketUrl);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AttachError('unreachable', `cannot open the inspector WebSocket ${webSocketUrl}: ${reason}`);
  }
  try {
    const { pid, nodeVersion } = await identify(session);
    if (expectedPids && !expectedPids.includes(pid)) {
      throw new AttachError(
        'wrong-process',
        `the inspector at ${webSocketUrl} belongs to process ${pid}, not ${expectedPids[0]}`,
      );
    }
    assertSupportedNode(nodeVersion);
    return { session, pid, nodeVersion };
  } catch (error) {
    await session.close().catch(() => undefined);
    throw error;
  }
}

/** Throws `node-too-old` for a Node older than {@link MIN_NODE_MAJOR}. */
export function assertSupportedNode(nodeVersion: string): void {
  const major = nodeMajorVersion(nodeVersion);
  if (!(major >= MIN_NODE_MAJOR)) {
    throw new AttachError('node-too-old', `Node ${nodeVersion} is too old (need ≥ ${MIN_NODE_MAJOR})`);
  }
}

/**
 * Asks the target for its pid and Node version. A target caught early in its start-up may not have
 * `process.pid` yet (Node sets it when it prepares to run the main script, after the inspector is up;
 * a CI run met `[null, "v20…"]`): then it is asked again, until the answer is whole or the time is up.
 */
async function identify(session: InspectorSession): Promise<{ pid: number; nodeVersion: string }> {
  const deadline = Date.now() + IDENTIFY_TIMEOUT_MS;
  for (;;) {
    const answer = await askPidAndVersion(session, Math.max(1, deadline - Date.now()));
    if (answer) return answer;
    if (Date.now() + IDENTIFY_RETRY_MS >= deadline) {
      throw new AttachError(
        'unreachable',
        'connected, but the target did not report its pid and Node version',
      );
    }
    await sleep(IDENTIFY_RETRY_MS);
  }
}

/** One `[process.pid, process.version]`; undefined while the target cannot tell both yet. */
async function askPidAndVersion(
  session: InspectorSession,
  timeoutMs: number,
): Promise<{ pid: number; nodeVersion: string } | undefined> {
  const reply = await withTimeout(
    session.send('Runtime.evaluate', {
      expression: 'JSON.stringify([process.pid, process.version])',
      returnByValue: true,
    }),
    timeoutMs,
    'the target (asked for its pid)',
  ).catch((error: unknown) => {
    const reason = error instanceof Error ? error.message : String(error);
    throw new AttachError('unreachable', `connected, but ${reason}`);
  });
  const value: unknown = reply.result.value;
  const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : null;
  if (!Array.isArray(parsed) || typeof parsed[0] !== 'number' || typeof parsed[1] !== 'string') {
    return undefined;
  }
  return { pid: parsed[0], nodeVersion: parsed[1] };
}
