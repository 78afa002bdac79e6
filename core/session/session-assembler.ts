/**
 * Turns the lines of a session file into a {@link Session}, one line at a time, so that readers can
 * stream files of any size. Pure: the Node-side reader feeds it lines.
 */
import type { AgentSnapshot } from '../agent-protocol';
import { checkRecord } from './check-record';
import { createExtensionSieve } from './extension-shapes';
import { nestsDeeperThan } from './json-depth';
import type {
  AllocNode,
  EndRecord,
  EventRecord,
  HeaderRecord,
  MarkRecord,
  ProfileBeginRecord,
  SourceMapV3,
} from './records';
import type { AllocProfileWindow, CpuProfileWindow, Session, SourceData } from './session';
import { SessionFormatError } from './session-error';
import type { Protocol } from 'devtools-protocol';

/** Deepest nesting a record may have; the records we write stay under 20 levels. */
const MAX_RECORD_DEPTH = 64;

/** A profile whose parts are still arriving. */
interface OpenProfile {
  meta: ProfileBeginRecord;
  cpuNodes: Protocol.Profiler.ProfileNode[];
  allocNodes: AllocNode[];
  samples: number[];
  timeDeltas: number[];
  allocSamples: AllocProfileWindow['samples'];
}

export interface SessionAssembler {
  /** Adds one line (without its newline). `lineNumber` is 1-based, for messages. */
  addLine(line: string, lineNumber: number): void;
  /**
   * Says the file did not end with a newline: then a last line that does not parse is the record a
   * killed writer was in the middle of, not corruption, and the session is `truncated`.
   */
  markUnterminated(): void;
  /** Ends the file and returns the session; throws {@link SessionFormatError} with one clear line. */
  finish(): Session;
}

