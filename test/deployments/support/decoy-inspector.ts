/**
 * A decoy on OUR 127.0.0.1: it answers `/json/version` and `/json/list` as a Node inspector would (the
 * most tempting thing a misrouted probe could meet) and reports every TCP connection made to it. A
 * process in a container listens on its own 127.0.0.1: nothing Hyperscope does for it may land here.
 * It runs as a program that is not Node to `ps` (Node's binary linked under another name), so that `ps`
 * has no reason of its own to look at it.
 */
import { copyFileSync, linkSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeTarget } from '../../support/node-target';
import { startProcess } from '../../support/node-target';

export interface DecoyInspector {
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** `GET /json/version`… for each request received so far. */
  requests(): string[];
}

const DECOY = `
const http = require('node:http');
const server = http.createServer((request, response) => {
  console.log('request ' + request.method + ' ' + request.url);
  const port = server.address().port;
  const body = request.url === '/json/version'
    ? { Browser: 'node.js/' + process.version, 'Protocol-Version': '1.1' }
    : [{ id: 'decoy', type: 'node', title: 'decoy', url: 'file:///decoy.js', webSocketDebuggerUrl: 'ws://127.0.0.1:' + port + '/decoy' }];
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify(body));
});
server.on('connection', () => console.log('connection'));
server.listen(0, '127.0.0.1', () => console.log('ready ' + server.address().port));
`;

/** Starts the decoy on a free port of 127.0.0.1; `killNodeTargets()` ends it. */
export async function startDecoyInspector(): Promise<DecoyInspector> {
  const dir = mkdtempSync(join(tmpdir(), 'hyperscope-decoy-'));
  const program = join(dir, 'decoy-inspector');
  try {
    linkSync(process.execPath, program);
  } catch {
    copyFileSync(process.execPath, program); // another file system
  }
  writeFileSync(join(dir, 'decoy.cjs'), DECOY);
  const decoy: NodeTarget = await startProcess(program, [join(dir, 'decoy.cjs')], 'ready');
  const lines = (): string[] => decoy.output.stdout.split('\n');
  return {
    port: Number(/ready (\d+)/.exec(decoy.output.stdout)![1]),
    connections: () => lines().filter((line) => line === 'connection').length,
    requests: () => lines().filter((line) => line.startsWith('request ')),
  };
}
