/**
 * The UI's backend: the contract's request handlers plus the events it pushes. Transport-free — Electron's
 * IPC (`main/electron/ipc.ts`) and the browser-mode WebSocket (`browser-server.ts`) both sit in front of it.
 */
import { basename } from 'node:path';
import type {
  BackendState,
  EventChannel,
  EventChannels,
  OpenedSession,
  RecordingState,
  RequestHandlers,
  SessionSource,
} from '../../core/bridge/contract';
import { IDLE_RECORDING } from '../../core/bridge/contract';
import type { Session } from '../../core/session/session';
import { packSession } from '../../core/profile/pack-session';
import { sessionParts } from '../../core/session/session-parts';
import type { ActiveRecording, BackendPorts, LiveTarget } from './backend-ports';
import { compareWithProfiles } from './compare-with-profiles';

export type BackendListener = <E extends EventChannel>(event: E, payload: EventChannels[E]) => void;

export interface Backend {
  handlers: RequestHandlers;
  /** Subscribes to every event; returns the unsubscribe. */
  subscribe(listener: BackendListener): () => void;
  /** Opens a session as if the user had (the `ui FILE` argument, a menu, a second instance). */
  openPath(path: string): Promise<OpenedSession>;
  /** Pushes an event to every subscriber (menus use it for `menuCommand`). */
  emit<E extends EventChannel>(event: E, payload: EventChannels[E]): void;
  /** Stops any recording and detaches. */
  dispose(): Promise<void>;
}

