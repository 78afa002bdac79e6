/** What grew and what shrank per function between two sessions, one table per profile kind. */
import type { ProfileChange } from '../../core/bridge/session-comparison';
import { formatFrame } from '../../core/frame';
import { formatValue } from '../../core/profile/format-value';

const TITLES: Record<ProfileChange['profile'], string> = {
  cpu: 'CPU time',
  allocated: 'Bytes allocated',
  alive: 'Bytes still alive',
  chains: 'Pending promise chains',
};

const signed = (value: number, unit: string): string => `${value > 0 ? '+' : ''}${formatValue(value, unit)}`;

export function ProfileChanges(props: { profiles: readonly ProfileChange[] }) {
  if (props.profiles.length === 0)
    return <p className="muted">The two sessions have no profile of the same kind to compare.</p>;
  return (
    <>
      {props.profiles.map((p) => (
        <section key={p.profile} className="profile-change" aria-label={`${TITLES[p.profile]} changes`}>
          <h4>{TITLES[p.profile]}: what grew, what shrank (base scaled to the same length)</h4>
          <table className="data-table">
            <thead>
              <tr>
                <th>Function</th>
                <th className="num">Base self</th>
                <th className="num">This session self</th>
                <th className="num">Self change</th>
                <th className="num">Total change</th>
              </tr>
            </thead>
            <tbody>
              {p.functions.map((f) => (
                <tr
                  key={formatFrame(f.frame)}
                  className={f.flatDelta > 0 ? 'row-grew' : f.flatDelta < 0 ? 'row-shrank' : ''}
                >
                  <td className="frame-cell">{formatFrame(f.frame)}</td>
                  <td className="num">{formatValue(f.baseFlat, p.unit)}</td>
                  <td className="num">{formatValue(f.currentFlat, p.unit)}</td>
                  <td className="num">{signed(f.flatDelta, p.unit)}</td>
                  <td className="num">{signed(f.cumDelta, p.unit)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </>
  );
}
