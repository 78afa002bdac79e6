// The agent injected into real Node processes (18, 20, 22, 24; CommonJS and ES-module entry points).
import { connect } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AgentSnapshot, PoolOrigin } from '../../core/agent-protocol';
import { nodeBinary, type NodeMajor } from '../../test/support/node-versions';
import { startInspectTarget, type InspectTarget } from '../../test/support/inspect-target';
import { closeInspectorInside } from '../inspector/close-inspector-inside';
import { connectInspector, type InspectorSession } from '../inspector/inspector-session';
import { ensureNodeBundles } from '../../test/support/node-bundles';
import { AgentError, injectAgent } from './agent-client';

const FIXTURES = fileURLToPath(new URL('../../profiler-agent/fixtures/', import.meta.url));
const cleanups: (() => Promise<void>)[] = [];

beforeAll(async () => {
  ensureNodeBundles();
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function startTarget(script: string, major: NodeMajor, env: NodeJS.ProcessEnv = {}) {
  const target: InspectTarget = await startInspectTarget(`${FIXTURES}${script}`, {
    node: await nodeBinary(major),
    env: { ...process.env, ...env },
  });
  cleanups.push(() => target.kill());
  const port = Number((await target.waitForStdout(/ready (\d+)/))[1]);
  const session: InspectorSession = await connectInspector(target.wsUrl);
  cleanups.push(() => session.close());
  return { target, session, port };
}

async function evaluate<T>(session: InspectorSession, expression: string): Promise<T> {
  const reply = await session.send('Runtime.evaluate', { expression, returnByValue: true });
  if (reply.exceptionDetails)
    throw new Error(reply.exceptionDetails.exception?.description ?? 'evaluate failed');
  return reply.result.value as T;
}

// Generous: the suite runs beside recordings of every demo scenario on 2 cores; it returns as soon as true.
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const canConnect = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });

const poolsTo = (snapshot: AgentSnapshot, port: number): PoolOrigin[] =>
  snapshot.pools.filter((pool) => pool.origin === `127.0.0.1:${port}`);

