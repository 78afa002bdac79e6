/** Chooses how siblings are ordered in a flame graph: by name (classic) or heaviest first. */
import type { FlameOrder } from '../../core/profile/flame-layout';

export function OrderSwitch(props: { order: FlameOrder; onOrder(order: FlameOrder): void }) {
  return (
    <div className="segmented" role="group" aria-label="Order">
      <button
        type="button"
        aria-pressed={props.order === 'alphabetical'}
        onClick={() => props.onOrder('alphabetical')}
      >
        By name
      </button>
      <button
        type="button"
        aria-pressed={props.order === 'left-heavy'}
        onClick={() => props.onOrder('left-heavy')}
      >
        Heaviest first
      </button>
    </div>
  );
}
