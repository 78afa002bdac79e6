// The inspector runs our evaluation as a V8 interrupt, in the middle of whatever the target runs — at
// startup, possibly inside the first load of a built-in module (a launch-mode recording once left a
// target with `crypto.createHash is not a function`). The agent must install only at a clean turn of the
// event loop; a loop that does not turn for long is the service's own code stuck (the reason to attach),
// so the agent then installs at once; a target that runs no JavaScript at all fails with one line.
import { afterAll, describe, expect, it } from 'vitest';
import { AgentError, injectAgent } from '../../main/agent/agent-client';
import { connectInspector, type InspectorSession } from '../../main/inspector/inspector-session';
import { killNodeTargets, startNodeTarget, type NodeTarget } from '../support/node-target';
import { waitFor } from '../support/wait-for';

/**
 * Says `ready`, then runs a long synchronous top-level section (`SPIN_MS`) that ends with the first load
 * of a built-in; logs whether the agent appeared during the section, and every install and removal.
 */
const SOURCE = String.raw`
const AGENT = Symbol.for('hyperscope.agent');
let installed = false;
setInterval(() => {
  const now = globalThis[AGENT] !== undefined;
  if (now !== installed) console.log(now ? 'agent installed' : 'agent removed');
  installed = now;
}, 20);
console.log('ready');
const end = Date.now() + SPIN_MS;
let seenDuring = false;
while (Date.now() < end) if (globalThis[AGENT] !== undefined) seenDuring = true;
require('node:zlib');
console.log('top-level done; agent seen during it: ' + seenDuring);
`;

const sessions: InspectorSession[] = [];
afterAll(async () => {
  for (const session of sessions) await session.close().catch(() => undefined);
  await killNodeTargets();
});

/** A target in its synchronous top-level section, and a session to its inspector. */
async function spinningTarget(spinMs: number): Promise<{ target: NodeTarget; session: InspectorSession }> {
  const target = await startNodeTarget(SOURCE.replace('SPIN_MS', String(spinMs)), ['--inspect=127.0.0.1:0']);
  const url = /Debugger listening on (ws:\/\/\S+)/.exec(target.output.stderr)?.[1];
  if (!url) throw new Error(`no inspector URL in: ${target.output.stderr}`);
  const session = await connectInspector(url);
  sessions.push(session);
  return { target, session };
}

describe('installing the agent into a target busy at startup', () => {
  it('installs after the synchronous section, never inside it', async () => {
    const { target, session } = await spinningTarget(1500);
    const agent = await injectAgent(session, {}, { cleanWaitMs: 10_000 });
    expect(agent.hello.reused).toBe(false);
    await waitFor(
      () => target.output.stdout.includes('agent installed'),
      5000,
      () => target.output.stdout,
    );
    const lines = target.output.stdout.split('\n');
    expect(lines).toContain('top-level done; agent seen during it: false');
    expect(lines.indexOf('agent installed')).toBeGreaterThan(
      lines.indexOf('top-level done; agent seen during it: false'),
    );
    await agent.detach();
  });

  it('installs at once when the loop stays blocked, so a stuck service can be looked at', async () => {
    const { target, session } = await spinningTarget(5000);
    const agent = await injectAgent(session, {}, { cleanWaitMs: 500 });
    expect(agent.hello.reused).toBe(false);
    // It answers during the blocked section: what the loop is doing can be collected.
    const snapshot = await agent.collect();
    expect(snapshot.eventLoop).toBeDefined();
    await waitFor(
      () => target.output.stdout.includes('top-level done'),
      15_000,
      () => target.output.stdout,
    );
    expect(target.output.stdout).toContain('top-level done; agent seen during it: true');
    // The install scheduled for the loop's turn finds the agent there: it is not installed twice. The
    // target's 20 ms watcher says so once the loop turns (on a loaded runner, after 'top-level done').
    await waitFor(
      () => target.output.stdout.includes('agent installed'),
      5000,
      () => target.output.stdout,
    );
    expect(target.output.stdout.split('\n').filter((l) => l === 'agent installed')).toHaveLength(1);
    await agent.detach();
    await waitFor(
      () => target.output.stdout.includes('agent removed'),
      5000,
      () => target.output.stdout,
    );
    expect(target.child.exitCode).toBeNull();
  });

  it('fails with one line when the target runs no JavaScript (stopped)', async () => {
    const { target, session } = await spinningTarget(0);
    target.child.kill('SIGSTOP');
    try {
      const attempt = injectAgent(session, {}, { cleanWaitMs: 300, timeoutMs: 1000 });
      await expect(attempt).rejects.toThrow(AgentError);
      await expect(attempt).rejects.toThrow(
        /^the agent could not be installed: the target ran no JavaScript within 1 s \(is it stopped, or paused in a debugger\?\)$/,
      );
    } finally {
      target.child.kill('SIGCONT');
    }
  });
});
