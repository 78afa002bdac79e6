/**
 * Tiny structural checks for parsed JSON: each check returns null when the value fits, or the path of
 * the first thing that does not (`pools.3.inUse`). Extra object keys are allowed (newer writers add
 * fields); what the readers use must be there with its type.
 */
export type Check = (value: unknown) => string | null;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const num: Check = (v) => (typeof v === 'number' && Number.isFinite(v) ? null : '');
export const str: Check = (v) => (typeof v === 'string' ? null : '');
export const bool: Check = (v) => (typeof v === 'boolean' ? null : '');
export const any: Check = () => null;

export const optional =
  (check: Check): Check =>
  (v) =>
    v === undefined ? null : check(v);

export const nullable =
  (check: Check): Check =>
  (v) =>
    v === null ? null : check(v);

export const oneOf =
  (...allowed: readonly string[]): Check =>
  (v) =>
    typeof v === 'string' && allowed.includes(v) ? null : '';

const at = (key: string | number, inner: string): string => (inner === '' ? String(key) : `${key}.${inner}`);

/** An array whose every element passes `check`. */
export const arrayOf =
  (check: Check): Check =>
  (v) => {
    if (!Array.isArray(v)) return '';
    for (let i = 0; i < v.length; i++) {
      const problem = check(v[i]);
      if (problem !== null) return at(i, problem);
    }
    return null;
  };

/** An object with these fields (own properties only: `__proto__` and friends are not fields). */
export const object =
  (fields: Record<string, Check>): Check =>
  (v) => {
    if (!isObject(v)) return '';
    for (const [key, check] of Object.entries(fields)) {
      const problem = check(Object.hasOwn(v, key) ? v[key] : undefined);
      if (problem !== null) return at(key, problem);
    }
    return null;
  };

/** An object used as a map: every own value passes `check`. */
export const recordOf =
  (check: Check): Check =>
  (v) => {
    if (!isObject(v)) return '';
    for (const [key, value] of Object.entries(v)) {
      const problem = check(value);
      if (problem !== null) return at(key, problem);
    }
    return null;
  };
