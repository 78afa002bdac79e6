/**
 * The Blocking chains view's live part: one group's chain fetched from the recording's agent on expand,
 * as rows outer → inner (each link's kind, age and creation stack), and the states of that fetch.
 */
import type { HyperscopeApi } from '../../core/bridge/contract';
import type { PromiseChain } from '../../core/chains/promise-section';
import { formatFrame } from '../../core/frame';
import { describeWait } from './chain-groups';
import { formatMs } from './format';

/** Where the fetch of one group's chain is. `chain` is null when the group has no pending chain any more. */
export type LiveChainState =
  | { status: 'loading' }
  | { status: 'loaded'; chain: PromiseChain | null }
  | { status: 'failed'; error: string };

/** One link as the view lists it, outermost first. */
export interface ChainLinkRow {
  /** 1 for the outermost link. */
  position: number;
  kind: 'root' | 'derived';
  /** `2.0 s`. */
  age: string;
  /** Creation stack, innermost first, as `fn (url:line:column)`; empty when it was not sampled. */
  frames: string[];
}

/** Asks the backend for the group's chain; never rejects (a failure is a state with one line). */
export async function fetchLiveChain(
  api: Pick<HyperscopeApi, 'getChain'>,
  groupId: string,
): Promise<LiveChainState> {
  try {
    return { status: 'loaded', chain: await api.getChain({ groupId }) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 'failed', error: message.split('\n')[0] ?? message };
  }
}

export function chainLinkRows(chain: PromiseChain): ChainLinkRow[] {
  return chain.links.map((link, index) => ({
    position: index + 1,
    kind: link.kind,
    age: formatMs(link.ageMs),
    frames: link.frames.map(formatFrame),
  }));
}

/** What the chain's innermost link waits on, as the group rows say it. */
export function chainWait(chain: PromiseChain): string {
  return describeWait(chain.wait);
}
