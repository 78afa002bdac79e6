/**
 * undici keeps its state under module-private symbols (`Symbol('queued')`, `Symbol('clients')`, …) that
 * are the same objects for every instance of one undici copy. They are found by description on the
 * object or its prototype chain, once per prototype and description, then read directly.
 */
const symbolsByPrototype = new WeakMap<object, Map<string, symbol | null>>();

function findSymbol(target: object, description: string): symbol | null {
  for (
    let o: object | null = target;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    for (const symbol of Object.getOwnPropertySymbols(o))
      if (symbol.description === description) return symbol;
  }
  return null;
}

/** The value of `target`'s field keyed by the symbol described `description`; undefined when there is none. */
export function hiddenField(target: object, description: string): unknown {
  const prototype = (Object.getPrototypeOf(target) as object | null) ?? target;
  let symbols = symbolsByPrototype.get(prototype);
  if (!symbols) {
    symbols = new Map();
    symbolsByPrototype.set(prototype, symbols);
  }
  let symbol = symbols.get(description);
  if (symbol === undefined) {
    symbol = findSymbol(target, description);
    // Instance fields appear only once set: do not cache a miss on an instance that may not have it yet.
    if (symbol !== null) symbols.set(description, symbol);
  }
  return symbol === null ? undefined : (target as Record<symbol, unknown>)[symbol];
}

/** A number from a hidden field (booleans count as 0/1); 0 when absent. */
export function hiddenCount(target: object, description: string): number {
  const value = hiddenField(target, description);
  return typeof value === 'number' ? value : value === true ? 1 : 0;
}