export function createSessionAssembler(source = 'session file'): SessionAssembler {
  let header: HeaderRecord | null = null;
  const snapshots: AgentSnapshot[] = [];
  const marks: MarkRecord[] = [];
  const events: EventRecord[] = [];
  const cpuProfiles: CpuProfileWindow[] = [];
  const allocProfiles: AllocProfileWindow[] = [];
  /** The header's target's data; other sources get their own, by id. */
  const own: Omit<SourceData, 'info' | 'end'> = { snapshots, events, cpuProfiles, allocProfiles };
  const sources = new Map<string, SourceData>();
  const sourceMaps = new Map<string, SourceMapV3>();
  const open = new Map<string, OpenProfile>();
  const warnings: string[] = [];
  const unknownTypes = new Set<string>();
  const extensionSieve = createExtensionSieve();
  let end: EndRecord | null = null;
  let truncated = false;
  let pendingError: string | null = null;

  const fail: (message: string) => never = (message) => {
    throw new SessionFormatError(`${source}: ${message}`);
  };

  const profile = (id: string, lineNumber: number): OpenProfile =>
    open.get(id) ?? fail(`line ${lineNumber}: profile part for "${id}" has no profile-begin before it`);

  /** Where a record's data goes: its source's, or the header target's when it names none. */
  const dataOf = (source: string | undefined, lineNumber: number): Omit<SourceData, 'info' | 'end'> =>
    source === undefined
      ? own
      : (sources.get(source) ??
        fail(`line ${lineNumber}: record of source "${source}" before its source record`));

  function addLine(line: string, lineNumber: number): void {
    // A line that failed to parse is only an error if more lines follow it.
    if (pendingError) fail(pendingError);
    if (line.trim() === '') return;
    if (nestsDeeperThan(line, MAX_RECORD_DEPTH))
      fail(`line ${lineNumber} nests deeper than ${MAX_RECORD_DEPTH} levels`);
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      pendingError = `line ${lineNumber} is not valid JSON (the file is corrupt)`;
      return;
    }
    const record = checkRecord(value);
    if (typeof record === 'string') fail(`line ${lineNumber}: ${record}`);
    if (record === null) {
      unknownTypes.add(String((value as { type: unknown }).type));
      return;
    }
    if (!header) {
      if (record.type !== 'header') fail('does not start with a Hyperscope session header');
      header = record as HeaderRecord;
      return;
    }
    switch (record.type) {
      case 'header':
        return fail(`line ${lineNumber}: a second header`);
      case 'snapshot':
        extensionSieve.sieve(record.snapshot, lineNumber);
        dataOf(record.source, lineNumber).snapshots.push(record.snapshot);
        return;
      case 'mark':
        marks.push(record);
        return;
      case 'event':
        dataOf(record.source, lineNumber).events.push(record);
        return;
      case 'source':
        if (sources.has(record.id)) return fail(`line ${lineNumber}: a second source record "${record.id}"`);
        sources.set(record.id, {
          info: record,
          end: null,
          snapshots: [],
          events: [],
          cpuProfiles: [],
          allocProfiles: [],
        });
        return;
      case 'source-end': {
        const data = sources.get(record.source);
        if (!data) return fail(`line ${lineNumber}: source-end of unknown source "${record.source}"`);
        data.end = record;
        return;
      }
      case 'source-map':
        // Several processes of a session run the same scripts: the first map of a url stands.
        if (!sourceMaps.has(record.url)) sourceMaps.set(record.url, record.map);
        return;
      case 'heap-growth': {
        const data = dataOf(record.source, lineNumber);
        (data.heapGrowth ??= []).push(record.growth);
        return;
      }
      case 'end':
        end = record;
        return;
      case 'profile-begin':
        dataOf(record.source, lineNumber);
        open.set(record.id, {
          meta: record,
          cpuNodes: [],
          allocNodes: [],
          samples: [],
          timeDeltas: [],
          allocSamples: [],
        });
        return;
      case 'profile-cpu-nodes':
        append(profile(record.id, lineNumber).cpuNodes, record.nodes);
        return;
      case 'profile-alloc-nodes':
        append(profile(record.id, lineNumber).allocNodes, record.nodes);
        return;
      case 'profile-cpu-samples': {
        const target = profile(record.id, lineNumber);
        append(target.samples, record.samples);
        append(target.timeDeltas, record.timeDeltas);
        return;
      }
      case 'profile-alloc-samples':
        append(profile(record.id, lineNumber).allocSamples, record.samples);
        return;
      case 'profile-end':
        closeProfile(profile(record.id, lineNumber));
        open.delete(record.id);
        return;
    }
  }

  function closeProfile(parts: OpenProfile): void {
    const { meta } = parts;
    const into = dataOf(meta.source, 0);
    if (meta.kind === 'cpu') {
      into.cpuProfiles.push({
        meta,
        // CDP times are µs; the record keeps ms since the epoch.
        profile: {
          nodes: parts.cpuNodes,
          startTime: meta.startTime * 1000,
          endTime: meta.endTime * 1000,
          samples: parts.samples,
          timeDeltas: parts.timeDeltas,
        },
      });
    } else {
      into.allocProfiles.push({ meta, nodes: parts.allocNodes, samples: parts.allocSamples });
    }
  }

  return {
    addLine,
    markUnterminated() {
      if (pendingError) {
        pendingError = null;
        truncated = true;
      }
    },
    finish() {
      if (pendingError) fail(pendingError);
      if (!header) fail('is empty or has no session header');
      if (open.size > 0)
        warnings.push(`${open.size} profile(s) were cut off before their end and are left out`);
      warnings.push(...extensionSieve.warnings());
      if (unknownTypes.size > 0)
        warnings.push(`skipped unknown record types: ${[...unknownTypes].join(', ')}`);
      if (truncated) warnings.push('the file ends in the middle of a record (the recorder was killed?)');
      snapshots.sort((a, b) => a.time - b.time);
      for (const data of sources.values()) data.snapshots.sort((a, b) => a.time - b.time);
      return {
        header: header as HeaderRecord,
        sources: [...sources.values()],
        snapshots,
        marks,
        events,
        cpuProfiles,
        allocProfiles,
        ...(own.heapGrowth ? { heapGrowth: own.heapGrowth } : {}),
        end,
        truncated,
        warnings,
        ...(sourceMaps.size > 0 ? { sourceMaps } : {}),
      };
    },
  };
}

/** Appends without spreading: a spread of a huge array overflows the stack. */
function append<T>(into: T[], items: readonly T[]): void {
  for (const item of items) into.push(item);
}

/** Reads a whole session text at once (tests, the browser). Large files go through the streaming reader. */
export function parseSessionText(text: string, source?: string): Session {
  const assembler = createSessionAssembler(source);
  const lines = text.split('\n');
  lines.forEach((line, index) => assembler.addLine(line, index + 1));
  if (!text.endsWith('\n')) assembler.markUnterminated();
  return assembler.finish();
}
