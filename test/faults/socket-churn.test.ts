// 50,000 sockets' worth of churn (connections opened, used and closed) in a target with the agent
// installed: the agent's memory stays bounded — the target's heap after the churn is close to before.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { injectAgent } from '../../main/agent/agent-client';
import { connectInspector } from '../../main/inspector/inspector-session';
import { startInspectTarget, type InspectTarget } from '../support/inspect-target';

const CONNECTIONS = 50_000;
let target: InspectTarget | null = null;
afterAll(async () => target?.kill());

// Opens and closes CONNECTIONS loopback connections, 200 at a time, with a request on each.
const SCRIPT = `
const net = require('node:net');
const server = net.createServer((s) => s.on('data', () => s.end('ok'))).listen(0, '127.0.0.1');
globalThis.churn = (total) => new Promise((resolve) => {
  let started = 0, done = 0;
  const one = () => {
    started++;
    const c = net.connect(server.address().port, '127.0.0.1', () => c.write('x'));
    c.on('data', () => c.destroy());
    c.on('close', () => { if (++done === total) resolve(); else if (started < total) one(); });
    c.on('error', () => {});
  };
  for (let i = 0; i < 200; i++) one();
});
globalThis.heapAfterGc = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
console.log('ready');
`;

describe('socket churn under the agent', () => {
  it(`${CONNECTIONS} connections opened and closed: the heap returns to within a few MB`, async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'hyperscope-churn-')), 'churn.cjs');
    writeFileSync(file, SCRIPT);
    target = await startInspectTarget(file, { nodeArgs: ['--expose-gc'] });
    const session = await connectInspector(target.wsUrl);
    const agent = await injectAgent(session);
    const evaluate = async (expression: string): Promise<number> => {
      const reply = await session.send('Runtime.evaluate', {
        expression,
        awaitPromise: true,
        returnByValue: true,
      });
      return reply.result.value as number;
    };
    await agent.collect();
    await evaluate('churn(2000)'); // warm-up: code paths and pools exist before measuring
    const before = await evaluate('heapAfterGc()');
    const started = Date.now();
    for (let done = 0; done < CONNECTIONS; done += 10_000) {
      await evaluate('churn(10000)');
      await agent.collect(); // the recorder collects as the churn goes on
    }
    const churnMs = Date.now() - started;
    const snapshot = await agent.collect();
    const after = await evaluate('heapAfterGc()');
    await agent.detach();
    await session.close();
    const growthMb = (after - before) / 1024 / 1024;
    console.log(
      'socket churn figures',
      JSON.stringify({
        connections: CONNECTIONS,
        churnMs,
        beforeMb: +(before / 1048576).toFixed(1),
        afterMb: +(after / 1048576).toFixed(1),
        growthMb: +growthMb.toFixed(2),
        dropped: snapshot.agent.dropped,
      }),
    );
    expect(snapshot.sockets.total).toBeLessThan(50);
    expect(growthMb).toBeLessThan(5);
  });
});
