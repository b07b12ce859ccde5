// The query protocol's parameters: a form (body) or query string of flat
// names like `Tags.member.2.Key`, read into a tree keyed by the dotted parts
// so the decoder can walk it by shape. Built without recursion and bounded by
// the input's own size (one node per distinct name part), so hostile forms
// (deep nesting, huge indexes, duplicates) cost no more than their bytes.

/** One dotted name part: its value when a parameter ends here, and the parts below it. */
export interface ParamNode {
  value: string | undefined;
  children: Map<string, ParamNode> | undefined;
}

/** The flat parameters, first occurrence of a name winning (a later duplicate cannot override Action). */
export type FlatParams = Record<string, string>;

/**
 * Parses form-encoded text ('+' is a space, percent escapes) into flat parameters, adding to `into`.
 * Null-prototype record: a parameter named `__proto__` or `constructor` is just a name.
 */
export function parseForm(text: string, into: FlatParams): void {
  if (text === '') return;
  for (const [k, v] of new URLSearchParams(text)) {
    if (!Object.prototype.hasOwnProperty.call(into, k)) into[k] = v;
  }
}

export function emptyParams(): FlatParams {
  return Object.create(null) as FlatParams;
}

/** The tree of a request's parameters. */
export function paramTree(params: FlatParams): ParamNode {
  const root: ParamNode = { value: undefined, children: undefined };
  for (const name in params) {
    let node = root;
    let start = 0;
    for (;;) {
      const dot = name.indexOf('.', start);
      const part = dot === -1 ? name.slice(start) : name.slice(start, dot);
      const children = (node.children ??= new Map());
      let next = children.get(part);
      if (!next) {
        next = { value: undefined, children: undefined };
        children.set(part, next);
      }
      node = next;
      if (dot === -1) break;
      start = dot + 1;
    }
    node.value = params[name];
  }
  return root;
}

/** List and map positions: 1, 2, … written without leading zeros; at most 9 digits (no precision games). */
const INDEX_RE = /^[1-9][0-9]{0,8}$/;

/**
 * The numbered children of a node in index order. Gaps are closed (member.1, member.5 → two items), as the
 * positions only order the items; names that are not positions are ignored.
 */
export function indexed(node: ParamNode | undefined): ParamNode[] {
  if (!node?.children) return [];
  const found: [number, ParamNode][] = [];
  for (const [part, child] of node.children) if (INDEX_RE.test(part)) found.push([Number(part), child]);
  found.sort((a, b) => a[0] - b[0]);
  return found.map((e) => e[1]);
}
