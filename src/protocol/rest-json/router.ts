// Routes a request to a model operation by method + URI template: literal
// segments, {Label} and greedy {Label+} path labels, and query-qualified URIs
// such as "/2018-10-31/layers?find=LayerVersion". Trailing slashes are
// optional (old CLIs send "/2015-03-31/functions/").
import type { Model, Operation } from '../model.js';

type Segment = { literal: string } | { label: string; greedy: boolean };

interface CompiledRoute {
  operation: Operation;
  method: string;
  segments: Segment[];
  requiredQuery: [string, string | undefined][];
  /** Higher wins when two templates match the same path. */
  specificity: number;
}

function compile(op: Operation): CompiledRoute {
  const [pathPart, queryPart] = op.http.requestUri.split('?', 2) as [string, string | undefined];
  const segments: Segment[] = pathPart
    .split('/')
    .filter((s) => s.length > 0)
    .map((s) => {
      const m = /^\{([^}+]+)(\+?)\}$/.exec(s);
      return m ? { label: m[1] as string, greedy: m[2] === '+' } : { literal: s };
    });
  const requiredQuery: [string, string | undefined][] = [];
  if (queryPart) {
    for (const kv of queryPart.split('&')) {
      const [k, v] = kv.split('=', 2) as [string, string | undefined];
      requiredQuery.push([k, v]);
    }
  }
  const literals = segments.filter((s) => 'literal' in s).length;
  return {
    operation: op,
    method: op.http.method,
    segments,
    requiredQuery,
    specificity: literals * 10 + requiredQuery.length * 100 + segments.length,
  };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

export class RestRouter {
  private readonly byMethod = new Map<string, CompiledRoute[]>();

  constructor(model: Model) {
    for (const name of model.operationNames) {
      const route = compile(model.operation(name));
      const list = this.byMethod.get(route.method) ?? [];
      list.push(route);
      this.byMethod.set(route.method, list);
    }
    for (const list of this.byMethod.values()) list.sort((a, b) => b.specificity - a.specificity);
  }

  match(
    method: string,
    rawPath: string,
    query: URLSearchParams,
  ): { operation: Operation; labels: Record<string, string> } | undefined {
    const routes = this.byMethod.get(method);
    if (!routes) return undefined;
    const parts = rawPath.split('/').filter((s) => s.length > 0);
    for (const route of routes) {
      const labels = matchSegments(route.segments, parts);
      if (!labels) continue;
      if (!route.requiredQuery.every(([k, v]) => (v === undefined ? query.has(k) : query.get(k) === v))) continue;
      return { operation: route.operation, labels };
    }
    return undefined;
  }

  /** Whether any method routes this path; distinguishes 405-like misses from unknown paths. */
  knowsPath(rawPath: string): boolean {
    const parts = rawPath.split('/').filter((s) => s.length > 0);
    for (const routes of this.byMethod.values()) {
      if (routes.some((r) => matchSegments(r.segments, parts))) return true;
    }
    return false;
  }
}

function matchSegments(segments: Segment[], parts: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  let i = 0;
  for (const seg of segments) {
    if ('literal' in seg) {
      if (parts[i] !== seg.literal) return undefined;
      i++;
      continue;
    }
    if (seg.greedy) {
      if (i >= parts.length) return undefined;
      labels[seg.label] = parts.slice(i).map(safeDecode).join('/');
      i = parts.length;
      continue;
    }
    const p = parts[i];
    if (p === undefined) return undefined;
    labels[seg.label] = safeDecode(p);
    i++;
  }
  return i === parts.length ? labels : undefined;
}
