// IAM identifiers as AWS forms them: unique ids (a four-letter prefix naming the kind, then 17 upper-case
// alphanumerics), access keys, ARNs with paths (IAM is global: no region), RFC 3986 encoding of policy documents.
import { randomInt } from 'node:crypto';

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const SECRET_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

function randomChars(alphabet: string, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[randomInt(alphabet.length)];
  return s;
}

/** AROA (role), AIDA (user), AGPA (group), ANPA (managed policy): the prefixes AWS uses. */
export function uniqueId(prefix: 'AROA' | 'AIDA' | 'AGPA' | 'ANPA'): string {
  return prefix + randomChars(ID_CHARS, 17);
}

/** AKIA + 16 and a 40-character secret from the base64 alphabet, like AWS's; randomInt is a CSPRNG. */
export function newAccessKey(): { accessKeyId: string; secretAccessKey: string } {
  return { accessKeyId: 'AKIA' + randomChars(ID_CHARS, 16), secretAccessKey: randomChars(SECRET_CHARS, 40) };
}

export function entityArn(accountId: string, type: 'role' | 'user' | 'group' | 'policy', path: string, name: string): string {
  return `arn:aws:iam::${accountId}:${type}${path}${name}`;
}

/** RFC 3986 percent-encoding, as IAM returns policy documents (botocore decodes them; the JS SDK does not). */
export function encodeDocument(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** IAM's size quotas count a document without its whitespace (outside strings it is insignificant). */
export function policySize(text: string): number {
  let n = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      n++;
      if (c === '\\') {
        n++;
        i++;
      } else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      n++;
    } else if (!/\s/.test(c)) n++;
  }
  return n;
}

/** AWS's default: "/" when absent. */
export function pathOrDefault(path: string | undefined): string {
  return path ?? '/';
}
