/** A panel holding one data table, or a muted line when it has no rows. */
import type { ReactNode } from 'react';

/** A column heading; `num` right-aligns it over figures. */
export interface TableColumn {
  label: string;
  num?: boolean;
}

export function TablePanel(props: {
  /** The panel's accessible name. */
  label: string;
  title: ReactNode;
  columns: readonly TableColumn[];
  rowCount: number;
  /** Said instead of the table when there are no rows. */
  empty: string;
  /** The table's rows (`<tr>`s). */
  children: ReactNode;
  /** Shown after the table (or the empty line). */
  after?: ReactNode;
}) {
  return (
    <section className="panel" aria-label={props.label}>
      <h2>{props.title}</h2>
      {props.rowCount === 0 ? (
        <p className="muted">{props.empty}</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              {props.columns.map((column) => (
                <th key={column.label} className={column.num ? 'num' : undefined}>
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>{props.children}</tbody>
        </table>
      )}
      {props.after}
    </section>
  );
}
