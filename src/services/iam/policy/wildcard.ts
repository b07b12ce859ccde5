// IAM's wildcards (`*` any run of characters, `?` one character) without regular expressions and without
// backtracking: a pattern is cut at its stars into segments; the first must match at the start, the last at the
// end, and the ones between are found left to right, each at its first place. Taking the first place is always
// right for star-separated segments (any later match leaves less text for the rest), so nothing is ever retried
// and a hostile pattern like `a*a*a*a*…b` costs at most (text length × segment length), never exponential time.

/** One run of a pattern between stars: literal characters, with `anyAt` marking the `?` positions. */
export interface GlobSegment {
  readonly text: string;
  /** Indices of `?` in `text` (a `?` there matches any one character); undefined when there are none. */
  readonly anyAt: readonly number[] | undefined;
}

/** A compiled pattern. `segments.length - 1` is the number of stars. */
export interface Glob {
  readonly segments: readonly GlobSegment[];
  /** True when the pattern is exactly `*` (the common case, answered without looking at the text). */
  readonly matchesAll: boolean;
  /** True when the pattern has no wildcard at all: a plain comparison. */
  readonly literal: boolean;
}

/** Pieces of a pattern as the parser reads them: literal text, a star or a question mark. */
export type GlobPiece = string | { wild: '*' | '?' };

/** Compiles a pattern whose `*` and `?` are wildcards. `fold`: compare case-insensitively (IAM actions). */
export function compileGlob(pattern: string, fold = false): Glob {
  const text = fold ? pattern.toLowerCase() : pattern;
  if (text === '*') return MATCH_ALL;
  // Straight from the string (no intermediate pieces): documents are compiled on every policy write.
  const segments: GlobSegment[] = [];
  let start = 0;
  let anyAt: number[] | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 63 /* ? */) (anyAt ??= []).push(i - start);
    else if (c === 42 /* * */) {
      segments.push({ text: text.slice(start, i), anyAt });
      start = i + 1;
      anyAt = undefined;
    }
  }
  segments.push({ text: start === 0 ? text : text.slice(start), anyAt });
  return { segments, matchesAll: false, literal: segments.length === 1 && anyAt === undefined };
}

const MATCH_ALL: Glob = { segments: [{ text: '', anyAt: undefined }, { text: '', anyAt: undefined }], matchesAll: true, literal: false };

/** Builds a glob from pieces (policy variables insert literal text, `${*}` a literal star). */
export function globFromPieces(pieces: readonly GlobPiece[], fold = false): Glob {
  const segments: GlobSegment[] = [];
  let text = '';
  let anyAt: number[] | undefined;
  let stars = 0;
  for (const p of pieces) {
    if (typeof p === 'string') {
      text += fold ? p.toLowerCase() : p;
    } else if (p.wild === '?') {
      (anyAt ??= []).push(text.length);
      text += '?';
    } else {
      segments.push({ text, anyAt });
      text = '';
      anyAt = undefined;
      stars++;
    }
  }
  segments.push({ text, anyAt });
  const only = segments[0];
  return {
    segments,
    matchesAll: stars === 1 && segments.every((s) => s.text.length === 0),
    literal: stars === 0 && only !== undefined && only.anyAt === undefined,
  };
}

/** Does `value` (already lower-cased when the glob was compiled with `fold`) match the whole glob? */
export function globMatches(glob: Glob, value: string): boolean {
  if (glob.matchesAll) return true;
  const segs = glob.segments;
  const first = segs[0]!;
  if (segs.length === 1) {
    if (glob.literal) return first.text === value;
    return value.length === first.text.length && segmentAt(first, value, 0);
  }
  const last = segs[segs.length - 1]!;
  if (value.length < first.text.length + last.text.length) return false;
  if (!segmentAt(first, value, 0)) return false;
  const end = value.length - last.text.length;
  if (!segmentAt(last, value, end)) return false;
  let pos = first.text.length;
  for (let i = 1; i < segs.length - 1; i++) {
    const seg = segs[i]!;
    const at = findSegment(seg, value, pos, end);
    if (at < 0) return false;
    pos = at + seg.text.length;
  }
  return pos <= end;
}

/** Does `seg` match `value` at exactly `at`? */
function segmentAt(seg: GlobSegment, value: string, at: number): boolean {
  const t = seg.text;
  if (seg.anyAt === undefined) return value.startsWith(t, at);
  if (at + t.length > value.length) return false;
  let q = 0;
  const anyAt = seg.anyAt;
  for (let i = 0; i < t.length; i++) {
    if (anyAt[q] === i) {
      q++;
      continue;
    }
    if (t.charCodeAt(i) !== value.charCodeAt(at + i)) return false;
  }
  return true;
}

/** The first index ≥ from where `seg` matches and ends by `end`, or -1. */
function findSegment(seg: GlobSegment, value: string, from: number, end: number): number {
  const t = seg.text;
  if (seg.anyAt === undefined) {
    const at = value.indexOf(t, from);
    return at >= 0 && at + t.length <= end ? at : -1;
  }
  for (let at = from; at + t.length <= end; at++) {
    if (segmentAt(seg, value, at)) return at;
  }
  return -1;
}
