// The query protocol's parameters: a form (body) or query string of flat
// names like `Tags.member.2.Key`, parsed into a null-prototype record (a
// parameter named `__proto__` is just a name; the first of duplicates wins).

/** The flat parameters of one request. */
export type FlatParams = Record<string, string>;

export function emptyParams(): FlatParams {
  return Object.create(null) as FlatParams;
}

/** Parses form-encoded text ('+' is a space, percent escapes) into flat parameters, adding to `into`. */
export function parseForm(text: string, into: FlatParams): void {
  if (text === '') return;
  for (const [k, v] of new URLSearchParams(text)) {
    if (!Object.prototype.hasOwnProperty.call(into, k)) into[k] = v;
  }
}
