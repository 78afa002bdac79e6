/**
 * Promise chains and groups in original sources: every frame a source map covers moved to its original
 * file, line and column. Creation stacks are call sites, where a map's `name` is the callee's identifier:
 * the function name is kept as V8 gave it (as `core/report/remap-report.ts` does).
 */
import type { Frame } from '../frame';
import { originalFrame, type SourceMaps } from '../profile/source-map';
import type { ChainGroup, PromiseChain, PromiseSection } from './promise-section';

/** Every frame url a section's groups and the chains name, for loading their maps. */
export function chainFrameUrls(groups: readonly ChainGroup[], chains: readonly PromiseChain[]): string[] {
  const frames = [
    ...groups.flatMap((group) => [...group.frames, ...(group.waitFrames ?? [])]),
    ...chains.flatMap((chain) => chain.links.flatMap((link) => link.frames)),
  ];
  return [...new Set(frames.map((frame) => frame.url))];
}

/** The chain with its links' frames remapped; the same object when no map applies. */
export function remapChain(chain: PromiseChain, maps: SourceMaps): PromiseChain {
  if (maps.size === 0) return chain;
  return {
    ...chain,
    links: chain.links.map((link) => ({ ...link, frames: link.frames.map((f) => remapFrame(f, maps)) })),
  };
}

/** The section with its groups' frames remapped; the same object when no map applies. */
export function remapSection(section: PromiseSection, maps: SourceMaps): PromiseSection {
  if (maps.size === 0) return section;
  return {
    ...section,
    groups: section.groups.map((group) => ({
      ...group,
      frames: group.frames.map((f) => remapFrame(f, maps)),
      ...(group.waitFrames ? { waitFrames: group.waitFrames.map((f) => remapFrame(f, maps)) } : {}),
    })),
  };
}

function remapFrame(frame: Frame, maps: SourceMaps): Frame {
  const original = originalFrame(frame, maps);
  return original ? { ...original, functionName: frame.functionName } : frame;
}
