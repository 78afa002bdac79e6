/**
 * Records a demo scenario in launch mode without the recorder: the built agent (`out/agent/agent.js`) is
 * installed by a `--require` preload in `hyperscope demo --scenario … --load`, which writes one snapshot
 * per interval to a file; the snapshots are then read back as a `Session`.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { Session } from '../../core/session/session';
import { sessionOfSnapshots, snapshotsOnlyHeader } from '../../core/session/session-of-snapshots';
import { CLI } from '../support/cli';

const AGENT = join(CLI, '../../agent/agent.js');

// \`--require\` also runs in worker threads (the demo's load runs in one): the agent belongs to the main thread.
const PRELOAD = `
if (!require('node:worker_threads').isMainThread) return;
const fs = require('node:fs');
const bundle = fs.readFileSync(${JSON.stringify(AGENT)}, 'utf8');
const agent = new Function('require', bundle + '\\nreturn __hyperscopeAgent;')(require);
agent.install(require, {});
const installed = globalThis[Symbol.for('hyperscope.agent')];
const out = fs.openSync(process.env.HS_SNAPSHOTS, 'w');
setInterval(() => {
  const json = installed.collect();
  fs.writeSync(out, (typeof json === 'string' ? json : JSON.stringify(json)) + '\\n');
}, Number(process.env.HS_INTERVAL_MS)).unref();
`;

/** Runs the scenario with load for `durationS` seconds, one snapshot every `intervalMs`. */
export async function recordScenario(
  scenario: string,
  durationS: number,
  intervalMs = 500,
): Promise<Session> {
  const dir = mkdtempSync(join(tmpdir(), `hyperscope-${scenario}-`));
  const preload = join(dir, 'preload.cjs');
  const snapshots = join(dir, 'snapshots.ndjson');
  writeFileSync(preload, PRELOAD);
  const createdAt = Date.now();
  try {
    const child = spawn(
      process.execPath,
      ['--require', preload, CLI, 'demo', '--scenario', scenario, '--load'],
      {
        env: { ...process.env, HS_SNAPSHOTS: snapshots, HS_INTERVAL_MS: String(intervalMs) },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    const early = await Promise.race([
      exited,
      new Promise((r) => setTimeout(r, durationS * 1000, 'running')),
    ]);
    if (early !== 'running') throw new Error(`demo ${scenario} exited early (${String(early)}): ${stderr}`);
    child.kill('SIGINT');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
    const lines = readFileSync(snapshots, 'utf8').trim().split('\n').filter(Boolean);
    const header = snapshotsOnlyHeader({
      hyperscope: 'test',
      createdAt,
      intervalMs,
      target: { nodeVersion: process.version, attachedBy: 'launch' },
    });
    return sessionOfSnapshots(
      header,
      lines.map((line) => JSON.parse(line) as AgentSnapshot),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
