import { describe, expect, it } from 'vitest';
import { patchMethod } from './method-patch';

class Base {
  greet(name: string): string {
    return `hello ${name}`;
  }
}
class Child extends Base {
  own(): number {
    return 1;
  }
}

describe('patchMethod', () => {
  it('observes an own method and restores the very same function', () => {
    const original = Child.prototype.own;
    const seen: unknown[] = [];
    const patch = patchMethod(
      Child.prototype,
      'own',
      (self, args) => seen.push(self, args.length),
      () => {},
    );
    const child = new Child();
    expect(child.own()).toBe(1);
    expect(seen).toEqual([child, 0]);
    patch.restore();
    expect(Child.prototype.own).toBe(original);
  });

  it('shadows an inherited method, calls the parent at call time, and deletes the shadow on restore', () => {
    const errors: unknown[] = [];
    const patch = patchMethod(
      Child.prototype,
      'greet',
      () => {
        throw new Error('observer bug');
      },
      (error) => errors.push(error),
    );
    expect(Object.hasOwn(Child.prototype, 'greet')).toBe(true);
    expect(new Child().greet('a')).toBe('hello a');
    expect(errors).toHaveLength(1);
    patch.restore();
    expect(Object.hasOwn(Child.prototype, 'greet')).toBe(false);
  });

  it('leaves a wrapper put over its own in place, turning its own into a pass-through', () => {
    let observed = 0;
    const patch = patchMethod(
      Child.prototype,
      'own',
      () => observed++,
      () => {},
    );
    const ours = Child.prototype.own;
    const theirs = function (this: Child): number {
      return ours.call(this) + 1;
    };
    Child.prototype.own = theirs;
    patch.restore();
    expect(Child.prototype.own).toBe(theirs);
    expect(new Child().own()).toBe(2);
    expect(observed).toBe(0);
    Child.prototype.own = function () {
      return 1;
    };
  });
});
