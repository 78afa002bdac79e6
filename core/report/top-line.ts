/** One `pprof -top` row of the report: a profile's `TopRow` with its frame as the report's plain `Frame`. */
import { plainFrame } from '../profile/allocated-retained';
import type { TopRow } from '../profile/top';
import type { TopLine } from './report';

/** `row` as a report line (the CPU table's, and the base of the allocation tables'). */
export function topLineOf(row: TopRow): TopLine {
  return {
    frame: plainFrame(row.frame),
    flat: row.flat,
    flatPercent: row.flatPercent,
    sumPercent: row.sumPercent,
    cum: row.cum,
    cumPercent: row.cumPercent,
  };
}
