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
    super(`Cannot deserialize ${JSON.stringify(actual)?.slice(0, 80)} at '${path}' as ${expected}`);
  }
}

const BASE64_RE = /^[A-Za-z0-9+/\r\n]*={0,2}$/;

export function fromJson(model: Model, shapeName: string, value: unknown, path: string): unknown {
  if (value === null || value === undefined) return undefined;
  const shape: Shape = model.shape(shapeName);
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || Array.isArray(value)) throw new JsonTypeError(path, 'an object', value);
      const out: Record<string, unknown> = {};
      const src = value as Record<string, unknown>;
      for (const [name, ref] of Object.entries(shape.members)) {
        const key = ref.locationName && !ref.location ? ref.locationName : name;
        if (!(key in src)) continue;
        const v = fromJson(model, ref.shape, src[key], path ? `${path}.${name}` : name);
        if (v !== undefined) out[name] = v;
      }
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) throw new JsonTypeError(path, 'a list', value);
      return value.map((v, i) => fromJson(model, shape.member.shape, v, `${path}[${i}]`) ?? null);
    }
    case 'map': {
      if (typeof value !== 'object' || Array.isArray(value)) throw new JsonTypeError(path, 'a map', value);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        out[k] = fromJson(model, shape.value.shape, v, `${path}.${k}`) ?? null;
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

export function toJson(model: Model, shapeName: string, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  const shape = model.shape(shapeName);
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      const src = value as Record<string, unknown>;
      for (const [name, ref] of Object.entries(shape.members)) {
        if (ref.location) continue;
        const v = toJson(model, ref.shape, src[name]);
        if (v !== undefined) out[ref.locationName ?? name] = v;
      }
      return out;
    }
    case 'list':
      return (value as unknown[]).map((v) => toJson(model, shape.member.shape, v) ?? null);
    case 'map': {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = toJson(model, shape.value.shape, v) ?? null;
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
