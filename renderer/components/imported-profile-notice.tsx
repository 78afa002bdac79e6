/**
 * What views made of snapshots show for a profile imported from another tool: it has none, and its
 * profiles are in the CPU and Allocations views.
 */
import { useApp } from '../bridge/bridge-context';
import { Icon } from './icon';
import { EmptyState } from './states';

export function ImportedProfileNotice(props: { name: string; icon: string }) {
  const setView = useApp((s) => s.setView);
  return (
    <EmptyState icon={props.icon} title={`${props.name} is a profile, not a recording`}>
      <p>It has no snapshots to show here. Its profiles are in</p>
      <p>
        <button type="button" onClick={() => setView('cpu')}>
          <Icon name="flame" /> CPU
        </button>{' '}
        and{' '}
        <button type="button" onClick={() => setView('allocations')}>
          <Icon name="database" /> Allocations
        </button>
      </p>
    </EmptyState>
  );
}
