// The digests SQS returns with every send and receive, computed exactly as SQS does, because SDKs verify them (the
// JS SDK v3 the body's, the Java SDK all three) and refuse the answer on a mismatch:
// - MD5OfMessageBody: MD5 of the body's UTF-8 bytes.
// - MD5OfMessageAttributes / MD5OfMessageSystemAttributes: MD5 over the attributes sorted by name, each written as
//   name, data type (4-byte big-endian length + UTF-8 bytes each), one transport byte (1: String/Number values,
//   2: Binary), then the value (length + UTF-8 bytes, or length + raw bytes).
import { createHash } from 'node:crypto';

/** A message attribute as decoded (both protocols give binary values as Buffers). */
export interface AttributeValue {
  DataType: string;
  StringValue?: string;
  BinaryValue?: Buffer;
}

const STRING_TRANSPORT = 1;
const BINARY_TRANSPORT = 2;

export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}

function lengthPrefixed(bytes: Buffer): Buffer[] {
  const len = Buffer.allocUnsafe(4);
  len.writeUInt32BE(bytes.length, 0);
  return [len, bytes];
}

/** MD5 of a set of message (or message system) attributes; undefined for none, as SQS omits the field then. */
export function md5OfAttributes(attributes: Readonly<Record<string, AttributeValue>> | undefined): string | undefined {
  if (attributes === undefined) return undefined;
  // Names in UTF-16 code-unit order, the order AWS's SDKs sort them in when they check.
  const names = Object.keys(attributes).sort();
  if (names.length === 0) return undefined;
  const hash = createHash('md5');
  for (const name of names) {
    const a = attributes[name] as AttributeValue;
    for (const b of lengthPrefixed(Buffer.from(name, 'utf8'))) hash.update(b);
    for (const b of lengthPrefixed(Buffer.from(a.DataType, 'utf8'))) hash.update(b);
    if (a.BinaryValue !== undefined) {
      hash.update(Buffer.of(BINARY_TRANSPORT));
      for (const b of lengthPrefixed(a.BinaryValue)) hash.update(b);
    } else {
      hash.update(Buffer.of(STRING_TRANSPORT));
      for (const b of lengthPrefixed(Buffer.from(a.StringValue ?? '', 'utf8'))) hash.update(b);
    }
  }
  return hash.digest('hex');
}
