/** What holds a heap's growth, holder → held objects by kind, with each holder's path from the roots. */
import { useMemo, useState } from 'react';
import type { HeapGrowth } from '../../core/retainers/heap-growth';
import { formatBytes } from '../../core/units/bytes';
import { heapGrowthHeadline, retainerTreeRows } from '../view-models/retainer-tree';
import { Icon } from './icon';

export function RetainerTree(props: { growth: HeapGrowth }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(['h0']));
  const rows = useMemo(() => retainerTreeRows(props.growth, expanded), [props.growth, expanded]);
  const toggle = (id: string): void => {
    const next = new Set(expanded);
    if (!next.delete(id)) next.add(id);
    setExpanded(next);
  };
  return (
    <section className="panel retainer-tree" aria-label="What holds the heap's growth">
      <p className="muted">{heapGrowthHeadline(props.growth)}</p>
      <table className="data-table">
        <thead>
          <tr>
            <th>Holder → held</th>
            <th className="num">New objects</th>
            <th className="num">Bytes</th>
            <th className="num">Per second</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id} className={row.depth === 0 ? 'retainer-holder' : 'retainer-held'}>
              <td>
                {row.depth === 0 ? (
                  <button
                    type="button"
                    className="frame-button"
                    aria-expanded={expanded.has(row.id)}
                    onClick={() => toggle(row.id)}
                  >
                    <Icon name={expanded.has(row.id) ? 'chevron-down' : 'chevron-right'} /> {row.label}
                  </button>
                ) : (
                  <span className="retainer-kind">{row.label}</span>
                )}
                {row.depth === 0 && <div className="retainer-path muted">{row.detail}</div>}
              </td>
              <td className="num">{row.count.toLocaleString('en-US')}</td>
              <td className="num">{formatBytes(row.bytes)}</td>
              <td className="num">{formatBytes(Math.round(row.bytesPerSecond))}/s</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
