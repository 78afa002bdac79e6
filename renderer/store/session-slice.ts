/** The session on screen (opened from a file or just recorded), and saving, exporting and comparing it. */
import type {
  BackendInfo,
  ExportFormat,
  ExportProfileKind,
  OpenedSession,
  SessionSource,
  WriteResult,
} from '../../core/bridge/contract';
import type { SessionComparison } from '../../core/bridge/session-comparison';
import { partsOfSession } from '../view-models/session-part-list';
import { errorLine } from './slice';
import type { SliceCreator } from './slice';

export interface SessionSlice {
  info: BackendInfo | null;
  opened: OpenedSession | null;
  sessionStatus: 'idle' | 'loading' | 'error';
  sessionError: string | null;
  comparison: SessionComparison | null;
  /** Reads the backend's state at start (the `ui FILE` session, a recording in progress). */
  init(): Promise<void>;
  openSession(source: SessionSource): Promise<void>;
  /** Asks for a file with a native dialog (Electron) and opens it. */
  pickAndOpenSession(): Promise<void>;
  showSession(opened: OpenedSession): void;
  saveSession(): Promise<WriteResult | null>;
  /** `part`: of one process or thread of a session of several alone (else all of them merged). */
  exportSession(
    format: ExportFormat,
    profile?: ExportProfileKind,
    part?: string,
  ): Promise<WriteResult | null>;
  compareWith(base: SessionSource): Promise<void>;
}

export const createSessionSlice: SliceCreator<SessionSlice> = (api) => (set, get) => {
  const fail = (error: unknown): null => {
    set({ sessionStatus: 'error', sessionError: errorLine(error) });
    return null;
  };
  return {
    info: null,
    opened: null,
    sessionStatus: 'idle',
    sessionError: null,
    comparison: null,
    async init() {
      try {
        const state = await api.getState();
        set({ info: state.info, recording: state.recording });
        if (state.session) get().showSession(state.session);
      } catch (error) {
        fail(error);
      }
    },
    async openSession(source) {
      set({ sessionStatus: 'loading', sessionError: null });
      try {
        get().showSession(await api.openSession(source));
      } catch (error) {
        fail(error);
      }
    },
    async pickAndOpenSession() {
      const path = await api.pickSessionFile().catch(fail);
      if (path) await get().openSession({ kind: 'path', path });
    },
    showSession(opened) {
      // The process or thread on screen stays when the new session has it (a live recording, stopped).
      const { part } = get();
      const kept = part !== null && partsOfSession(opened.session).some((p) => p.id === part) ? part : null;
      set({ opened, sessionStatus: 'idle', sessionError: null, comparison: null, part: kept });
    },
    async saveSession() {
      set({ sessionError: null });
      return api.saveSession({}).catch(fail);
    },
    async exportSession(format, profile, part) {
      set({ sessionError: null });
      return api
        .exportSession({ format, ...(profile ? { profile } : {}), ...(part ? { part } : {}) })
        .catch(fail);
    },
    async compareWith(base) {
      set({ sessionStatus: 'loading', sessionError: null });
      try {
        set({ comparison: await api.diffSessions({ base }), sessionStatus: 'idle' });
      } catch (error) {
        fail(error);
      }
    },
  };
};
