// fetch responses never read hold their connections: the built agent, injected as Hyperscope injects it,
// names the function whose fetch opened the newest connection of the global dispatcher's pool (undici),
// on the oldest and the newest current Node.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AGENT_SOURCE_URL, type AgentSnapshot } from '../../core/agent-protocol';
import { readUndiciSection } from '../../core/network/undici-section';
import { CLI } from '../support/cli';
import { ensureNodeBundles } from '../support/node-bundles';
import { nodeBinary, type NodeMajor } from '../support/node-versions';
import { runTarget } from './collector-process';

const AGENT = join(CLI, '../../agent/agent.js');

// One catalog fetch read in full, then audit fetches whose bodies are never read: each holds its connection,
// so each next one opens a new connection.
const TARGET = `
const fs = require('node:fs');
const http = require('node:http');
const bundle = fs.readFileSync(${JSON.stringify(AGENT)}, 'utf8');
const agent = new Function('require', bundle + '\\nreturn __hyperscopeAgent;\\n//# sourceURL=${AGENT_SOURCE_URL}')(require);
agent.install(require, {});
const installed = globalThis[Symbol.for('hyperscope.agent')];
const held = [];
const server = http.createServer((req, res) => { req.resume(); res.end('x'.repeat(100000)); });
server.listen(0, '127.0.0.1', async () => {
  const origin = 'http://127.0.0.1:' + server.address().port;
  async function readCatalog() {
    return (await fetch(origin + '/catalog')).text();
  }
  async function postAudit() {
    const response = await fetch(origin + '/audit', { method: 'POST', body: '{}' });
    held.push(response);
  }
  await readCatalog();
  for (let i = 0; i < 5; i++) await postAudit();
  console.log(installed.collect());
  process.exit(0);
});
`;

describe.concurrent('fetch connections held by unread bodies', () => {
  let dir: string;
  beforeAll(() => {
    ensureNodeBundles();
    dir = mkdtempSync(join(tmpdir(), 'hyperscope-fetch-opener-'));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each<NodeMajor>([20, 26])(
    'Node %i: the undici pool names postAudit as the opener of its newest connection',
    async (major) => {
      const { lines, stderr } = await runTarget(dir, `fetch-target-${major}.cjs`, TARGET, {
        nodePath: await nodeBinary(major),
      });
      const snapshot = lines[0] as AgentSnapshot | undefined;
      expect(snapshot, stderr).toBeDefined();
      const pool = readUndiciSection(snapshot!)?.pools.find((p) => p.inUse >= 5);
      expect(pool, JSON.stringify(readUndiciSection(snapshot!)?.pools)).toBeDefined();
      expect(pool!.openedFrom?.[0]).toMatchObject({ functionName: 'postAudit' });
      expect(pool!.openedFrom?.[0]?.url).toMatch(/fetch-target-\d+\.cjs$/);
    },
    60_000,
  );
});
