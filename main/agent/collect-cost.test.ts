// What one collection costs inside a target holding many sockets (the figure is printed, the bound is loose).
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startInspectTarget, type InspectTarget } from '../../test/support/inspect-target';
import { connectInspector, type InspectorSession } from '../inspector/inspector-session';
import { ensureNodeBundles } from '../../test/support/node-bundles';
import { injectAgent } from './agent-client';

const TARGET = fileURLToPath(new URL('../../profiler-agent/fixtures/pool-target.cjs', import.meta.url));
const REQUESTS = 500; // each holds a client and a server socket: 1000 sockets
const ROUNDS = 20;

let target: InspectTarget;
let session: InspectorSession;

beforeAll(async () => {
  ensureNodeBundles();
  target = await startInspectTarget(TARGET);
  await target.waitForStdout(/ready/);
  session = await connectInspector(target.wsUrl);
});

afterAll(async () => {
  await session?.close();
  await target?.kill();
});

async function evaluate<T>(expression: string): Promise<T> {
  return (await session.send('Runtime.evaluate', { expression, returnByValue: true })).result.value as T;
}

it('collects with 1000 sockets open in a few milliseconds', async () => {
  const agent = await injectAgent(session);
  await evaluate(`fixture.fire('wide', ${REQUESTS})`);
  const deadline = Date.now() + 15_000;
  while ((await evaluate<number>('fixture.heldCount()')) < REQUESTS && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const snapshot = await agent.collect();
  expect(snapshot.sockets.total).toBeGreaterThanOrEqual(2 * REQUESTS);

  // CPU time as well as wall time: on a loaded machine the wall clock also counts time descheduled.
  const inTarget = await evaluate<{ wallMs: number; cpuMs: number }>(`(() => {
    const agent = globalThis[Symbol.for('hyperscope.agent')];
    for (let i = 0; i < 10; i++) agent.collect(); // warm up: a recording collects every second
    const wall = performance.now();
    const cpu = process.cpuUsage();
    for (let i = 0; i < ${ROUNDS}; i++) agent.collect();
    const used = process.cpuUsage(cpu);
    return { wallMs: (performance.now() - wall) / ${ROUNDS}, cpuMs: (used.user + used.system) / 1000 / ${ROUNDS} };
  })()`);
  const started = performance.now();
  for (let i = 0; i < ROUNDS; i++) await agent.collect();
  const roundTripMs = (performance.now() - started) / ROUNDS;
  console.log(
    `collect with ${snapshot.sockets.total} sockets, incl. JSON: ${inTarget.cpuMs.toFixed(2)} ms CPU, ` +
      `${inTarget.wallMs.toFixed(2)} ms wall in the target; ${roundTripMs.toFixed(2)} ms round trip over CDP`,
  );
  expect(inTarget.cpuMs).toBeLessThan(25);
  await agent.detach();
});
