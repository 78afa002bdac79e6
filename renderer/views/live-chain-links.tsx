/** One group's chain fetched live, outer → inner: each link's kind, age and creation stack, then its wait. */
import type { LiveChainState } from '../view-models/live-chain';
import { chainLinkRows, chainWait } from '../view-models/live-chain';

export function LiveChainLinks(props: { state: LiveChainState | undefined }) {
  const { state } = props;
  if (!state || state.status === 'loading')
    return <p className="muted">Fetching the chain from the target…</p>;
  if (state.status === 'failed')
    return <p className="field-error">Could not fetch the chain: {state.error}</p>;
  if (!state.chain) return <p className="muted">No chain of this group is pending any more.</p>;
  return (
    <>
      <ol className="chain-links" aria-label="Chain links, outer to inner">
        {chainLinkRows(state.chain).map((link) => (
          <li key={link.position}>
            <span className="muted">
              {link.kind} · age {link.age}
            </span>
            {link.frames.length === 0 ? (
              <p className="muted">creation stack not sampled</p>
            ) : (
              <ol className="frames">
                {link.frames.map((frame, i) => (
                  <li key={i}>
                    <code>{frame}</code>
                  </li>
                ))}
              </ol>
            )}
          </li>
        ))}
      </ol>
      <p className="muted">Innermost link waits on {chainWait(state.chain)}</p>
    </>
  );
}
