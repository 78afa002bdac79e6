/** Chooses how siblings are ordered in a flame graph: by name (classic) or heaviest first. */
import type { FlameOrder } from '../../core/profile/flame-layout';
import { Segmented } from './segmented';

const ORDERS = [
  { value: 'alphabetical', label: 'By name' },
  { value: 'left-heavy', label: 'Heaviest first' },
] as const;

export function OrderSwitch(props: { order: FlameOrder; onOrder(order: FlameOrder): void }) {
  return <Segmented label="Order" options={ORDERS} value={props.order} onChange={props.onOrder} />;
}
