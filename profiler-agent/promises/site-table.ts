/** Interns creation stacks: identical frames share one site id, so a slot stores a small integer. */
import type { Frame } from '../../core/frame';
import { hashKey, userFrames } from './call-sites';

export interface Site {
  id: number;
  /** Stable group id within this install. */
  key: string;
  /** The service's frames, innermost first (the first is the creation site). */
  frames: Frame[];
  /** Created by a readable stream's async iterator (an incoming body, a file stream…). */
  viaStream: boolean;
}

export class SiteTable {
  private readonly byKey = new Map<string, Site>();
  readonly sites: Site[] = [];
  dropped = 0;

  constructor(private readonly maxSites: number) {}

  /** The site id of a stack (all frames, innermost first); -1 when the table is full (counted in `dropped`). */
  intern(all: Frame[]): number {
    const frames = userFrames(all);
    const text = frames.map((f) => `${f.functionName}@${f.url}:${f.line}:${f.column}`).join('\n');
    const known = this.byKey.get(text);
    if (known) return known.id;
    if (this.sites.length >= this.maxSites) {
      this.dropped++;
      return -1;
    }
    const viaStream = all.some((f) => f.url.includes('internal/streams/'));
    const site: Site = { id: this.sites.length, key: hashKey(text), frames, viaStream };
    this.byKey.set(text, site);
    this.sites.push(site);
    return site.id;
  }
}
