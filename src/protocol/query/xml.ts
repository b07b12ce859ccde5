// Writes output documents as the query protocol's XML, by shape: members by
// locationName, lists as `<member>` items (or repeated elements when
// flattened), maps as `<entry><key/><value/></entry>` (flattened: repeated
// elements), timestamps ISO 8601 in UTC, blobs base64, text escaped.
import type { MemberRef, Model, Shape } from '../model.js';
import { MAX_DEPTH } from '../json-values.js';

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // Written as references so XML parsers' line-end normalization keeps them.
  '\r': '&#xD;',
  '\n': '&#xA;',
};
const ESCAPE_RE = /[&<>"'\r\n]/g;
/** Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const INVALID_XML_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlEscape(s: string): string {
  const clean = INVALID_XML_RE.test(s) ? s.replace(INVALID_XML_RE, '\uFFFD') : s;
  INVALID_XML_RE.lastIndex = 0;
  return clean.replace(ESCAPE_RE, (c) => ESCAPES[c] ?? c);
}

/** ISO 8601 in UTC: whole seconds as AWS writes them (2019-12-31T20:28:49Z), milliseconds only when present. */
export function isoTimestamp(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('.000Z') ? `${iso.slice(0, -5)}Z` : iso;
}

export class XmlWriter {
  constructor(private readonly model: Model) {}

  /** The members of a structure (without its own element), appended to `out`. */
  members(shapeName: string, value: Record<string, unknown>, out: string[], depth = 0): void {
    if (depth > MAX_DEPTH) throw new Error(`output nested deeper than ${MAX_DEPTH} levels`);
    const shape = this.model.structure(shapeName);
    for (const [name, ref] of Object.entries(shape.members)) {
      const v = value[name];
      if (v === undefined || v === null) continue;
      this.member(ref.locationName ?? name, ref, v, out, depth + 1);
    }
  }

  private member(element: string, ref: MemberRef, value: unknown, out: string[], depth: number): void {
    const shape: Shape = this.model.shape(ref.shape);
    switch (shape.type) {
      case 'structure':
        out.push(`<${element}>`);
        this.members(ref.shape, value as Record<string, unknown>, out, depth);
        out.push(`</${element}>`);
        return;
      case 'list': {
        const items = value as unknown[];
        if (ref.flattened || shape.flattened) {
          const name = shape.member.locationName ?? element;
          for (const item of items) if (item !== null && item !== undefined) this.member(name, shape.member, item, out, depth + 1);
          return;
        }
        const name = shape.member.locationName ?? 'member';
        out.push(`<${element}>`);
        for (const item of items) if (item !== null && item !== undefined) this.member(name, shape.member, item, out, depth + 1);
        out.push(`</${element}>`);
        return;
      }
      case 'map': {
        const keyName = shape.key.locationName ?? 'key';
        const valueName = shape.value.locationName ?? 'value';
        const flattened = ref.flattened || shape.flattened;
        if (!flattened) out.push(`<${element}>`);
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          if (v === null || v === undefined) continue;
          out.push(flattened ? `<${element}>` : '<entry>');
          out.push(`<${keyName}>${xmlEscape(k)}</${keyName}>`);
          this.member(valueName, shape.value, v, out, depth + 1);
          out.push(flattened ? `</${element}>` : '</entry>');
        }
        if (!flattened) out.push(`</${element}>`);
        return;
      }
      default:
        out.push(`<${element}>${this.scalar(shape, value)}</${element}>`);
    }
  }

  private scalar(shape: Shape, value: unknown): string {
    switch (shape.type) {
      case 'timestamp':
        return isoTimestamp(value instanceof Date ? value : new Date(value as string | number));
      case 'blob':
        return Buffer.isBuffer(value) ? value.toString('base64') : xmlEscape(String(value));
      case 'boolean':
        return value ? 'true' : 'false';
      default:
        return xmlEscape(String(value));
    }
  }
}
