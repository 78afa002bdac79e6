/**
 * Snapshot-time work: from the pending slots, find each chain's outermost link (nobody waits on it),
 * walk inward to its deepest link, and group the chains by the outermost link's creation site.
 * O(pending slots); stacks captured since the last snapshot are formatted here, not in the hooks.
 */
import type { ChainGroup, ChainLink, PromiseChain, WaitReason } from '../../core/chains/promise-section';
import { formatStack, isDependencyFrame } from './call-sites';
import type { SiteTable } from './site-table';
import { NO_SLOT, SlotFlag, type SlotStore } from './slot-store';
import { waitReasonOf, type WaitLinks } from './wait-reason';

/** A walked chain: its outermost and deepest links, depth, and what the deepest one waits on. */
interface WalkedChain {
  root: number;
  leaf: number;
  depth: number;
  wait: WaitReason;
  /** Every innermost link's reason (a combinator waits on several), distinct, by `reasonKey`. */
  waits: Map<string, WaitReason>;
}

interface GroupAccumulator {
  site: number;
  /** The site of the deepest sampled link below the outermost one (where the chain waits); -1 if none. */
  waitSite: number;
  count: number;
  ages: number[];
  waits: Map<string, { reason: WaitReason; count: number }>;
  maxDepth: number;
  oldestRoot: number;
}

export interface BuiltGroups {
  groups: ChainGroup[];
  chains: number;
  /** The oldest outermost link of each group, for `chain(groupId)`. */
  representatives: Map<string, number>;
}

const UNSAMPLED_KEY = 'unsampled';
const MAX_AGES = 4096;

export class ChainBuilder {
  constructor(
    private readonly store: SlotStore,
    private readonly sites: SiteTable,
    private readonly links: WaitLinks = {},
  ) {}

  /** Interns the stacks of pending slots captured since the previous call. */
  private formatPendingStacks(): void {
    for (let slot = 0; slot < this.store.highWater; slot++) this.formatStackOf(slot);
  }

  /** Interns the stack captured for `slot` if one waits to be formatted (dropped unformatted once settled). */
  private formatStackOf(slot: number): void {
    const { store } = this;
    const holder = store.stack[slot];
    if (holder === undefined) return;
    store.stack[slot] = undefined;
    if (store.isPending(slot)) store.site[slot] = this.sites.intern(formatStack(holder));
  }

  build(now: number, maxGroups: number): BuiltGroups {
    this.formatPendingStacks();
    const { store } = this;
    const children = this.childLists();
    const groups = new Map<string, GroupAccumulator>();
    let chains = 0;
    for (let slot = 0; slot < store.highWater; slot++) {
      if (!store.isPending(slot) || store.outerOf(slot) !== NO_SLOT) continue;
      const chain = this.walk(slot, children);
      chains++;
      const site = store.site[slot]!;
      const waitSite = this.waitSiteOf(chain, children.parentOf);
      // Chains are grouped by where they start and where they wait: requests all start at the server's
      // dispatch, they differ in what they wait on.
      const key = `${site}|${waitSite}`;
      let group = groups.get(key);
      if (!group)
        groups.set(
          key,
          (group = { site, waitSite, count: 0, ages: [], waits: new Map(), maxDepth: 0, oldestRoot: slot }),
        );
      group.count++;
      addAge(group.ages, now - store.createdAt[slot]!);
      if (store.createdAt[slot]! < store.createdAt[group.oldestRoot]!) group.oldestRoot = slot;
      group.maxDepth = Math.max(group.maxDepth, chain.depth);
      for (const [key, reason] of chain.waits) {
        const wait = group.waits.get(key);
        if (wait) wait.count++;
        else group.waits.set(key, { reason, count: 1 });
      }
    }
    return this.finish(groups, chains, maxGroups, now);
  }

  /** The chain from `root` inward to its deepest link, each link with its frames. */
  describe(root: number, groupId: string, now: number): PromiseChain {
    const { store } = this;
    const children = this.childLists();
    const chain = this.walk(root, children);
    const path: number[] = [];
    for (
      let slot = chain.leaf;
      slot !== NO_SLOT && path.length <= chain.depth;
      slot = children.parentOf[slot] ?? NO_SLOT
    ) {
      path.push(slot);
      if (slot === root) break;
    }
    path.reverse();
    const links: ChainLink[] = path.map((slot) => {
      this.formatStackOf(slot);
      const site = this.sites.sites[store.site[slot]!];
      const derived =
        store.inner[slot] !== NO_SLOT ||
        (store.flags[slot]! & (SlotFlag.AwaitLink | SlotFlag.UntrackedParent)) !== 0;
      return {
        kind: derived ? 'derived' : 'root',
        frames: site?.frames ?? [],
        ageMs: now - store.createdAt[slot]!,
      };
    });
    return { groupId, links, wait: chain.wait };
  }

  /** Pending slots by the link waiting on them: `first[o]` then `next[…]`, -1 terminated. */
  private childLists(): { first: Int32Array; next: Int32Array; parentOf: Int32Array } {
    const { store } = this;
    const first = new Int32Array(store.highWater).fill(NO_SLOT);
    const next = new Int32Array(store.highWater).fill(NO_SLOT);
    const parentOf = new Int32Array(store.highWater).fill(NO_SLOT);
    for (let slot = 0; slot < store.highWater; slot++) {
      if (!store.isPending(slot)) continue;
      const outer = store.outerOf(slot);
      if (outer === NO_SLOT) continue;
      next[slot] = first[outer]!;
      first[outer] = slot;
      parentOf[slot] = outer;
    }
    return { first, next, parentOf };
  }

