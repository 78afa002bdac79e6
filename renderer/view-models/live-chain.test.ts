import { describe, expect, it } from 'vitest';
import type { PromiseChain } from '../../core/chains/promise-section';
import { fakeApi } from '../test-support/fake-api';
import { chainLinkRows, chainWait, fetchLiveChain } from './live-chain';

const CHAIN: PromiseChain = {
  groupId: 'g1',
  links: [
    { kind: 'root', frames: [{ functionName: 'outer', url: '/app/a.js', line: 7, column: 21 }], ageMs: 2000 },
    { kind: 'derived', frames: [], ageMs: 1999 },
    { kind: 'root', frames: [{ functionName: 'inner', url: '/app/a.js', line: 1, column: 21 }], ageMs: 50 },
  ],
  wait: { kind: 'socket-connect', detail: 'db:5432' },
};

describe('live chain', () => {
  it('lists links outer → inner with ages and frames', () => {
    expect(chainLinkRows(CHAIN)).toEqual([
      { position: 1, kind: 'root', age: '2000 ms', frames: ['outer (/app/a.js:7:21)'] },
      { position: 2, kind: 'derived', age: '1999 ms', frames: [] },
      { position: 3, kind: 'root', age: '50.0 ms', frames: ['inner (/app/a.js:1:21)'] },
    ]);
    expect(chainWait(CHAIN)).toBe('socket connect — db:5432');
  });

  it('fetches through getChain and turns failures into one line', async () => {
    const ok = fakeApi({ getChain: () => CHAIN });
    expect(await fetchLiveChain(ok.api, 'g1')).toEqual({ status: 'loaded', chain: CHAIN });
    expect(ok.calls).toEqual([{ channel: 'getChain', request: { groupId: 'g1' } }]);
    const gone = fakeApi({ getChain: () => null });
    expect(await fetchLiveChain(gone.api, 'g1')).toEqual({ status: 'loaded', chain: null });
    const failing = fakeApi({
      getChain: () => {
        throw new Error('chains are fetched from a live recording: none is running\nstack');
      },
    });
    expect(await fetchLiveChain(failing.api, 'g1')).toEqual({
      status: 'failed',
      error: 'chains are fetched from a live recording: none is running',
    });
  });
});
