/**
 * The slot number an observed promise carries, in a private class field stamped onto the promise (a base
 * class whose constructor returns its argument). Unlike a Symbol-keyed property, the target cannot see
 * it: not in `util.inspect`, `Object.getOwnPropertySymbols`, `Reflect.ownKeys`, spreads or deep equality.
 * It costs what a Symbol-keyed store costs (~2 ns a promise with hooks on, where
 * `Object.defineProperty(…, {enumerable: false})` costs ~150 ns; docs/performance.md).
 */
export interface PromiseMark {
  /** The value stamped on `promise`, undefined if none. */
  get(promise: object): number | undefined;
  set(promise: object, value: number | undefined): void;
}

/** A mark of its own: private names are per class evaluation, so a second agent never reads another's marks. */
export function createPromiseMark(): PromiseMark {
  class Target {
    constructor(target: object) {
      // Returning an object from a base constructor makes it `this` for the subclass's fields.
      return target as Target;
    }
  }
  class Stamp extends Target {
    #slot: number | undefined;

    constructor(target: object, slot: number | undefined) {
      super(target);
      this.#slot = slot;
    }

    static get(target: object): number | undefined {
      return #slot in target ? target.#slot : undefined;
    }

    static set(target: object, slot: number | undefined): void {
      if (#slot in target) target.#slot = slot;
      else new Stamp(target, slot);
    }
  }
  return { get: Stamp.get, set: Stamp.set };
}
