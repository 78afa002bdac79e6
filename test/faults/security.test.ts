// What Hyperscope exposes and keeps: a launched target's inspector (and everything else we start)
// listens on loopback only, on a random port; a session file holds no request paths, query strings,
// header values or bodies of the traffic it watched.
import { once } from 'node:events';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCli, waitForOutput } from '../support/cli';
import { SECRET_HEADER, SECRET_QUERY, killFaultTargets, startFaultTarget } from './support/fault-target';
import { launchFaultTarget, recordArgs } from './support/record-args';
import { boundListeningSockets } from './support/listening-addresses';
import { headerPid, waitForSnapshots } from '../support/session-file';

const dir = mkdtempSync(join(tmpdir(), 'hyperscope-security-'));
afterAll(killFaultTargets);

describe('nothing listens beyond this machine', () => {
  it('the check itself sees a socket bound to every address', async () => {
    const server = createServer().listen(0, '0.0.0.0');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    const mine = await boundListeningSockets(process.pid);
    server.close();
    expect(mine).toContainEqual({ address: '0.0.0.0', port, loopback: false });
  });

  it('launch mode: the inspector is on 127.0.0.1 with a random port; the recorder listens on nothing', async () => {
    const output = join(dir, 'launch.hyperscope');
    const run = startCli(recordArgs(output, launchFaultTarget()));
    await waitForSnapshots(output, 2);
    const header = JSON.parse(readFileSync(output, 'utf8').split('\n')[0]!) as {
      target: { inspectorUrl: string };
    };
    const inspectorPort = Number(new URL(header.target.inspectorUrl).port);
    const child = await boundListeningSockets(headerPid(output));
    const recorder = await boundListeningSockets(run.child.pid!);
    run.child.kill('SIGINT');
    await run.done;
    expect(inspectorPort).not.toBe(9229);
    expect(child).toContainEqual({ address: '127.0.0.1', port: inspectorPort, loopback: true });
    expect(child.filter((s) => !s.loopback)).toEqual([]);
    expect(recorder).toEqual([]);
  });

  it('browser mode (`hyperscope ui`) listens on 127.0.0.1 only', async () => {
    const run = startCli(['ui', '--no-open']);
    await waitForOutput(run.output, (o) => /http:\/\/127\.0\.0\.1:\d+/.test(o.stdout + o.stderr), 15_000);
    const sockets = await boundListeningSockets(run.child.pid!);
    run.child.kill('SIGINT');
    await run.done;
    expect(sockets.length).toBeGreaterThan(0);
    expect(sockets.filter((s) => !s.loopback)).toEqual([]);
  });
});

describe('what a session file keeps of the traffic', () => {
  it('no request paths, query strings, header values or bodies (http.get and fetch with ?token= and authorization)', async () => {
    const target = await startFaultTarget();
    const output = join(dir, 'traffic.hyperscope');
    const run = startCli(recordArgs(output, { pid: target.pid }, '3s'));
    const result = await run.done;
    expect(result.code).toBe(0);
    const text = readFileSync(output, 'utf8');
    // The traffic was seen (requests served and pooled sockets counted) ...
    expect(text).toMatch(/"completed":[1-9]/);
    // ... but none of its secrets were kept.
    expect(text).not.toContain(SECRET_QUERY);
    expect(text).not.toContain(SECRET_HEADER);
    expect(text).not.toMatch(/token=|authorization|Bearer /i);
    // Nor the request paths (`/items`, `/fetched`): no collector records a URL of the traffic.
    expect(text).not.toMatch(/\/items|\/fetched/);
  });
});
