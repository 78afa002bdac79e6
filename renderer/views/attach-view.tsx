/**
 * Attach: a local Node process (refreshed while the view is open), a remote inspector address (with a
 * confirmation for anything not on this machine), a command to launch, or the built-in demo service.
 */
import { useEffect, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useApp } from '../bridge/bridge-context';
import type { AppState } from '../store/store';
import { Icon } from '../components/icon';
import { RingChoiceField } from '../components/ring-choice-field';
import { ErrorBanner, LoadingState } from '../components/states';
import { parseInspectorAddress } from '../view-models/inspector-address';
import { splitCommand } from '../view-models/split-command';

/** How often the process list refreshes while visible, ms. */
const REFRESH_MS = 5000;

export function AttachView() {
  const s = useApp(
    useShallow((state: AppState) => ({
      processes: state.processes,
      processesStatus: state.processesStatus,
      processesError: state.processesError,
      scenarios: state.scenarios,
      scenariosError: state.scenariosError,
      attaching: state.attaching,
      attachError: state.attachError,
      attach: state.attach,
      refreshProcesses: state.refreshProcesses,
      loadScenarios: state.loadScenarios,
    })),
  );
  const { refreshProcesses, loadScenarios } = s;
  const [url, setUrl] = useState('');
  const [confirmRemote, setConfirmRemote] = useState(false);
  const [command, setCommand] = useState('');
  const [commandError, setCommandError] = useState<string | null>(null);
  useEffect(() => {
    void refreshProcesses();
    void loadScenarios();
    const timer = setInterval(() => void refreshProcesses(), REFRESH_MS);
    return () => clearInterval(timer);
  }, [refreshProcesses, loadScenarios]);
  const address = parseInspectorAddress(url);
  const remote = address !== null && !address.loopback;
  const busy = s.attaching;
  return (
    <div className="attach">
      <ErrorBanner message={s.attachError} />
      {busy && <LoadingState label="Attaching…" />}
      <RingChoiceField />
      <section className="panel" aria-labelledby="demo-heading">
        <h2 id="demo-heading">
          <Icon name="beaker" /> Try the demo service
        </h2>
        <p className="muted">
          A real HTTP service on 127.0.0.1 with a built-in load, one pitfall per scenario.
        </p>
        <ErrorBanner message={s.scenariosError} />
        <div className="scenario-grid">
          {s.scenarios.map((scenario) => (
            <button
              type="button"
              key={scenario.name}
              className="scenario"
              disabled={busy}
              onClick={() => void s.attach({ kind: 'demo', scenario: scenario.name })}
            >
              <strong>{scenario.name}</strong>
              <span>{scenario.description}</span>
            </button>
          ))}
        </div>
      </section>
      <section className="panel" aria-labelledby="ps-heading">
        <h2 id="ps-heading">
          <Icon name="server-process" /> Local Node processes
          <button
            type="button"
            className="icon-button"
            onClick={() => void refreshProcesses()}
            aria-label="Refresh the process list"
          >
            <Icon name="refresh" spin={s.processesStatus === 'loading'} />
          </button>
        </h2>
        <ErrorBanner message={s.processesError} />
        {s.processes.length === 0 ? (
          <p className="muted">
            {s.processesStatus === 'loading'
              ? 'Looking for Node processes…'
              : 'No other Node process is running.'}
          </p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th className="num">PID</th>
                <th>Command</th>
                <th>Node</th>
                <th>Inspector</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {s.processes.map((p) => (
                <tr key={p.pid}>
                  <td className="num">{p.pid}</td>
                  <td className="command" title={p.command}>
                    {p.command}
                  </td>
                  <td>{p.nodeVersion ?? '?'}</td>
                  <td>{p.inspectorAddress ?? 'closed'}</td>
                  <td>
                    <button
                      type="button"
                      disabled={busy}
                      onClick={() => void s.attach({ kind: 'pid', pid: p.pid })}
                    >
                      <Icon name="plug" /> Attach
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className="panel" aria-labelledby="remote-heading">
        <h2 id="remote-heading">
          <Icon name="remote" /> Inspector address
        </h2>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (address && (!remote || confirmRemote))
              void s.attach({ kind: 'url', url: url.trim(), allowRemote: remote && confirmRemote });
          }}
        >
          <input
            aria-label="Inspector address"
            placeholder="127.0.0.1:9229 or ws://…"
            value={url}
            onChange={(e) => setUrl(e.currentTarget.value)}
          />
          <button type="submit" disabled={busy || !address || (remote && !confirmRemote)}>
            <Icon name="plug" /> Connect
          </button>
        </form>
        {url.trim() !== '' && !address && (
          <p className="field-error">Not an address: use host:port or a ws:// URL.</p>
        )}
        {remote && (
          <div className="warning-box" role="alert">
            <Icon name="warning" /> <strong>{address.host}</strong> is not this machine. Whoever can reach an
            inspector can run any code in that process, and the connection is not encrypted (use an SSH
            tunnel).
            <label>
              <input
                type="checkbox"
                checked={confirmRemote}
                onChange={(e) => setConfirmRemote(e.currentTarget.checked)}
              />{' '}
              I understand; connect anyway
            </label>
          </div>
        )}
      </section>
      <section className="panel" aria-labelledby="launch-heading">
        <h2 id="launch-heading">
          <Icon name="run" /> Launch a command
        </h2>
        <form
          className="inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            try {
              const argv = splitCommand(command);
              setCommandError(argv.length === 0 ? 'Type a command, e.g. node server.js' : null);
              if (argv.length > 0) void s.attach({ kind: 'launch', command: argv });
            } catch (error) {
              setCommandError(error instanceof Error ? error.message : String(error));
            }
          }}
        >
          <input
            aria-label="Command to launch"
            placeholder="node server.js --port 3000"
            value={command}
            onChange={(e) => setCommand(e.currentTarget.value)}
          />
          <button type="submit" disabled={busy || !command.trim()}>
            <Icon name="play" /> Launch and record
          </button>
        </form>
        {commandError && <p className="field-error">{commandError}</p>}
      </section>
    </div>
  );
}
