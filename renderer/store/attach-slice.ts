/** The Attach view's state: local processes, demo scenarios, and attaching (which starts a recording). */
import type { AttachTarget, DemoScenario, ProcessInfo } from '../../core/bridge/contract';
import { ringRequestOf } from '../view-models/ring-choice';
import { errorLine } from './slice';
import type { SliceCreator } from './slice';

export interface AttachSlice {
  processes: ProcessInfo[];
  processesStatus: 'idle' | 'loading' | 'error';
  processesError: string | null;
  scenarios: DemoScenario[];
  scenariosError: string | null;
  attaching: boolean;
  attachError: string | null;
  refreshProcesses(): Promise<void>;
  loadScenarios(): Promise<void>;
  /** Attaches, starts recording and shows the live dashboard; errors stay in the Attach view. */
  attach(target: AttachTarget): Promise<boolean>;
}

export const createAttachSlice: SliceCreator<AttachSlice> = (api) => (set, get) => ({
  processes: [],
  processesStatus: 'idle',
  processesError: null,
  scenarios: [],
  scenariosError: null,
  attaching: false,
  attachError: null,
  async refreshProcesses() {
    set({ processesStatus: 'loading' });
    try {
      set({ processes: await api.listProcesses(), processesStatus: 'idle', processesError: null });
    } catch (error) {
      set({ processesStatus: 'error', processesError: errorLine(error) });
    }
  },
  async loadScenarios() {
    try {
      set({ scenarios: await api.listDemoScenarios(), scenariosError: null });
    } catch (error) {
      set({ scenariosError: errorLine(error) });
    }
  },
  async attach(target) {
    // A ring choice that will not do is said before anything is attached (or launched).
    const ringError = ringRequestOf(get().ringChoice).error;
    if (ringError !== null) {
      set({ attachError: ringError });
      return false;
    }
    set({ attaching: true, attachError: null, liveError: null });
    try {
      await api.attach(target);
      await get().startRecording();
      const failed = get().liveError;
      set({ attaching: false, attachError: failed });
      if (!failed) get().setView('dashboard');
      return !failed;
    } catch (error) {
      set({ attaching: false, attachError: errorLine(error) });
      return false;
    }
  },
});
