// Reads an operation's input from the query protocol's parameter tree, by
// shape, with the names botocore and the JS SDK write: members by their
// locationName (queryName for ec2), structures as `A.B`, lists as
// `A.member.N` (or `A.N` when flattened, under the list member's own name),
// maps as `A.entry.N.key/value` (flattened: `A.N.Name/Value`), booleans
// `true`/`false`, timestamps ISO 8601 (or epoch seconds), blobs base64.
import type { MemberRef, Model, Shape, StructureShape } from '../model.js';
import { MAX_DEPTH } from '../json-values.js';
import { indexed, type ParamNode } from './params.js';

/** A value that cannot be read as its shape: the codec turns it into the query protocol's validation error. */
export class QueryValueError extends Error {
  constructor(readonly sentence: string) {
    super(sentence);
  }
}

function lowerFirst(s: string): string {
  return s.charAt(0).toLowerCase() + s.slice(1);
}

const INT_RE = /^-?\d{1,20}$/;
const BASE64_RE = /^[A-Za-z0-9+/\r\n]*={0,2}$/;
const EPOCH_RE = /^\d+(\.\d+)?$/;

/** The parameter name a structure member is written under. */
export function memberWireName(name: string, ref: MemberRef): string {
  return ref.queryName ?? ref.locationName ?? name;
}

export class QueryDecoder {
  constructor(private readonly model: Model) {}

  structure(shapeName: string, node: ParamNode | undefined, path: string, depth = 0): Record<string, unknown> {
    const shape = this.model.structure(shapeName);
    return this.readStructure(shape, node, path, depth);
  }

  private readStructure(shape: StructureShape, node: ParamNode | undefined, path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const children = node?.children;
    if (!children) return out;
    for (const [name, ref] of Object.entries(shape.members)) {
      const memberShape = this.model.shape(ref.shape);
      let wire = memberWireName(name, ref);
      // A flattened list is written under its member's name when it has one (sqs-query's AttributeName.N).
      if (memberShape.type === 'list' && (ref.flattened || memberShape.flattened) && memberShape.member.locationName) {
        wire = memberShape.member.locationName;
      }
      const child = children.get(wire);
      if (!child) continue;
      const v = this.read(ref, memberShape, child, path ? `${path}.${lowerFirst(name)}` : lowerFirst(name), depth + 1);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  private read(ref: MemberRef, shape: Shape, node: ParamNode, path: string, depth: number): unknown {
    if (depth > MAX_DEPTH) throw new QueryValueError(`Value at '${path}' is nested deeper than ${MAX_DEPTH} levels`);
    switch (shape.type) {
      case 'structure':
        return this.readStructure(shape, node, path, depth);
      case 'list': {
        // `Tags=` (an empty value, no items): botocore's way of sending an empty list.
        if (!node.children) return node.value === '' ? [] : undefined;
        const flattened = ref.flattened || shape.flattened;
        const holder = flattened ? node : node.children.get(shape.member.locationName ?? 'member');
        const memberShape = this.model.shape(shape.member.shape);
        return indexed(holder).map((item, i) => this.read(shape.member, memberShape, item, `${path}.${i + 1}.member`, depth + 1) ?? null);
      }
      case 'map': {
        if (!node.children) return node.value === '' ? {} : undefined;
        const flattened = ref.flattened || shape.flattened;
        const holder = flattened ? node : node.children.get('entry');
        const keyName = shape.key.locationName ?? 'key';
        const valueName = shape.value.locationName ?? 'value';
        const valueShape = this.model.shape(shape.value.shape);
        const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
        for (const entry of indexed(holder)) {
          const k = entry.children?.get(keyName)?.value;
          if (k === undefined) continue;
          const vNode = entry.children?.get(valueName);
          const v = vNode ? this.read(shape.value, valueShape, vNode, `${path}.${k}`, depth + 1) : undefined;
          // Defined, not assigned: a key "__proto__" stays an ordinary key the validator sees.
          Object.defineProperty(out, k, { value: v ?? null, enumerable: true, writable: true, configurable: true });
        }
        // Plain objects for handlers (null-prototype ones print oddly and lack hasOwnProperty).
        return Object.assign({}, out);
      }
      default:
        return node.value === undefined ? undefined : this.scalar(shape, node.value, path);
    }
  }

  private scalar(shape: Shape, raw: string, path: string): unknown {
    switch (shape.type) {
      case 'string':
        return raw;
      case 'integer':
      case 'long': {
        const t = raw.trim();
        if (!INT_RE.test(t) || !Number.isSafeInteger(Number(t))) throw new QueryValueError(`Value '${raw}' at '${path}' failed to satisfy constraint: Member must be an integer`);
        return Number(t);
      }
      case 'double':
      case 'float': {
        const n = raw.trim() === '' ? NaN : Number(raw);
        if (Number.isNaN(n)) throw new QueryValueError(`Value '${raw}' at '${path}' failed to satisfy constraint: Member must be a number`);
        return n;
      }
      case 'boolean': {
        const l = raw.toLowerCase();
        if (l === 'true') return true;
        if (l === 'false') return false;
        throw new QueryValueError(`Value '${raw}' at '${path}' failed to satisfy constraint: Member must be a boolean`);
      }
      case 'timestamp': {
        const d = EPOCH_RE.test(raw) ? new Date(Number(raw) * 1000) : new Date(raw);
        if (Number.isNaN(d.getTime())) throw new QueryValueError(`Value '${raw}' at '${path}' failed to satisfy constraint: Member must be a timestamp`);
        return d;
      }
      case 'blob':
        if (!BASE64_RE.test(raw)) throw new QueryValueError(`Value '${raw.slice(0, 80)}' at '${path}' failed to satisfy constraint: Member must be base64 data`);
        return Buffer.from(raw, 'base64');
      default:
        return undefined;
    }
  }
}
