// Against a real `node:inspector` session of this test process (same thread: the hardest case for the
// adapter, since V8 may answer inside `post` itself).
import { Session } from 'node:inspector';
import { afterEach, describe, expect, it } from 'vitest';
import { InspectorCommandError, type InspectorSession } from '../inspector/inspector-session';
import { inProcessSession } from './in-process-session';

let session: InspectorSession | undefined;
afterEach(async () => session?.close());

function connected(): InspectorSession {
  const raw = new Session();
  raw.connect();
  session = inProcessSession(raw);
  return session;
}

describe('inProcessSession', () => {
  it('answers commands, awaited promises included, without blocking the thread', async () => {
    const s = connected();
    const sum = await s.send('Runtime.evaluate', { expression: '20 + 22', returnByValue: true });
    expect(sum.result.value).toBe(42);
    let turned = false;
    setImmediate(() => (turned = true));
    const later = await s.send('Runtime.evaluate', {
      expression: 'new Promise((resolve) => setTimeout(() => resolve("later"), 20))',
      awaitPromise: true,
      returnByValue: true,
    });
    expect(later.result.value).toBe('later');
    expect(turned).toBe(true);
  });

  it('delivers events with their params, until unsubscribed', async () => {
    const s = connected();
    const seen: string[] = [];
    // Enabling the Runtime domain reports every existing context, once per enable.
    const off = s.on('Runtime.executionContextCreated', (event) => seen.push(event.context.name));
    await s.send('Runtime.enable');
    const once = seen.length;
    expect(once).toBeGreaterThan(0);
    expect(seen.every((name) => typeof name === 'string')).toBe(true);
    off();
    await s.send('Runtime.disable');
    await s.send('Runtime.enable');
    expect(seen.length).toBe(once);
  });

  it("turns the protocol's refusal into an InspectorCommandError that kept the connection", async () => {
    const s = connected();
    const error = await s.send('Profiler.stop').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InspectorCommandError);
    expect(error).toMatchObject({ method: 'Profiler.stop', connectionLost: false });
    expect((error as Error).message).toMatch(/^Profiler\.stop: /);
    expect(s.isOpen()).toBe(true);
  });

  it('after close: closed says closed-by-us and commands fail as a lost connection', async () => {
    const s = connected();
    await s.close();
    expect(await s.closed).toBe('closed-by-us');
    expect(s.isOpen()).toBe(false);
    await expect(s.send('Runtime.evaluate', { expression: '1' })).rejects.toMatchObject({
      connectionLost: true,
    });
  });
});
