/**
 * One pending promise chain of a group, asked of the agent's promise collector (`promises.chain`), with
 * its frames moved to original sources where a source map covers them (function names kept).
 */
import type { PromiseChain } from '../../core/chains/promise-section';
import { chainFrameUrls, remapChain } from '../../core/chains/remap-chains';
import { loadSourceMaps } from '../profile/load-source-maps';
import type { AgentClient } from './agent-client';

/** The chain outer → inner, source-mapped; null when the group has no pending chain (settled, or unknown id). */
export async function fetchPromiseChain(
  call: AgentClient['call'],
  groupId: string,
): Promise<PromiseChain | null> {
  const chain = (await call('promises.chain', groupId)) as PromiseChain | null;
  if (!chain) return null;
  const { maps } = await loadSourceMaps(chainFrameUrls([], [chain]));
  return remapChain(chain, maps);
}
