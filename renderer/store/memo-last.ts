/**
 * A function that remembers its last call: called again with the same arguments (by identity), it
 * returns the same result object. Selectors that build something from state use it, so that `useApp`
 * sees an unchanged reference and does not re-render.
 */
export function memoLast<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  let last: { args: A; result: R } | null = null;
  return (...args) => {
    if (last && last.args.length === args.length && last.args.every((arg, i) => Object.is(arg, args[i])))
      return last.result;
    const result = fn(...args);
    last = { args, result };
    return result;
  };
}
