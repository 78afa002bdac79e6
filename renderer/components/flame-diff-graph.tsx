/** The comparison's differential flame graph: this session's CPU time, red where it grew, blue where it shrank. */
import { useMemo, useState } from 'react';
import type { FlameDiff } from '../../core/diff/flame-diff';
import { flameDiffView } from '../view-models/flame-diff-view';
import { FlameGraph } from './flame-graph';
import { useDarkMode } from './hooks';

export function FlameDiffGraph(props: { diff: FlameDiff }) {
  const dark = useDarkMode();
  const view = useMemo(() => flameDiffView(props.diff, dark), [props.diff, dark]);
  const [selected, setSelected] = useState<number | null>(null);
  const [query, setQuery] = useState('');
  return (
    <section className="profile-change" aria-label="CPU differential flame graph">
      <h4>
        CPU time by call stack: red grew, blue shrank (base scaled to the same length; stacks that vanished
        keep their base width)
      </h4>
      <FlameGraph
        layout={view.layout}
        selected={selected}
        onSelect={setSelected}
        query={query}
        onQuery={setQuery}
        delta={view.delta}
      />
    </section>
  );
}
