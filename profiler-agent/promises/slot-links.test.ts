import { describe, expect, it } from 'vitest';
import { SlotLinks } from './slot-links';
import { SlotStore } from './slot-store';

describe('SlotLinks', () => {
  it('makes room by dropping settled links, and once full of pending ones waits for the next prune', () => {
    const store = new SlotStore(8);
    const links = new SlotLinks<string>(store, 2);
    const [a, b, c] = [store.alloc(0), store.alloc(0), store.alloc(0)];
    links.set(a, 'a');
    links.set(b, 'b');
    store.release(a); // settled: its link may go
    expect(links.hasRoom(1)).toBe(true);
    expect(links.get(a)).toBeUndefined();
    links.set(c, 'c');
    expect(links.hasRoom(1)).toBe(false); // b and c are pending
    store.release(b);
    // Not walked again at every call: the room shows at the next prune (each snapshot).
    expect(links.hasRoom(1)).toBe(false);
    links.prune();
    expect(links.hasRoom(1)).toBe(true);
    expect(links.get(c)).toBe('c');
  });
});
