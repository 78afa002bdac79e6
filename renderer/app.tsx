/**
 * The app shell: a header with the subject and recording controls, the process/thread picker of a
 * session of several, a view list, the current view.
 */
import { useEffect } from 'react';
import type { ComponentType } from 'react';
import { useApp } from './bridge/bridge-context';
import { Icon } from './components/icon';
import { PartPicker } from './components/part-picker';
import { RecordingControls } from './components/recording-controls';
import { RingSaveNotice } from './components/ring-save-notice';
import { HeapSnapshotNotice } from './components/heap-snapshot-notice';
import { selectFindings, selectSubject } from './store/selectors';
import { VIEWS } from './store/ui-slice';
import type { ViewName } from './store/ui-slice';
import { AllocationsView } from './views/allocations-view';
import { AttachView } from './views/attach-view';
import { ChainsView } from './views/chains-view';
import { CpuView } from './views/cpu-view';
import { DashboardView } from './views/dashboard-view';
import { FindingsView } from './views/findings-view';
import { NetworkView } from './views/network-view';
import { SessionsView } from './views/sessions-view';

const VIEW_INFO: Record<ViewName, { label: string; icon: string; component: ComponentType }> = {
  attach: { label: 'Attach', icon: 'plug', component: AttachView },
  dashboard: { label: 'Dashboard', icon: 'dashboard', component: DashboardView },
  chains: { label: 'Blocking chains', icon: 'type-hierarchy-sub', component: ChainsView },
  allocations: { label: 'Allocations', icon: 'database', component: AllocationsView },
  cpu: { label: 'CPU', icon: 'flame', component: CpuView },
  network: { label: 'Network', icon: 'globe', component: NetworkView },
  findings: { label: 'Findings', icon: 'warning', component: FindingsView },
  sessions: { label: 'Sessions', icon: 'files', component: SessionsView },
};

export function App() {
  const view = useApp((s) => s.view);
  const setView = useApp((s) => s.setView);
  const subject = useApp(selectSubject);
  const findingCount = useApp((s) => selectFindings(s).length);
  useEffect(() => {
    // Alt+1…8 switch views from anywhere (Electron's View menu sends the same commands).
    const onKey = (event: KeyboardEvent) => {
      const index = Number(event.key) - 1;
      const target = VIEWS[index];
      if (event.altKey && !event.ctrlKey && !event.metaKey && target) {
        event.preventDefault();
        setView(target);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setView]);
  const Current = VIEW_INFO[view].component;
  // A view's own selections (a flame node, an expanded chain) belong to one process: another starts afresh.
  const part = useApp((s) => s.part ?? '');
  return (
    <div className="app">
      <header className="app-header">
        <span className="brand">
          <Icon name="pulse" /> Hyperscope
        </span>
        <span className="subject">{subject ?? 'no session'}</span>
        <RecordingControls />
      </header>
      <PartPicker />
      <nav className="view-nav" aria-label="Views">
        {VIEWS.map((name, i) => (
          <button
            type="button"
            key={name}
            className={name === view ? 'active' : ''}
            aria-current={name === view ? 'page' : undefined}
            title={`${VIEW_INFO[name].label} (Alt+${i + 1})`}
            onClick={() => setView(name)}
          >
            <Icon name={VIEW_INFO[name].icon} />
            <span>{VIEW_INFO[name].label}</span>
            {name === 'findings' && findingCount > 0 && <span className="badge">{findingCount}</span>}
          </button>
        ))}
      </nav>
      <main className="view" aria-label={VIEW_INFO[view].label}>
        <RingSaveNotice />
        <HeapSnapshotNotice />
        <h1 className="view-title">{VIEW_INFO[view].label}</h1>
        <Current key={part} />
      </main>
    </div>
  );
}
