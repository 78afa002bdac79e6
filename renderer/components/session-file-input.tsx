/**
 * Picks a session (or profile) file: a native dialog where the backend has one (Electron), a file input
 * plus a path field otherwise (browser mode: the server runs on this machine and can read a path).
 */
import { useId, useState } from 'react';
import type { SessionSource } from '../../core/bridge/contract';
import { useApi, useApp } from '../bridge/bridge-context';
import { Icon } from './icon';

export function SessionFileInput(props: {
  label: string;
  icon: string;
  onSource: (source: SessionSource) => void;
}) {
  const api = useApi();
  const native = useApp((s) => s.info?.nativeDialogs ?? false);
  const [path, setPath] = useState('');
  const id = useId();
  if (native)
    return (
      <button
        type="button"
        onClick={() =>
          void api.pickSessionFile().then((picked) => {
            if (picked) props.onSource({ kind: 'path', path: picked });
          })
        }
      >
        <Icon name={props.icon} /> {props.label}…
      </button>
    );
  return (
    <div className="file-input">
      <label className="button-like" htmlFor={`${id}-file`}>
        <Icon name={props.icon} /> {props.label}…
      </label>
      <input
        id={`${id}-file`}
        type="file"
        // Text files only: a file picked here reaches the backend as text, so pprof (binary) goes by path.
        accept=".ndjson,.jsonl,.json,.hyperscope,.cpuprofile,.heapprofile,.folded,.txt"
        className="visually-hidden"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file)
            void file.text().then((text) => props.onSource({ kind: 'contents', name: file.name, text }));
          event.currentTarget.value = '';
        }}
      />
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          if (path.trim()) props.onSource({ kind: 'path', path: path.trim() });
        }}
      >
        <input
          aria-label={`${props.label}: path on this machine`}
          placeholder="or a path on this machine"
          value={path}
          onChange={(e) => setPath(e.currentTarget.value)}
        />
        <button type="submit" disabled={!path.trim()}>
          Open path
        </button>
      </form>
    </div>
  );
}
