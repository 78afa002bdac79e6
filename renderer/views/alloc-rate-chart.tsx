/**
 * The Allocations view's rate chart: one process's allocated and still-alive bytes/s window by window,
 * or with all processes of a session of several chosen, each one's allocated bytes/s as its own line.
 */
import { useMemo } from 'react';
import { useApp } from '../bridge/bridge-context';
import { PALETTE, SERIES_COLORS } from '../components/palette';
import { TimeChart, type SeriesSpec } from '../components/time-chart';
import { selectIntervalS, selectPart, selectParts, selectStartTime } from '../store/selectors';
import { allocRateByPart, allocRateRows, type AllocRateRow } from '../view-models/alloc-rate';
import { windowedProfilesOf } from '../view-models/profile-models';

const RATE_SERIES: SeriesSpec<AllocRateRow>[] = [
  { key: 'allocated', name: 'allocated', color: PALETTE.violet },
  { key: 'alive', name: 'still alive', color: PALETTE.amber },
];

export function AllocRateChart() {
  const part = useApp(selectPart);
  const parts = useApp(selectParts);
  const start = useApp(selectStartTime);
  const intervalS = useApp(selectIntervalS);
  const own = useMemo(
    () => (part?.session ? allocRateRows(windowedProfilesOf(part.session), start) : null),
    [part, start],
  );
  const byPart = useMemo(() => {
    if (part) return null;
    const withProfiles = parts.flatMap(({ id, label, session }) =>
      session ? [{ id, label, profiles: windowedProfilesOf(session) }] : [],
    );
    return allocRateByPart(withProfiles, start, intervalS);
  }, [part, parts, start, intervalS]);
  if (byPart)
    return (
      <TimeChart
        title="Allocated bytes/s, by process (one point per profile window)"
        unit="bytes/s"
        data={byPart.rows}
        series={byPart.series.map((s, i) => ({ ...s, color: SERIES_COLORS[i % SERIES_COLORS.length]! }))}
      />
    );
  const rows = own ?? [];
  return (
    <TimeChart
      title="Allocation rate, whole process (one point per profile window)"
      unit="bytes/s"
      data={rows}
      series={RATE_SERIES.filter((spec) => rows.some((row) => row[spec.key] !== undefined))}
    />
  );
}
