/**
 * A small real HTTP service for fault tests: it serves 127.0.0.1, calls itself with a query string and
 * an `authorization` header (data that must never reach a session file), and answers SIGUSR2 with a
 * line `STATE {json}` telling whether Hyperscope left anything behind (agent global, patched prototypes,
 * channel subscriptions, an open inspector). Environment knobs:
 * - `CLOSE_INSPECTOR_AFTER_MS`: once the agent is installed, close the inspector from inside after this long;
 * - `EXIT_AFTER_MS`: exit normally (code 0) after this long.
 */
import { waitFor } from '../../support/wait-for';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  killNodeTargets,
  RANDOM_INSPECT_PORT,
  startProcess,
  type NodeTarget,
} from '../../support/node-target';

/** A query value and a header value sent on every self-call; neither may appear in a recording. */
export const SECRET_QUERY = 'q-s3cr3t-7f1c';
export const SECRET_HEADER = 'hdr-s3cr3t-91ab';

/** What SIGUSR2 reports. */
export interface TargetState {
  agentInstalled: boolean;
  /** Names of patched prototype methods that are not what they were at start. */
  changedMethods: string[];
  /** Diagnostics channels that still have subscribers. */
  subscribedChannels: string[];
  /** `inspector.url()`, null when the inspector is closed. */
  inspectorUrl: string | null;
  /** Requests served so far. */
  served: number;
}

const SOURCE = String.raw`
const http = require('node:http');
const tls = require('node:tls');
const dc = require('node:diagnostics_channel');
const inspector = require('node:inspector');
const AGENT = Symbol.for('hyperscope.agent');
const methods = () => ({
  'http.Agent#addRequest': Object.getOwnPropertyDescriptor(http.Agent.prototype, 'addRequest'),
  'http.Agent#removeSocket': Object.getOwnPropertyDescriptor(http.Agent.prototype, 'removeSocket'),
  'http.Agent#on': Object.getOwnPropertyDescriptor(http.Agent.prototype, 'on'),
  'TLSSocket#_init': Object.getOwnPropertyDescriptor(tls.TLSSocket.prototype, '_init'),
});
const before = methods();
const CHANNELS = ['http.server.request.start', 'http.server.response.finish', 'undici:request:create',
  'undici:client:connected', 'undici:client:sendHeaders', 'undici:client:connectError',
  'http.client.request.start', 'net.client.socket'];
let served = 0;
function state() {
  const now = methods();
  return {
    agentInstalled: globalThis[AGENT] !== undefined,
    changedMethods: Object.keys(before).filter((k) => (before[k] && before[k].value) !== (now[k] && now[k].value)),
    subscribedChannels: CHANNELS.filter((c) => dc.hasSubscribers(c)),
    inspectorUrl: inspector.url() ?? null,
    served,
  };
}
process.on('SIGUSR2', () => console.log('STATE ' + JSON.stringify(state())));
const server = http.createServer((req, res) => { served++; req.resume(); res.end('ok'); });
server.listen(0, '127.0.0.1', () => {
  const { port } = server.address();
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  setInterval(() => {
    http.get({ host: '127.0.0.1', port, agent, path: '/items?token=${SECRET_QUERY}',
      headers: { authorization: 'Bearer ${SECRET_HEADER}' } }, (r) => r.resume()).on('error', () => {});
    fetch('http://127.0.0.1:' + port + '/fetched?token=${SECRET_QUERY}',
      { headers: { authorization: 'Bearer ${SECRET_HEADER}' } }).then((r) => r.text(), () => {});
  }, 20);
  console.log('ready ' + port);
});
const closeAfter = Number(process.env.CLOSE_INSPECTOR_AFTER_MS || 0);
if (closeAfter) {
  const poll = setInterval(() => {
    if (globalThis[AGENT] === undefined) return;
    clearInterval(poll);
    setTimeout(() => { inspector.close(); console.log('inspector closed by the target'); }, closeAfter);
  }, 50);
}
const exitAfter = Number(process.env.EXIT_AFTER_MS || 0);
if (exitAfter) setTimeout(() => process.exit(0), exitAfter);
`;

/** Writes the target's script to a temp dir; returns its path (for launch mode: `node <path>`). */
export function writeFaultTarget(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hyperscope-fault-')), 'fault-target.cjs');
  writeFileSync(file, SOURCE);
  return file;
}

/** A started target; `output` grows as it writes. */
export interface FaultTarget extends NodeTarget {
  /** The inspector's `ws://` URL when started with one. */
  inspectorUrl: string | null;
}

/**
 * Starts the target, ready once it serves: with no inspector, or with `inspect` one on 127.0.0.1 and a
 * free port (its `ws://` URL is then in `inspectorUrl`).
 */
export async function startFaultTarget(env: NodeJS.ProcessEnv = {}, inspect = false): Promise<FaultTarget> {
  // Without an inspector, a random port for when one is opened by signal (see RANDOM_INSPECT_PORT).
  const flags = inspect ? ['--inspect=127.0.0.1:0'] : [RANDOM_INSPECT_PORT];
  const target = await startProcess(process.execPath, [...flags, writeFaultTarget()], 'ready', env);
  // Node prints the inspector URL before running the script, so it is there once the target is ready.
  const inspectorUrl = /Debugger listening on (ws:\/\/\S+)/.exec(target.output.stderr)?.[1] ?? null;
  return { ...target, inspectorUrl };
}

/** Kills (SIGKILL) every target started here; a SIGSTOPped one dies too. */
export const killFaultTargets = killNodeTargets;

/** Asks the target for its {@link TargetState} over SIGUSR2 and reads the answer from its stdout. */
export async function readTargetState(target: FaultTarget, timeoutMs = 15_000): Promise<TargetState> {
  const seen = target.output.stdout.length;
  const line = () => /STATE (.*)\n/.exec(target.output.stdout.slice(seen))?.[1];
  if (target.child.exitCode !== null || target.child.signalCode !== null) {
    // The target must outlive every recording: say how it ended, to tell a crash from a kill.
    const how = target.child.signalCode ?? `exit code ${target.child.exitCode}`;
    throw new Error(
      `target ${target.pid} is gone (${how}); its stderr:\n${target.output.stderr.slice(-2000)}`,
    );
  }
  process.kill(target.pid, 'SIGUSR2');
  await waitFor(
    () => line() !== undefined,
    timeoutMs,
    () => `no state from ${target.pid}: ${target.output.stderr}`,
  );
  return JSON.parse(line()!) as TargetState;
}

/** Polls the target's state until `predicate` holds or `timeoutMs` passes; returns the last state read. */
export async function settledTargetState(
  target: FaultTarget,
  predicate: (state: TargetState) => boolean,
  timeoutMs = 10_000,
): Promise<TargetState> {
  const deadline = Date.now() + timeoutMs;
  let state = await readTargetState(target);
  while (!predicate(state) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    state = await readTargetState(target);
  }
  return state;
}

/** Nothing of Hyperscope left: no agent, no patched method, no channel subscription, inspector closed. */
export const LEFT_AS_FOUND = {
  agentInstalled: false,
  changedMethods: [],
  subscribedChannels: [],
  inspectorUrl: null,
} as const;
