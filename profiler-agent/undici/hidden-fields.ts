/**
 * undici keeps its state under module-private symbols (`Symbol('queued')`, `Symbol('clients')`, …) that
 * are the same objects for every instance of one undici copy. They are found by description on the
 * object or its prototype chain, remembered per prototype and description, then read directly. Two undici
 * copies (Node's bundled one and an npm one) put different symbols on objects of one prototype (a
 * `net.Socket`'s client), so each prototype remembers every symbol that has matched.
 */
const symbolsByPrototype = new WeakMap<object, Map<string, symbol[]>>();

function findSymbols(target: object, description: string): symbol[] {
  const found: symbol[] = [];
  for (
    let o: object | null = target;
    o && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    for (const symbol of Object.getOwnPropertySymbols(o))
      if (symbol.description === description) found.push(symbol);
  }
  return found;
}

/** The value of `target`'s field keyed by a symbol described `description`; undefined when there is none. */
export function hiddenField(target: object, description: string): unknown {
  const record = target as Record<symbol, unknown>;
  const prototype = (Object.getPrototypeOf(target) as object | null) ?? target;
  let byDescription = symbolsByPrototype.get(prototype);
  if (!byDescription) {
    byDescription = new Map();
    symbolsByPrototype.set(prototype, byDescription);
  }
  const known = byDescription.get(description) ?? [];
  for (const symbol of known) if (record[symbol] !== undefined) return record[symbol];
  // A miss: this object may come from another undici copy, or the field may not be set yet.
  for (const symbol of findSymbols(target, description)) {
    if (!known.includes(symbol)) {
      known.push(symbol);
      byDescription.set(description, known);
    }
    if (record[symbol] !== undefined) return record[symbol];
  }
  return undefined;
}

/** A number from a hidden field (booleans count as 0/1); 0 when absent. */
export function hiddenCount(target: object, description: string): number {
  const value = hiddenField(target, description);
  return typeof value === 'number' ? value : value === true ? 1 : 0;
}
