// `wildcard`: `*` matches any run of characters (including none); `\*` is a literal asterisk and `\\` a literal
// backslash; a backslash before anything else, and two `*` in a row, are pattern errors. Matching is greedy
// left-to-right over the literal pieces between stars, which is exact for a language with only `*` and never
// backtracks: a hostile pattern costs at most one scan of the value per literal piece.
import { fail } from './errors.js';

export interface Wildcard {
  /** The literal pieces between stars; there is one more piece than there are stars. */
  readonly pieces: readonly string[];
}

/** Parses a wildcard operand. Error positions count UTF-8 bytes from EventBridge's quoted form of the value. */
export function parseWildcard(text: string): Wildcard {
  const pieces: string[] = [];
  let current = '';
  let bytePos = 1; // EventBridge reports positions within `"` + text + `"`.
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '*') {
      if (text[i + 1] === '*') fail(`Consecutive wildcard characters at pos ${bytePos}`);
      pieces.push(current);
      current = '';
    } else if (c === '\\') {
      const next = text[i + 1];
      if (next !== '*' && next !== '\\') fail(`Invalid escape character at pos ${bytePos}`);
      current += next;
      i++;
      bytePos++;
    } else {
      current += c;
    }
    bytePos += utf8Length(text.charCodeAt(i));
  }
  pieces.push(current);
  return { pieces };
}

/** UTF-8 bytes for one UTF-16 code unit (a surrogate pair counts 2 + 2). */
function utf8Length(code: number): number {
  if (code < 0x80) return 1;
  if (code < 0x800) return 2;
  if (code >= 0xd800 && code <= 0xdfff) return 2;
  return 3;
}

export function wildcardMatches(w: Wildcard, value: string): boolean {
  const { pieces } = w;
  const first = pieces[0]!;
  if (pieces.length === 1) return value === first;
  const last = pieces[pieces.length - 1]!;
  // The first and last pieces are anchored; they must fit without overlapping.
  if (value.length < first.length + last.length) return false;
  if (!value.startsWith(first) || !value.endsWith(last)) return false;
  let at = first.length;
  const end = value.length - last.length;
  for (let i = 1; i < pieces.length - 1; i++) {
    const piece = pieces[i]!;
    if (piece.length === 0) continue;
    const found = value.indexOf(piece, at);
    if (found < 0 || found + piece.length > end) return false;
    at = found + piece.length;
  }
  return true;
}
