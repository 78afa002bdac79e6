import { inspect, isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createPromiseMark } from './promise-mark';

describe('createPromiseMark', () => {
  it('stamps a value the target cannot see', () => {
    const mark = createPromiseMark();
    const promise = new Promise<void>(() => {});
    mark.set(promise, 7);
    expect(mark.get(promise)).toBe(7);
    expect(inspect(promise)).toBe('Promise { <pending> }');
    expect(Reflect.ownKeys(promise)).toEqual([]);
    expect(Object.getOwnPropertySymbols(promise)).toEqual([]);
    expect(isDeepStrictEqual(promise, promise)).toBe(true);
  });

  it('overwrites, reads undefined where nothing was stamped, and keeps installs apart', () => {
    const mark = createPromiseMark();
    const other = createPromiseMark();
    const promise = Promise.resolve();
    expect(mark.get(promise)).toBeUndefined();
    mark.set(promise, 1);
    mark.set(promise, undefined);
    expect(mark.get(promise)).toBeUndefined();
    mark.set(promise, 2);
    expect(mark.get(promise)).toBe(2);
    expect(other.get(promise)).toBeUndefined();
  });
});