describe.each([18, 20, 22, 24] as const)('the agent in a CommonJS target on Node %i', (major) => {
  it('sees pools made before and after attach, fds, the event loop and HTTP, then leaves as found', async () => {
    const env = { FIRE_EARLY: '1', WARM_IDLE: '1' };
    const { session, port } = await startTarget('pool-target.cjs', major, env);
    await until(async () => (await evaluate<number>(session, 'fixture.heldCount()')) === 2, 'early requests');
    await until(
      async () => (await evaluate<number>(session, "fixture.idleCount('idle')")) === 3,
      'idle sockets',
    );

    const agent = await injectAgent(session, {}, { findIdlePools: true });
    // Idle before attach and never used since: found on the heap at install, when asked for.
    expect(poolsTo(await agent.collect(), port)).toContainEqual(
      expect.objectContaining({ inUse: 0, idle: 3, queued: 0, maxSockets: 10, keepAlive: true }),
    );
    expect(agent.hello).toMatchObject({ reused: false, moduleKind: 'commonjs', version: 1 });
    expect(agent.hello.nodeVersion).toMatch(new RegExp(`^v${major}\\.`));
    expect((await injectAgent(session)).hello.reused).toBe(true);

    // Busy before attach (found through its sockets), dormant before attach (found when used), made after.
    await evaluate(session, `fixture.makeAgent('late'), fixture.fire('late', 5), fixture.fire('dormant', 5)`);
    await until(
      async () => (await evaluate<number>(session, 'fixture.heldCount()')) === 6,
      'six held requests',
    );
    const busy = await agent.collect();
    const pools = poolsTo(busy, port).filter((pool) => pool.maxSockets === 2);
    expect(pools).toHaveLength(3);
    for (const pool of pools)
      expect(pool).toMatchObject({ inUse: 2, queued: 3, idle: 0, maxSockets: 2, keepAlive: true });
    const created = pools.filter((pool) => pool.createdAt);
    expect(created).toHaveLength(1);
    expect(created[0]?.createdAt?.[0]?.functionName).toMatch(/makeAgent$/);
    expect(created[0]?.createdAt?.[0]?.url).toMatch(/pool-target\.cjs$/);
    // Requests that queued after install name their caller, also for the agent made before attach.
    const queuedFrom = pools
      .filter((pool) => pool.queuedFrom)
      .map((pool) => pool.queuedFrom?.[0]?.functionName);
    expect(queuedFrom).toHaveLength(2);
    for (const name of queuedFrom) expect(name).toMatch(/fire$/);
    expect(busy.http.inFlight).toBe(6);
    expect(busy.peers).toContainEqual(
      expect.objectContaining({ peer: `127.0.0.1:${port}`, side: 'client', open: 6 }),
    );
    expect(busy.sockets.open).toBeGreaterThanOrEqual(12);
    expect(busy.resources.TCPSocketWrap).toBeGreaterThanOrEqual(12);

    // 15 requests (2 already running at install, adopted) and one 500.
    await evaluate(session, 'fixture.release()');
    await until(async () => (await agent.collect()).http.completed === 15, '15 completed requests');
    // The server counts a response before its client frees the socket: wait for the pools to settle.
    const settledPools = (snapshot: AgentSnapshot): boolean =>
      poolsTo(snapshot, port)
        .filter((pool) => pool.maxSockets === 2)
        .every((pool) => pool.inUse === 0 && pool.queued === 0 && pool.idle === 2);
    await until(async () => settledPools(await agent.collect()), 'idle pools');
    await evaluate(session, `fixture.fire('early', 1, '/fail')`);
    await until(async () => (await agent.collect()).http.errors === 1, 'one 5xx');
    await until(async () => settledPools(await agent.collect()), 'idle pools after a 500');
    const settled = await agent.collect();
    expect(settled.http).toEqual({ inFlight: 0, completed: 16, errors: 1 });
    expect(settled.sockets.idle).toBeGreaterThanOrEqual(6);

    const before = (await agent.collect()).fds;
    await evaluate(session, 'fixture.openFiles(40)');
    const after = (await agent.collect()).fds;
    expect(after.open).toBeGreaterThanOrEqual((before.open ?? 0) + 40);
    expect(after.limit).toBeGreaterThan(40);

    await evaluate(session, 'fixture.busySoon(300)');
    await new Promise((resolve) => setTimeout(resolve, 700));
    const blocked = (await agent.collect()).eventLoop;
    expect(blocked.delayMaxMs).toBeGreaterThanOrEqual(250);
    expect(blocked.utilization).toBeGreaterThan(0.3);

    const listed = (await agent.call('sockets.list', { peer: `127.0.0.1:${port}` })) as { side: string }[];
    expect(listed.length).toBeGreaterThanOrEqual(6);
    expect(listed.every((socket) => socket.side === 'client')).toBe(true);
    await expect(agent.call('sockets.nothing')).rejects.toThrow(AgentError);

    await agent.detach();
    expect(await evaluate(session, 'fixture.leftAsFound()')).toEqual({
      addRequest: true,
      removeSocket: true,
      ownOn: true,
      serverChannels: true,
      global: true,
    });
    await expect(agent.collect()).rejects.toThrow(/no longer installed/);
    const again = await injectAgent(session);
    expect(again.hello.reused).toBe(false);
    await again.detach();
  });
});

describe.each([18, 20] as const)('the agent in an ES-module target on Node %i', (major) => {
  it('installs without a module-scope require, collects, detaches and closes the inspector', async () => {
    const { target, session, port } = await startTarget('pool-target.mjs', major, { FIRE_EARLY: '1' });
    await until(async () => (await evaluate<number>(session, 'fixture.heldCount()')) === 2, 'early requests');
    const agent = await injectAgent(session);
    expect(agent.hello.moduleKind).toBe('module');
    expect(poolsTo(await agent.collect(), port)).toEqual([expect.objectContaining({ inUse: 2, queued: 3 })]);
    await agent.detach();
    await closeInspectorInside(session);
    await session.close();
    // The inspector's port is closed, and the target runs on.
    const { port: inspectorPort } = new URL(target.wsUrl);
    await expect.poll(() => canConnect(Number(inspectorPort)), { timeout: 10_000 }).toBe(false);
    expect(target.child.exitCode).toBeNull();
  });
});
