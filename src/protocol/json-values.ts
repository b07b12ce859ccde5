// Converts between JSON documents and typed values by model shape, for every
// JSON-based protocol (rest-json, json 1.0/1.1): blobs are base64 strings on
// the wire and Buffers inside; timestamps are epoch seconds on the wire and
// Dates inside; unknown members are dropped on the way in and never leak out.
import type { Model, Shape } from './model.js';

export class JsonTypeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
    readonly actual: unknown,
  ) {
    super(`Cannot deserialize ${preview(actual, 80)} at '${path}' as ${expected}`);
  }
}

/** A document nested deeper than MAX_DEPTH: refused before any recursion could exhaust the stack. */
export class JsonDepthError extends Error {
  constructor(readonly depth: number) {
    super(`Document nesting depth (${depth}) exceeds the maximum allowed (${MAX_DEPTH})`);
  }
}

/**
 * Deepest structure/list/map nesting converted (Jackson's default limit, which AWS's JSON front ends use).
 * Only recursive shapes can get there; the bound keeps the conversion recursion (and the validator's, which
 * walks what this produced) far from the stack limit.
 */
export const MAX_DEPTH = 1000;

const BASE64_RE = /^[A-Za-z0-9+/\r\n]*={0,2}$/;

/**
 * At most `max` characters of a JSON rendering of `value`, for error messages. Never JSON.stringify of the
 * whole value: that recurses (a 100,000-deep array overflows the stack) and costs O(size) for a 6 MB document.
 * Each nesting level writes at least one character, so the recursion is at most `max` deep.
 */
export function preview(value: unknown, max: number): string {
  let out = '';
  const emit = (s: string): boolean => {
    out += s;
    return out.length < max;
  };
  const walk = (v: unknown): boolean => {
    if (Array.isArray(v)) {
      if (!emit('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if (i > 0 && !emit(',')) return false;
        if (!walk(v[i])) return false;
      }
      return emit(']');
    }
    if (v !== null && typeof v === 'object') {
      if (!emit('{')) return false;
      let first = true;
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        if (!first && !emit(',')) return false;
        first = false;
        if (!emit(`${JSON.stringify(k.length > max ? k.slice(0, max) : k)}:`)) return false;
        if (!walk((v as Record<string, unknown>)[k])) return false;
      }
      return emit('}');
    }
    if (typeof v === 'string') return emit(JSON.stringify(v.length > max ? v.slice(0, max) : v));
    return emit(v === undefined ? 'null' : String(JSON.stringify(v) ?? v));
  };
  walk(value);
  return out.length > max ? out.slice(0, max) : out;
}

/**
 * Sets a map entry. A "__proto__" key (JSON.parse makes it an ordinary key) is defined as one too: assigning it
 * would replace the map's prototype and drop the key, so validation would never see it.
 */
function setKey(out: Record<string, unknown>, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  else out[k] = v;
}

export function fromJson(model: Model, shapeName: string, value: unknown, path: string, depth = 0): unknown {
  if (value === null || value === undefined) return undefined;
  const shape: Shape = model.shape(shapeName);
  switch (shape.type) {
    case 'structure': {
      if (depth >= MAX_DEPTH) throw new JsonDepthError(depth + 1);
      if (typeof value !== 'object' || Array.isArray(value)) throw new JsonTypeError(path, 'an object', value);
      const out: Record<string, unknown> = {};
      const src = value as Record<string, unknown>;
      for (const [name, ref] of Object.entries(shape.members)) {
        const key = ref.locationName && !ref.location ? ref.locationName : name;
        if (!(key in src)) continue;
        const v = fromJson(model, ref.shape, src[key], path ? `${path}.${name}` : name, depth + 1);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) throw new JsonTypeError(path, 'a list', value);
      if (depth >= MAX_DEPTH) throw new JsonDepthError(depth + 1);
      return value.map((v, i) => fromJson(model, shape.member.shape, v, `${path}[${i}]`, depth + 1) ?? null);
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw new JsonTypeError(path, 'a map', value);
      if (depth >= MAX_DEPTH) throw new JsonDepthError(depth + 1);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        setKey(out, k, fromJson(model, shape.value.shape, v, `${path}.${k}`, depth + 1) ?? null);
      }
      return out;
    }
    case 'string':
      if (typeof value !== 'string') throw new JsonTypeError(path, 'a string', value);
      return value;
    case 'integer':
    case 'long':
      if (typeof value !== 'number' || !Number.isInteger(value)) throw new JsonTypeError(path, 'an integer', value);
      return value;
    case 'double':
    case 'float':
      if (typeof value !== 'number') throw new JsonTypeError(path, 'a number', value);
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw new JsonTypeError(path, 'a boolean', value);
      return value;
    case 'blob':
      if (typeof value !== 'string' || !BASE64_RE.test(value)) throw new JsonTypeError(path, 'base64 data', value);
      return Buffer.from(value, 'base64');
    case 'timestamp': {
      const d = typeof value === 'number' ? new Date(value * 1000) : typeof value === 'string' ? new Date(value) : undefined;
      if (!d || Number.isNaN(d.getTime())) throw new JsonTypeError(path, 'a timestamp', value);
      return d;
    }
  }
}

/** Outputs come from Lambent's own services; the depth bound only turns a runaway value into a typed error. */
export function toJson(model: Model, shapeName: string, value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = model.shape(shapeName);
  if (depth >= MAX_DEPTH && (shape.type === 'structure' || shape.type === 'list' || shape.type === 'map')) {
    throw new JsonDepthError(depth + 1);
  }
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      const src = value as Record<string, unknown>;
      for (const [name, ref] of Object.entries(shape.members)) {
        if (ref.location) continue;
        const v = toJson(model, ref.shape, src[name], depth + 1);
        if (v !== undefined) out[ref.locationName ?? name] = v;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((v) => toJson(model, shape.member.shape, v, depth + 1) ?? null);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) setKey(out, k, toJson(model, shape.value.shape, v, depth + 1) ?? null);
      return out;
    }
    case 'blob':
      return Buffer.isBuffer(value) ? value.toString('base64') : value;
    case 'timestamp': {
      const d = value instanceof Date ? value : new Date(value as string);
      return shape.timestampFormat === 'iso8601' ? d.toISOString() : d.getTime() / 1000;
    }
    default:
      return value;
  }
}
