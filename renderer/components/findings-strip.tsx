/** The Dashboard's findings as compact cards, each saying where it happened in a session of several. */
import type { Finding } from '../../core/findings/finding';
import { findingPlace, placeText } from '../view-models/part-picker';
import type { PartData } from '../view-models/session-part-list';
import { FindingCard } from './finding-card';
import { Icon } from './icon';

export function FindingsStrip(props: {
  findings: readonly Finding[];
  parts: readonly PartData[];
  onOpen: () => void;
}) {
  if (props.findings.length === 0) return null;
  return (
    <section className="dashboard-findings" aria-label="Findings">
      <h2>
        <Icon name="warning" /> Findings ({props.findings.length})
      </h2>
      <div className="finding-strip">
        {props.findings.map((f, i) => {
          const place = findingPlace(f, props.parts);
          return (
            <button type="button" key={`${f.kind}-${i}`} className="finding-link" onClick={props.onOpen}>
              <FindingCard finding={f} compact place={place ? placeText(place) : undefined} />
            </button>
          );
        })}
      </div>
    </section>
  );
}
