/**
 * Fixtures for the export tests: real profiles of test/profile/workload.cjs captured from a child Node
 * process, written as profile files and as a session file (CPU window, an allocated window and a
 * still-alive window, snapshots from the synthetic builder with a promise-chains section).
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AgentSnapshot } from '../../core/agent-protocol';
import type { ChainGroup, PromiseSection } from '../../core/chains/promise-section';
import { buildSession, type SnapshotShaper } from '../../core/findings/test-support/session-builder';
import { allocProfileRecords, cpuProfileRecords } from '../../core/session/profile-records';
import { createSessionWriter } from '../../main/session/session-writer';
import { captureProfiles, type CapturedProfiles } from '../profile/capture-profiles';

export const WORKLOAD = fileURLToPath(new URL('../profile/workload.cjs', import.meta.url));
export const HEAP_INTERVAL = 256;

/** A function name a hostile target could choose: markup, quotes, a script end tag, control characters. */
export const HOSTILE_NAME = `<img src=x onerror=alert(1)>"'&</script><!--\u0001`;

export interface Fixtures {
  dir: string;
  captured: CapturedProfiles;
  cpuprofile: string;
  heapprofile: string;
  session: string;
}

/** Chain groups as the agent reports them; the first has a hostile name. */
export function chainGroups(scale = 1): ChainGroup[] {
  const frame = (functionName: string, line: number) => ({
    functionName,
    url: 'file:///srv/app.js',
    line,
    column: 5,
  });
  const group = (id: string, frames: ChainGroup['frames'], count: number): ChainGroup => ({
    id,
    frames,
    count: count * scale,
    ageP50Ms: 100,
    ageP99Ms: 900,
    ageMaxMs: 1000,
    waits: [{ reason: { kind: 'pool-queue' }, count: count * scale }],
    maxDepth: 3,
  });
  return [
    group('g1', [frame(HOSTILE_NAME, 10), frame('handleRequest', 40)], 120),
    group('g2', [frame('fetchUser', 12), frame('handleRequest', 40)], 30),
    group('g3', [], 4),
  ];
}

/** Snapshots with a promises section whose chains peak in the middle (`scale` multiplies counts). */
export function withChains(scale: number): SnapshotShaper {
  return (snapshot: AgentSnapshot, step) => {
    const groups = step.index === 2 ? chainGroups(scale) : chainGroups(scale).slice(1, 2);
    const chains = groups.reduce((sum, g) => sum + g.count, 0);
    // The whole section, as the agent writes it: the session reader drops one that does not fit.
    const section: PromiseSection = {
      time: snapshot.time,
      counts: {
        created: 2 * chains,
        settled: chains,
        pending: chains,
        pendingWithoutDetail: 0,
        collectedUnsettled: 0,
      },
      sampling: { coverage: 1, active: true, promisesPerSecond: 100, stackRatio: 1 },
      groups,
      chains,
      dropped: {},
    };
    snapshot.extensions = { ...snapshot.extensions, promises: section };
  };
}

/** Writes a session file of `captured` profiles and `snapshots` synthetic snapshots. */
export function writeSession(
  path: string,
  captured: CapturedProfiles,
  shape: SnapshotShaper = withChains(1),
  snapshots = 5,
): void {
  const session = buildSession({ snapshots }, shape);
  const writer = createSessionWriter(path, session.header);
  for (const snapshot of session.snapshots) writer.write({ type: 'snapshot', snapshot });
  const start = session.header.createdAt;
  // The recorder's windows are wall-clock ms that span the profile (CDP times are µs).
  const window = {
    startTime: start,
    endTime: start + (captured.cpu.endTime - captured.cpu.startTime) / 1000,
  };
  writer.writeAll(cpuProfileRecords({ id: 'cpu1', ...window, samplingInterval: 200 }, captured.cpu));
  const heap = { ...window, samplingInterval: HEAP_INTERVAL };
  writer.writeAll(allocProfileRecords({ id: 'a1', ...heap, includesCollected: true }, captured.allocated));
  writer.writeAll(allocProfileRecords({ id: 'a2', ...heap, includesCollected: false }, captured.live));
  writer.write({ type: 'end', time: start + snapshots * 1000, reason: 'duration' });
  writer.close();
}

/** Captures the workload's profiles once and writes them as files in a fresh temp dir. */
export async function makeFixtures(): Promise<Fixtures> {
  const dir = await mkdtemp(join(tmpdir(), 'hyperscope-export-'));
  const captured = await captureProfiles(WORKLOAD, HEAP_INTERVAL);
  const cpuprofile = join(dir, 'workload.cpuprofile');
  const heapprofile = join(dir, 'workload.heapprofile');
  const session = join(dir, 'workload.hyperscope');
  writeFileSync(cpuprofile, JSON.stringify(captured.cpu));
  writeFileSync(heapprofile, JSON.stringify(captured.allocated));
  writeSession(session, captured);
  return { dir, captured, cpuprofile, heapprofile, session };
}
