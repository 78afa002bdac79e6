// The inspector runs our evaluation as a V8 interrupt, in the middle of whatever the target runs — at
// startup, possibly inside the first load of a built-in module (a launch-mode recording once left a
// target with `crypto.createHash is not a function`). The agent must install only at a clean turn of the
// event loop, and a loop that does not turn must fail the attach with one line, not hang it.
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
    const { target, session } = await spinningTarget(2500);
    const agent = await injectAgent(session);
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

  it('fails with one line when the loop does not turn in time; the late install then removes itself', async () => {
    const { target, session } = await spinningTarget(4000);
    const attempt = injectAgent(session, { orphanAfterMs: 500 }, 1000);
    await expect(attempt).rejects.toThrow(AgentError);
    await expect(attempt).rejects.toThrow(
      /^the agent could not be installed: the target's event loop did not turn within 1 s \(is it blocked, or stopped\?\)$/,
    );
    // Nobody collects from the agent installed once the loop turns: it is orphaned and goes.
    await waitFor(
      () => target.output.stdout.includes('agent removed'),
      10_000,
      () => target.output.stdout,
    );
    const lines = target.output.stdout.split('\n');
    expect(lines.indexOf('agent installed')).toBeGreaterThan(
      lines.indexOf('top-level done; agent seen during it: false'),
    );
    expect(target.child.exitCode).toBeNull();
  });
});