export function createBackend(ports: BackendPorts): Backend {
  const listeners = new Set<BackendListener>();
  let state: RecordingState = IDLE_RECORDING;
  let live: LiveTarget | null = null;
  let recording: ActiveRecording | null = null;
  // `current` keeps the whole session (saving, exporting and diffs read it); the UI is sent `shown`.
  let current: (OpenedSession & { text?: string; shown: OpenedSession }) | null = null;

  const emit: Backend['emit'] = (event, payload) => {
    for (const listener of listeners) listener(event, payload);
  };
  const setState = (next: Partial<RecordingState>): RecordingState => {
    state = { ...state, ...next };
    emit('recordingState', state);
    return state;
  };
  // The UI shows frames in original sources: sessions are remapped once, as they are opened.
  const open = async (
    raw: Session,
    path: string | null,
    name: string,
    text?: string,
  ): Promise<OpenedSession> => {
    const session = await ports.remapSources(raw);
    // The findings build the CPU models first; the UI gets them packed, not the raw profiles.
    const findings = ports.findings(session);
    const shown = { path, name, session: packSession(session), findings };
    current = { path, name, session, findings, shown, ...(text ? { text } : {}) };
    return shown;
  };
  const read = async (
    source: SessionSource,
  ): Promise<{ session: Session; path: string | null; name: string }> =>
    source.kind === 'path'
      ? { session: await ports.readSessionFile(source.path), path: source.path, name: basename(source.path) }
      : { session: ports.parseSession(source.name, source.text), path: null, name: source.name };
  const requireCurrent = (): OpenedSession & { text?: string } => {
    if (!current) throw new Error('no session is open');
    return current;
  };
  const detach = async (): Promise<void> => {
    if (recording) await recording.stop().catch(() => undefined);
    recording = null;
    const target = live;
    live = null;
    if (target) await target.detach();
  };

  // A recording that ends without `stopRecording` (duration, target gone): keep what was recorded and show it.
  const endedByItself = async (path: string, message: string | undefined): Promise<void> => {
    if (!recording || recording.path !== path) return;
    recording = null;
    const gone = message !== undefined;
    if (gone) live = null;
    setState({
      phase: gone ? 'idle' : 'attached',
      startedAt: null,
      ringMs: null,
      retainers: false,
      sources: [],
      error: message ?? null,
      ...(gone ? { target: null } : {}),
    });
    try {
      emit('sessionOpened', await open(await ports.readSessionFile(path), path, basename(path)));
    } catch (error) {
      setState({ error: oneLine(error) });
    }
  };

  const handlers: RequestHandlers = {
    getState: async (): Promise<BackendState> => ({
      info: ports.info,
      recording: state,
      session: current && current.shown,
    }),
    listProcesses: () => ports.listProcesses(),
    listDemoScenarios: () => ports.listDemoScenarios(),
    attach: async (target) => {
      if (state.phase === 'recording') throw new Error('stop the recording before attaching elsewhere');
      await detach();
      setState({ ...IDLE_RECORDING, phase: 'attaching' });
      try {
        live = await ports.attach(target);
      } catch (error) {
        setState({ ...IDLE_RECORDING, error: oneLine(error) });
        throw error;
      }
      setState({ phase: 'attached', target: live.target });
      return live.target;
    },
    detach: async () => {
      await detach();
      setState(IDLE_RECORDING);
    },
    startRecording: async (options) => {
      if (!live) throw new Error('attach to a process first');
      if (recording) throw new Error('already recording');
      const sink = {
        snapshot: (snapshot: EventChannels['snapshot']) => {
          state = { ...state, snapshotCount: state.snapshotCount + 1 };
          emit('snapshot', snapshot);
        },
        sourceSnapshot: (source: string, snapshot: EventChannels['snapshot']) =>
          emit('sourceSnapshot', { source, snapshot }),
        sources: (sources: RecordingState['sources']) => setState({ sources }),
        finding: (finding: EventChannels['finding']) => emit('finding', finding),
        ended: (path: string, message: string | undefined) => void endedByItself(path, message),
      };
      // The new recording lists its sources as it starts (before the state below is pushed).
      state = { ...state, sources: [] };
      recording = await live.record(options, sink);
      return setState({
        phase: 'recording',
        startedAt: Date.now(),
        path: recording.path,
        snapshotCount: 0,
        ringMs: recording.ringMs,
        retainers: recording.heapSnapshot !== null,
        error: null,
      });
    },
    stopRecording: async () => {
      if (!recording) throw new Error('not recording');
      setState({ phase: 'stopping' });
      const active = recording;
      recording = null;
      const path = await active.stop();
      setState({
        phase: live ? 'attached' : 'idle',
        startedAt: null,
        ringMs: null,
        retainers: false,
        sources: [],
      });
      const opened = await open(await ports.readSessionFile(path), path, basename(path));
      emit('sessionOpened', opened);
      return opened;
    },
    saveRing: async () => {
      if (!recording) throw new Error('not recording');
      if (!recording.saveRing)
        throw new Error('this recording keeps everything: only one that keeps the last minutes saves them');
      return recording.saveRing();
    },
    takeHeapSnapshot: async () => {
      if (!recording) throw new Error('not recording');
      if (!recording.heapSnapshot)
        throw new Error('this recording takes no heap snapshots: start one with retainers on');
      return recording.heapSnapshot();
    },
    mark: async ({ label }) => {
      if (!recording) throw new Error('not recording');
      return recording.mark(label);
    },
    pickSessionFile: () => ports.pickSessionFile(),
    openSession: async (source) => {
      const { session, path, name } = await read(source);
      return open(session, path, name, source.kind === 'contents' ? source.text : undefined);
    },
    saveSession: async ({ path }) => {
      const session = requireCurrent();
      const bytes =
        session.text !== undefined
          ? new TextEncoder().encode(session.text)
          : await ports.readBytes(session.path ?? '');
      const fileName = session.name.endsWith('.ndjson') ? session.name : `${session.name}.hyperscope.ndjson`;
      return ports.output({ fileName, mimeType: 'application/x-ndjson', bytes }, path);
    },
    exportSession: async ({ format, profile, part }) => {
      const session = requireCurrent();
      if (part === undefined)
        return ports.output(ports.exportSession(session.session, session.name, format, profile));
      // One process or thread alone, named in the file's name: `cluster-p4243.cpuprofile`.
      const one = sessionParts(session.session).find((p) => p.id === part);
      if (!one) throw new Error(`no process or thread ${part} in ${session.name}`);
      const name = session.name.replace(/(\.hyperscope|\.ndjson|\.jsonl)?$/, `-${part}$1`);
      return ports.output(ports.exportSession(one.session, name, format, profile));
    },
    getChain: async ({ groupId }) => {
      if (!recording) throw new Error('chains are fetched from a live recording: none is running');
      return recording.chain(groupId);
    },
    diffSessions: async ({ base }) => {
      const session = requireCurrent();
      const other = await read(base);
      const otherSession = await ports.remapSources(other.session);
      return compareWithProfiles(
        { name: other.name, session: otherSession, findings: ports.findings(otherSession) },
        session,
      );
    },
  };

  return {
    handlers,
    emit,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async openPath(path) {
      const opened = await handlers.openSession({ kind: 'path', path });
      emit('sessionOpened', opened);
      return opened;
    },
    async dispose() {
      await detach();
      listeners.clear();
    },
  };
}

function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
