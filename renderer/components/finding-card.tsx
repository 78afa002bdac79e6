/** One finding: severity, title, the evidence as numbers and charts, the frames responsible, the advice. */
import { useState } from 'react';
import type { Finding } from '../../core/findings/finding';
import { formatFrame } from '../../core/frame';
import { displayUrl } from '../../core/profile/data-url-module';
import { heldText, holderLabel, holderPathText } from '../../core/retainers/holder-text';
import { evidenceCharts } from '../view-models/evidence-charts';
import { kindLabel } from '../view-models/findings-summary';
import { Icon } from './icon';
import { SERIES_COLORS } from './palette';
import { TimeChart } from './time-chart';

const SEVERITY_ICON = { critical: 'error', warning: 'warning', info: 'info' } as const;

export function SeverityBadge(props: { severity: Finding['severity'] }) {
  return (
    <span className={`severity severity-${props.severity}`}>
      <Icon name={SEVERITY_ICON[props.severity]} /> {props.severity}
    </span>
  );
}

/**
 * `place`: where it happened in a session of several processes or threads (`worker 2 of 4 · pid 4243`),
 * shown in the card's header.
 */
export function FindingCard(props: { finding: Finding; compact?: boolean; place?: string }) {
  const { finding } = props;
  const [frame, setFrame] = useState<number | null>(null);
  const charts = props.compact ? [] : evidenceCharts(finding.evidence);
  const selected = frame === null ? undefined : finding.frames[frame];
  return (
    <article className={`finding-card finding-${finding.severity}`} aria-label={finding.title}>
      <header>
        <SeverityBadge severity={finding.severity} />
        <span className="finding-kind">{kindLabel(finding.kind)}</span>
        {props.place && (
          <span className="finding-place">
            <Icon name="server-process" /> {props.place}
          </span>
        )}
      </header>
      <h3>{finding.title}</h3>
      <p className="finding-summary">{finding.evidence.summary}</p>
      {!props.compact && Object.keys(finding.evidence.values).length > 0 && (
        <dl className="finding-values">
          {Object.entries(finding.evidence.values).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                {typeof value === 'number'
                  ? value.toLocaleString('en-US', { maximumFractionDigits: 2 })
                  : value}
              </dd>
            </div>
          ))}
        </dl>
      )}
      {charts.map((chart) => (
        <TimeChart
          key={chart.unit}
          title={`Evidence (${chart.unit})`}
          unit={chart.unit}
          data={chart.rows}
          series={chart.names.map((name, i) => ({
            key: name,
            name,
            color: SERIES_COLORS[i % SERIES_COLORS.length] ?? '#888',
          }))}
          height={140}
        />
      ))}
      {!props.compact && finding.frames.length > 0 && (
        <section className="finding-frames">
          <h4>Code responsible (innermost first)</h4>
          <ol>
            {finding.frames.map((f, i) => (
              <li key={i}>
                <button
                  type="button"
                  className={`frame-button${frame === i ? ' selected' : ''}`}
                  onClick={() => setFrame(frame === i ? null : i)}
                >
                  <Icon name="symbol-method" /> {formatFrame(f)}
                </button>
              </li>
            ))}
          </ol>
          {selected && (
            <div className="frame-location" role="status">
              <Icon name="go-to-file" /> <code>{displayUrl(selected.url) || '(no file)'}</code> line{' '}
              {selected.line}, column {selected.column}
            </div>
          )}
        </section>
      )}
      {!props.compact && finding.evidence.holders && finding.evidence.holders.length > 0 && (
        <section className="finding-holders">
          <h4>What holds it (heap snapshots)</h4>
          <ol>
            {finding.evidence.holders.map((holder, i) => (
              <li key={i}>
                <Icon name="references" /> <strong>{holderLabel(holder)}</strong> → {heldText(holder)}
                <div className="retainer-path muted">{holderPathText(holder)}</div>
              </li>
            ))}
          </ol>
        </section>
      )}
      <p className="finding-advice">
        <Icon name="lightbulb" /> {finding.advice}
      </p>
    </article>
  );
}