  private walk(root: number, lists: { first: Int32Array; next: Int32Array }): WalkedChain {
    const { store } = this;
    let leaf = root;
    let depth = 1;
    let wait: WaitReason | undefined;
    const waits = new Map<string, WaitReason>();
    // Depth-first, keeping the deepest link; chains are trees (combinators branch).
    const stack: number[] = [root, 1];
    const seen = new Set<number>();
    while (stack.length > 0) {
      const d = stack.pop()!;
      const slot = stack.pop()!;
      if (seen.has(slot)) continue;
      seen.add(slot);
      let hasChild = false;
      for (let c = lists.first[slot]!; c !== NO_SLOT; c = lists.next[c]!) {
        stack.push(c, d + 1);
        hasChild = true;
      }
      const inner = store.innerOf(slot);
      let sharedWait: WaitReason | undefined;
      if (inner !== NO_SLOT && store.outerOf(inner) !== slot) {
        // Awaited from several chains: this chain waits on the chain that owns it.
        sharedWait = { kind: 'group', groupId: this.groupIdOf(this.rootOf(inner)) };
      }
      if (hasChild && !sharedWait) continue;
      const reason = sharedWait ?? waitReasonOf(store, this.sites, slot, this.links);
      waits.set(reasonKey(reason), reason);
      if (d > depth || slot === root) {
        depth = d;
        leaf = slot;
        wait = reason;
      }
    }
    return {
      root,
      leaf,
      depth,
      wait: wait ?? waitReasonOf(store, this.sites, leaf, this.links),
      waits,
    };
  }

  /**
   * The site of the deepest link with a sampled stack on the path from the chain's leaf out to its root
   * (not the root's), preferring one created in the service's own code: links deep inside a dependency
   * (undici's fetch) differ by which of them got sampled, and would split the same chains into groups.
   */
  private waitSiteOf(chain: WalkedChain, parentOf: Int32Array): number {
    const { store, sites } = this;
    const rootSite = store.site[chain.root]!;
    let deepest = -1;
    let slot = chain.leaf;
    for (let hops = 0; slot !== NO_SLOT && slot !== chain.root && hops <= chain.depth; hops++) {
      const site = store.site[slot]!;
      if (site >= 0 && site !== rootSite) {
        const first = sites.sites[site]?.frames[0];
        if (first && !isDependencyFrame(first)) return site;
        if (deepest < 0) deepest = site;
      }
      slot = parentOf[slot] ?? NO_SLOT;
    }
    return deepest;
  }

  private rootOf(slot: number): number {
    let current = slot;
    for (let hops = 0; hops < 10_000; hops++) {
      const outer = this.store.outerOf(current);
      if (outer === NO_SLOT) return current;
      current = outer;
    }
    return current;
  }

  /** The group id of chains whose outermost link is `root`. */
  groupIdOf(root: number): string {
    return this.sites.sites[this.store.site[root]!]?.key ?? UNSAMPLED_KEY;
  }

  private finish(
    groups: Map<string, GroupAccumulator>,
    chains: number,
    maxGroups: number,
    now: number,
  ): BuiltGroups {
    const sorted = [...groups.values()].sort((a, b) => b.count - a.count);
    const representatives = new Map<string, number>();
    const out: ChainGroup[] = [];
    for (const group of sorted.slice(0, maxGroups)) {
      const site = this.sites.sites[group.site];
      const waitSite = this.sites.sites[group.waitSite];
      const id = groupKey(site?.key ?? UNSAMPLED_KEY, waitSite?.key);
      representatives.set(id, group.oldestRoot);
      const ages = Float64Array.from(group.ages).sort();
      out.push({
        id,
        frames: site?.frames ?? [],
        ...(waitSite ? { waitFrames: waitSite.frames } : {}),
        count: group.count,
        ageP50Ms: quantile(ages, 0.5),
        ageP99Ms: quantile(ages, 0.99),
        ageMaxMs: Math.max(ages[ages.length - 1] ?? 0, now - this.store.createdAt[group.oldestRoot]!),
        waits: [...group.waits.values()].sort((a, b) => b.count - a.count),
        maxDepth: group.maxDepth,
      });
    }
    return { groups: out, chains, representatives };
  }
}

/** A group's id: its outermost site's key, joined with its wait site's when it has one. */
function groupKey(siteKey: string, waitSiteKey: string | undefined): string {
  return waitSiteKey === undefined ? siteKey : `${siteKey}.${waitSiteKey}`;
}

function reasonKey(reason: WaitReason): string {
  return `${reason.kind}|${reason.detail ?? ''}|${reason.groupId ?? ''}`;
}

/** Keeps at most MAX_AGES ages: a uniform sample (reservoir) beyond that. */
function addAge(ages: number[], age: number): void {
  if (ages.length < MAX_AGES) ages.push(age);
  else ages[Math.floor(Math.random() * MAX_AGES)] = age;
}

function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}
