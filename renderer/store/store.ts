/**
 * The app store: small slices over one zustand store, made for one backend API. Backend events feed
 * it here, in one place; views read it with `useApp(selector)`.
 */
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { HyperscopeApi } from '../../core/bridge/contract';
import { createAttachSlice } from './attach-slice';
import type { AttachSlice } from './attach-slice';
import { createLiveSlice } from './live-slice';
import type { LiveSlice } from './live-slice';
import { createRetainersSlice } from './retainers-slice';
import type { RetainersSlice } from './retainers-slice';
import { createRingSlice } from './ring-slice';
import type { RingSlice } from './ring-slice';
import { createSessionSlice } from './session-slice';
import type { SessionSlice } from './session-slice';
import { createUiSlice, VIEWS } from './ui-slice';
import type { UiSlice, ViewName } from './ui-slice';

export type AppState = SessionSlice & LiveSlice & AttachSlice & RingSlice & RetainersSlice & UiSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(api: HyperscopeApi): AppStore {
  const store = createStore<AppState>()((...args) => ({
    ...createSessionSlice(api)(...args),
    ...createLiveSlice(api)(...args),
    ...createAttachSlice(api)(...args),
    ...createRingSlice(api)(...args),
    ...createRetainersSlice(api)(...args),
    ...createUiSlice(api)(...args),
  }));
  const state = store.getState;
  api.onSnapshot((snapshot) => state().applySnapshot(snapshot));
  api.onSourceSnapshot((event) => state().applySourceSnapshot(event));
  api.onFinding((finding) => state().applyFinding(finding));
  api.onRecordingState((recording) => state().applyRecordingState(recording));
  api.onSessionOpened((opened) => {
    state().showSession(opened);
    // From Attach or Sessions, show what was opened; after a recording stops, leave the user where they are.
    // Not `setView`: that is the user moving on, and would clear why a recording ended by itself.
    if (state().view === 'attach' || state().view === 'sessions') store.setState({ view: 'dashboard' });
  });
  api.onMenuCommand((command) => {
    if (command === 'attach') state().setView('attach');
    else if (command === 'open') void state().pickAndOpenSession();
    else if (command === 'save' || command === 'export' || command === 'diff') state().setView('sessions');
    else if (command.startsWith('view:')) {
      const view = command.slice('view:'.length);
      if ((VIEWS as readonly string[]).includes(view)) state().setView(view as ViewName);
    }
  });
  void state()
    .init()
    .then(() => {
      const { opened, recording } = state();
      if (opened || recording.phase === 'recording') state().setView('dashboard');
    });
  return store;
}
