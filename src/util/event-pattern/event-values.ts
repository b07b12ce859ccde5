// How a pattern sees an event. Leaves are strings, numbers, booleans and null; arrays are transparent (a field whose
// value is an array, or an array of arrays, has each element as a value); objects are never leaf values, only
// contexts for nested patterns.
import { isPlainObject } from './json.js';

export type Leaf = string | number | boolean | null;

export function isLeaf(v: unknown): v is Leaf {
  return v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
}

/** The value of `key` in `ctx` when ctx is an object (own properties only: never the prototype's). */
export function field(ctx: unknown, key: string): unknown {
  return isPlainObject(ctx) && Object.hasOwn(ctx, key) ? ctx[key] : undefined;
}

/** True when some leaf value of `raw` (a field's value) satisfies `test`. */
export function someLeaf(raw: unknown, test: (v: Leaf) => boolean): boolean {
  if (Array.isArray(raw)) {
    for (const el of raw) if (someLeaf(el, test)) return true;
    return false;
  }
  return isLeaf(raw) && test(raw);
}

const anything = (): boolean => true;

/** True when `raw` has at least one leaf value. */
export function hasLeaf(raw: unknown): boolean {
  return someLeaf(raw, anything);
}

/**
 * True when the event has a leaf value at `path` in any of its array elements. `exists: false` asks this of the
 * whole event, as EventBridge does: a field present in one element of an array counts as present.
 */
export function hasLeafAt(value: unknown, path: readonly string[], step = 0): boolean {
  if (Array.isArray(value)) {
    for (const el of value) if (hasLeafAt(el, path, step)) return true;
    return false;
  }
  if (step === path.length) return isLeaf(value);
  return isPlainObject(value) && Object.hasOwn(value, path[step]!) && hasLeafAt(value[path[step]!], path, step + 1);
}

/**
 * Runs `nested` on each object `raw` holds (itself, or the objects among its array elements) until one matches.
 * Returns undefined when raw holds no object at all, so the caller can treat the nested fields as absent. (Takes the
 * matcher and root rather than a closure: this runs per event and per nested field.)
 */
export function someObject(
  raw: unknown,
  nested: (ctx: unknown, root: unknown) => boolean,
  root: unknown,
): boolean | undefined {
  if (isPlainObject(raw)) return nested(raw, root);
  if (!Array.isArray(raw)) return undefined;
  const state = { sawObject: false };
  const found = someObjectIn(raw, nested, root, state);
  return found || state.sawObject ? found : undefined;
}

function someObjectIn(
  arr: readonly unknown[],
  nested: (ctx: unknown, root: unknown) => boolean,
  root: unknown,
  state: { sawObject: boolean },
): boolean {
  for (const el of arr) {
    if (isPlainObject(el)) {
      state.sawObject = true;
      if (nested(el, root)) return true;
    } else if (Array.isArray(el) && someObjectIn(el, nested, root, state)) {
      return true;
    }
  }
  return false;
}
