// Reads an operation's input from the query protocol's parameter tree, by
// shape, with the names botocore and the JS SDK write: members by their
// locationName (queryName for ec2), structures as `A.B`, lists as
// `A.member.N` (or `A.N` when flattened, under the list member's own name),
// maps as `A.entry.N.key/value` (flattened: `A.N.Name/Value`), booleans
// `true`/`false`, timestamps ISO 8601 (or epoch seconds), blobs base64.
//
// The parameters are first arranged as a tree of their dotted parts, keeping
// only names that fit the input shape (a member, `member`/`entry`, a position,
// `key`/`value`, in the order the shape allows): a hostile form of names that
// fit nothing (a million dots, unknown members) costs nothing beyond its text,
// and the tree is never larger than the input it decodes to.
import type { ListShape, MapShape, MemberRef, Model, Shape, StructureShape } from '../model.js';
import type { FlatParams } from './params.js';

/** One dotted name part: its value when a parameter ends here, and the parts below it. */
export interface ParamNode {
  value: string | undefined;
  children: Map<string, ParamNode> | undefined;
}

/** Names with more parts than this fit no shape Lambent serves (the deepest real ones have about ten). */
const MAX_NAME_PARTS = 64;
/** Deepest value nesting read (only recursive shapes could go deeper, and MAX_NAME_PARTS stops them first). */
const MAX_DEPTH = MAX_NAME_PARTS;

/** List and map positions: 1, 2, … written without leading zeros; at most 9 digits (no precision games). */
const INDEX_RE = /^[1-9][0-9]{0,8}$/;

/**
 * The numbered children of a node in index order. Gaps are closed (member.1, member.5 → two items), as the
 * positions only order the items; names that are not positions are ignored.
 */
function indexed(node: ParamNode | undefined): ParamNode[] {
  if (!node?.children) return [];
  const found: [number, ParamNode][] = [];
  for (const [part, child] of node.children) if (INDEX_RE.test(part)) found.push([Number(part), child]);
  found.sort((a, b) => a[0] - b[0]);
  return found.map((e) => e[1]);
}

function isFlattened(ref: MemberRef | undefined, shape: ListShape | MapShape): boolean {
  return (ref?.flattened ?? false) || (shape.flattened ?? false);
}

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
  /** Per structure: its members by the parameter name they are written under. */
  private readonly wireMembers = new Map<StructureShape, Map<string, { name: string; ref: MemberRef; shape: Shape }>>();

  constructor(private readonly model: Model) {}

  /** Decodes the input structure `shapeName` from a request's flat parameters. */
  input(shapeName: string, params: FlatParams): Record<string, unknown> {
    const shape = this.model.structure(shapeName);
    const root: ParamNode = { value: undefined, children: undefined };
    const parts: string[] = [];
    for (const name in params) {
      if (!this.split(name, parts) || !this.fits(shape, parts)) continue;
      let node = root;
      for (const part of parts) {
        const children = (node.children ??= new Map());
        let next = children.get(part);
        if (!next) {
          next = { value: undefined, children: undefined };
          children.set(part, next);
        }
        node = next;
      }
      node.value = params[name];
    }
    return this.readStructure(shape, root, '', 0);
  }

  /** Splits a name at its dots into `out`; false when it has more parts than any shape allows. */
  private split(name: string, out: string[]): boolean {
    out.length = 0;
    let start = 0;
    for (;;) {
      if (out.length === MAX_NAME_PARTS) return false;
      const dot = name.indexOf('.', start);
      if (dot === -1) {
        out.push(name.slice(start));
        return true;
      }
      out.push(name.slice(start, dot));
      start = dot + 1;
    }
  }

  private members(shape: StructureShape): Map<string, { name: string; ref: MemberRef; shape: Shape }> {
    let table = this.wireMembers.get(shape);
    if (table) return table;
    table = new Map();
    for (const [name, ref] of Object.entries(shape.members)) {
      const memberShape = this.model.shape(ref.shape);
      let wire = memberWireName(name, ref);
      // A flattened list is written under its member's name when it has one (sqs-query's AttributeName.N).
      if (memberShape.type === 'list' && isFlattened(ref, memberShape) && memberShape.member.locationName) {
        wire = memberShape.member.locationName;
      }
      table.set(wire, { name, ref, shape: memberShape });
    }
    this.wireMembers.set(shape, table);
    return table;
  }

  /** True when the parts name a value of `root` in the query protocol's layout. */
  private fits(root: StructureShape, parts: string[]): boolean {
    let shape: Shape = root;
    let ref: MemberRef | undefined;
    let i = 0;
    while (i < parts.length) {
      const part = parts[i] as string;
      switch (shape.type) {
        case 'structure': {
          const m = this.members(shape).get(part);
          if (!m) return false;
          ref = m.ref;
          shape = m.shape;
          i += 1;
          break;
        }
        case 'list': {
          if (!isFlattened(ref, shape)) {
            if (part !== (shape.member.locationName ?? 'member')) return false;
            i += 1;
          }
          if (i >= parts.length || !INDEX_RE.test(parts[i] as string)) return false;
          i += 1;
          ref = shape.member;
          shape = this.model.shape(shape.member.shape);
          break;
        }
        case 'map': {
          if (!isFlattened(ref, shape)) {
            if (part !== 'entry') return false;
            i += 1;
          }
          if (i >= parts.length || !INDEX_RE.test(parts[i] as string)) return false;
          i += 1;
          if (i >= parts.length) return false;
          const which = parts[i] as string;
          i += 1;
          if (which === (shape.key.locationName ?? 'key')) return i === parts.length;
          if (which !== (shape.value.locationName ?? 'value')) return false;
          ref = shape.value;
          shape = this.model.shape(shape.value.shape);
          break;
        }
        default:
          // A scalar has nothing below it.
          return false;
      }
    }
    return true;
  }

  private readStructure(shape: StructureShape, node: ParamNode | undefined, path: string, depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const children = node?.children;
    if (!children) return out;
    const members = this.members(shape);
    for (const [wire, child] of children) {
      const m = members.get(wire);
      if (!m) continue;
      const v = this.read(m.ref, m.shape, child, path ? `${path}.${lowerFirst(m.name)}` : lowerFirst(m.name), depth + 1);
      if (v !== undefined) out[m.name] = v;
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
        const holder = isFlattened(ref, shape) ? node : node.children.get(shape.member.locationName ?? 'member');
        const memberShape = this.model.shape(shape.member.shape);
        return indexed(holder).map((item, i) => this.read(shape.member, memberShape, item, `${path}.${i + 1}.member`, depth + 1) ?? null);
      }
      case 'map': {
        if (!node.children) return node.value === '' ? {} : undefined;
        const holder = isFlattened(ref, shape) ? node : node.children.get('entry');
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
