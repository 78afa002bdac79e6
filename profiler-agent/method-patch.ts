/**
 * Wraps one method of a prototype so the agent can observe calls, and undoes it exactly on `restore`.
 * The observer runs before the original and can never break the call: its errors are counted, not thrown.
 */

/** A patch that can be undone. */
export interface MethodPatch {
  restore(): void;
}

/** Any method; `observe` gets the wrapper too, to cut it and everything above from captured stacks. */
export type Method = (this: unknown, ...args: unknown[]) => unknown;

/**
 * Puts a wrapper on `target[key]` that calls `observe(self, args, wrapper)` then the original method.
 * When `key` is inherited rather than own, the wrapper calls whatever the parent prototype holds at call
 * time (so later patches by others on the parent still run) and `restore` deletes the own property again.
 */
export function patchMethod(
  target: object,
  key: string,
  observe: (self: unknown, args: unknown[], wrapper: Method) => void,
  onError: (error: unknown) => void,
): MethodPatch {
  const ownDescriptor = Object.getOwnPropertyDescriptor(target, key);
  const ownOriginal = ownDescriptor?.value as Method | undefined;
  const parent = Object.getPrototypeOf(target) as Record<string, unknown> | null;
  const inherited = (parent?.[key] ?? undefined) as Method | undefined;
  const template = ownOriginal ?? inherited;
  if (typeof template !== 'function') throw new Error(`hyperscope agent: ${key} is not a method`);
  let active = true;

  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    if (active) {
      try {
        observe(this, args, wrapper);
      } catch (error) {
        onError(error);
      }
    }
    const original = ownOriginal ?? (parent?.[key] as Method);
    return original.apply(this, args);
  };
  Object.defineProperty(wrapper, 'name', { value: template.name });
  Object.defineProperty(wrapper, 'length', { value: template.length });
  Object.defineProperty(target, key, {
    value: wrapper,
    writable: ownDescriptor?.writable ?? true,
    enumerable: ownDescriptor?.enumerable ?? false,
    configurable: true,
  });

  return {
    restore() {
      active = false;
      const current = Object.getOwnPropertyDescriptor(target, key);
      // Someone wrapped over us: leave their wrapper in place; ours is now a plain pass-through.
      if (current?.value !== wrapper) return;
      if (ownDescriptor) Object.defineProperty(target, key, ownDescriptor);
      else delete (target as Record<string, unknown>)[key];
    },
  };
}
