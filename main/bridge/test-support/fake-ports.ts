/** Backend ports for tests: sessions from text, a scripted live target, outputs kept in memory. */
import { buildSession } from '../../../core/findings/test-support/session-builder';
import type { AgentSnapshot } from '../../../core/agent-protocol';
import type { LiveSource } from '../../../core/bridge/contract';
import type { PromiseChain } from '../../../core/chains/promise-section';
import { analyzeSession } from '../../../core/findings/analyze-session';
import type { BackendPorts, OutputFile, RecordingSink } from '../backend-ports';
import { downloadOutput } from '../download-output';
import { parseSession } from '../../session/parse-session-text';

/** The one chain the fake recording's agent knows: group `g1`, outer → inner. */
export const FAKE_CHAIN: PromiseChain = {
  groupId: 'g1',
  links: [
    { kind: 'root', frames: [{ functionName: 'outer', url: '/app/a.js', line: 7, column: 21 }], ageMs: 2000 },
    { kind: 'root', frames: [{ functionName: 'inner', url: '/app/a.js', line: 1, column: 21 }], ageMs: 1500 },
  ],
  wait: { kind: 'none' },
};

export interface FakeWorld {
  ports: BackendPorts;
  /** Pushes a snapshot through the active recording's sink. */
  emitSnapshot(snapshot: AgentSnapshot): void;
  /** Lists the active recording's other processes and threads, and pushes a snapshot of one. */
  listSources(sources: LiveSource[]): void;
  emitSourceSnapshot(source: string, snapshot: AgentSnapshot): void;
  /** Ends the active recording as a target exit would. */
  endRecording(message: string | undefined): void;
  outputs: OutputFile[];
  detached: number;
}

export function fakePorts(files: Record<string, string> = {}): FakeWorld {
  let sink: RecordingSink | null = null;
  const world: FakeWorld = {
    outputs: [],
    detached: 0,
    emitSnapshot: (snapshot) => sink?.snapshot(snapshot),
    listSources: (sources) => sink?.sources(sources),
    emitSourceSnapshot: (source, snapshot) => sink?.sourceSnapshot(source, snapshot),
    endRecording: (message) => sink?.ended('/recorded.hyperscope', message),
    ports: {
      info: { mode: 'browser', version: 'test', nativeDialogs: false },
      listProcesses: async () => [
        { pid: 7, command: 'node server.js', nodeVersion: 'v20.0.0', inspectorAddress: null },
      ],
      listDemoScenarios: async () => [{ name: 'healthy', description: 'no pitfall' }],
      attach: async (target) => {
        if (target.kind === 'pid' && target.pid === 404) throw new Error('no such process 404');
        return {
          target: { pid: 99, nodeVersion: 'v20.0.0', label: 'fake', attachedBy: target.kind },
          record: async (options, s) => {
            sink = s;
            const ringMs = options.ringMs ?? null;
            let saves = 0;
            return {
              path: '/recorded.hyperscope',
              ringMs,
              saveRing: ringMs
                ? async () => ({
                    path: `/recorded-${++saves}.hyperscope`,
                    keptFrom: 1000,
                    keptMs: ringMs,
                    bytes: 2048,
                  })
                : null,
              mark: (label) => ({ type: 'mark', time: Date.now(), label }),
              heapSnapshot: options.retainers
                ? async () => ({
                    pauseMs: 120,
                    grewBytes: 3 << 20,
                    topHolder: 'Map invoiceCache (alloc.js:3) → 2,410 strings, 3 MiB',
                  })
                : null,
              chain: async (groupId) => (sink && groupId === FAKE_CHAIN.groupId ? FAKE_CHAIN : null),
              stop: async () => {
                sink = null;
                return '/recorded.hyperscope';
              },
            };
          },
          detach: async () => {
            world.detached++;
          },
        };
      },
      readSessionFile: async (path) => {
        if (path === '/recorded.hyperscope') return buildSession({ snapshots: 3 });
        const text = files[path];
        if (text === undefined) throw new Error(`${path}: no such file`);
        return parseSession(path, text);
      },
      parseSession,
      readBytes: async (path) => new TextEncoder().encode(files[path] ?? 'recorded'),
      findings: (session) => analyzeSession(session),
      remapSources: async (session) => session,
      exportSession: () => ({
        fileName: 'x.folded',
        mimeType: 'text/plain',
        bytes: new TextEncoder().encode('a;b 1\n'),
      }),
      output: async (file, path) => {
        world.outputs.push(file);
        return downloadOutput(file, path);
      },
      pickSessionFile: async () => null,
    },
  };
  return world;
}
