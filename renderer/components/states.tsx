/** Empty, loading and error states, the same everywhere. */
import type { ReactNode } from 'react';
import { Icon } from './icon';

export function EmptyState(props: { icon: string; title: string; children?: ReactNode }) {
  return (
    <div className="empty-state">
      <Icon name={props.icon} />
      <h2>{props.title}</h2>
      {props.children && <div className="empty-state-body">{props.children}</div>}
    </div>
  );
}

export function LoadingState(props: { label: string }) {
  return (
    <div className="loading-state" role="status" aria-live="polite">
      <Icon name="loading" spin /> {props.label}
    </div>
  );
}

export function ErrorBanner(props: { message: string | null; onDismiss?: () => void }) {
  if (!props.message) return null;
  return (
    <div className="error-banner" role="alert">
      <Icon name="error" />
      <span>{props.message}</span>
      {props.onDismiss && (
        <button type="button" className="icon-button" onClick={props.onDismiss} aria-label="Dismiss">
          <Icon name="close" />
        </button>
      )}
    </div>
  );
}
