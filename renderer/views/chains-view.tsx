/**
 * Blocking chains: a goroutine dump for Node. Pending promise chains grouped by where their outermost link
 * was created, with counts, ages and what the innermost link waits on; a slider moves through the snapshots.
 */
import { useMemo, useState } from 'react';
import { formatFrame } from '../../core/frame';
import { MAIN_PART_ID } from '../../core/session/session-parts';
import { useApi, useApp } from '../bridge/bridge-context';
import { Icon } from '../components/icon';
import { PALETTE } from '../components/palette';
import { EmptyState } from '../components/states';
import { TimeChart } from '../components/time-chart';
import {
  selectAllParts,
  selectIsLive,
  selectMarks,
  selectPart,
  selectParts,
  selectSnapshots,
  selectStartTime,
} from '../store/selectors';
import { busiestChainsPart } from '../view-models/chains-part';
import { chartMarks } from '../view-models/chart-marks';
import { chainGroupRows, chainStops, describeWait } from '../view-models/chain-groups';
import { formatMs, formatRatio, formatSeconds } from '../view-models/format';
import { fetchLiveChain, type LiveChainState } from '../view-models/live-chain';
import { LiveChainLinks } from './live-chain-links';

export function ChainsView() {
  const chosenSnapshots = useApp(selectSnapshots);
  const all = useApp(selectAllParts);
  const parts = useApp(selectParts);
  const part = useApp(selectPart);
  // Chains are per process: with all chosen, the one with the most pending chains.
  const busiest = useMemo(() => (all ? busiestChainsPart(parts) : null), [all, parts]);
  const snapshots = busiest?.snapshots ?? chosenSnapshots;
  const shownId = (busiest ?? part)?.id ?? MAIN_PART_ID;
  const startTime = useApp(selectStartTime);
  const chosen = useApp((s) => s.chainsSnapshot);
  const choose = useApp((s) => s.setChainsSnapshot);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const api = useApi();
  // Only the recording's target's agent answers for its chains (its other processes have their own).
  const live = useApp(selectIsLive) && shownId === MAIN_PART_ID;
  // Live: each expand asks the agent for the group's chain now (a session file only has the group's frames).
  const [chains, setChains] = useState<Readonly<Record<string, LiveChainState>>>({});
  const stops = useMemo(() => chainStops(snapshots, startTime), [snapshots, startTime]);
  const series = useMemo(
    () => stops.map((s) => ({ t: s.t, chains: s.section.chains, pending: s.section.counts.pending })),
    [stops],
  );
  const markRecords = useApp(selectMarks);
  const marks = useMemo(() => chartMarks(markRecords, startTime), [markRecords, startTime]);
  if (stops.length === 0)
    return (
      <EmptyState icon="type-hierarchy-sub" title="No promise chains recorded">
        <p>Chains appear when the promise collector is on (record without --no-promises).</p>
      </EmptyState>
    );
  const index = chosen !== null && chosen < stops.length ? chosen : stops.length - 1;
  const stop = stops[index] as (typeof stops)[number];
  const rows = chainGroupRows(stop.section);
  const toggle = (id: string) => {
    const next = new Set(open);
    if (next.has(id)) next.delete(id);
    else {
      next.add(id);
      if (live) {
        setChains((all) => ({ ...all, [id]: { status: 'loading' } }));
        void fetchLiveChain(api, id).then((state) => setChains((all) => ({ ...all, [id]: state })));
      }
    }
    setOpen(next);
  };
  return (
    <div className="chains">
      {busiest && (
        <p className="part-note">
          <Icon name="info" /> Pending chains are per process: showing {busiest.label}, the one with the most.
          Pick another above.
        </p>
      )}
      <section className="panel">
        <div className="slider-row">
          <label htmlFor="chains-time">Snapshot</label>
          <input
            id="chains-time"
            type="range"
            min={0}
            max={stops.length - 1}
            value={index}
            onChange={(e) =>
              choose(
                Number(e.currentTarget.value) === stops.length - 1 ? null : Number(e.currentTarget.value),
              )
            }
            aria-valuetext={`${formatSeconds(stop.t)} since start`}
          />
          <span className="slider-value">
            {formatSeconds(stop.t)} {chosen === null && <span className="muted">(latest)</span>}
          </span>
        </div>
        <p className="muted">
          {stop.section.counts.pending.toLocaleString('en-US')} promises pending,{' '}
          {stop.section.chains.toLocaleString('en-US')} chains in {rows.length} groups · hooks on{' '}
          {formatRatio(stop.section.sampling.coverage)} of the time, so counts are a sample
        </p>
      </section>
      <TimeChart
        title="Pending over time"
        unit="count"
        data={series}
        marks={marks}
        height={130}
        series={[
          { key: 'chains', name: 'chains', color: PALETTE.red },
          { key: 'pending', name: 'pending promises', color: PALETTE.pink },
        ]}
      />
      <ul className="chain-groups" aria-label="Chain groups">
        {rows.map((row) => {
          const expanded = open.has(row.id);
          return (
            <li key={row.id} className="chain-group">
              <button
                type="button"
                className="chain-head"
                aria-expanded={expanded}
                onClick={() => toggle(row.id)}
              >
                <Icon name={expanded ? 'chevron-down' : 'chevron-right'} />
                <span className="chain-count">{row.group.count.toLocaleString('en-US')}</span>
                <span className="chain-site">{row.site}</span>
                <span className="chain-wait">waiting on {row.mainWait}</span>
                <span className="chain-age">
                  age p50 {formatMs(row.group.ageP50Ms)} · max {formatMs(row.group.ageMaxMs)}
                </span>
              </button>
              <div className="chain-bar" aria-hidden="true">
                <span style={{ width: `${Math.max(1, row.share * 100)}%` }} />
              </div>
              {expanded && (
                <div className="chain-detail">
                  {live && (
                    <>
                      <h4>Chain now, outer → inner</h4>
                      <LiveChainLinks state={chains[row.id]} />
                    </>
                  )}
                  <h4>Created at (innermost first)</h4>
                  {row.group.frames.length === 0 ? (
                    <p className="muted">No creation stack was sampled for this group.</p>
                  ) : (
                    <ol className="frames">
                      {row.group.frames.map((f, i) => (
                        <li key={i}>
                          <code>{formatFrame(f)}</code>
                        </li>
                      ))}
                    </ol>
                  )}
                  <h4>Waiting on</h4>
                  <ul className="plain-list">
                    {row.group.waits.map((w, i) => (
                      <li key={i}>
                        {w.count.toLocaleString('en-US')} × {describeWait(w.reason)}
                      </li>
                    ))}
                  </ul>
                  <p className="muted">
                    Longest chain: {row.group.maxDepth} links · age p99 {formatMs(row.group.ageP99Ms)}
                  </p>
                </div>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
