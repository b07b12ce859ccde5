// What SQS checks in a message before accepting it: the body's characters and size, message attributes (at most
// 10; names, data types, values), system attributes (AWSTraceHeader only), delay, and FIFO's group and
// deduplication ids. Each failure is AWS's error, worded as AWS words it.
import { SqsErrors } from './errors.js';
import type { AttributeValue } from './md5.js';

export const MAX_MESSAGE_ATTRIBUTES = 10;

/**
 * Characters SQS accepts: #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF. A lone surrogate is
 * none of them; the `u` flag makes the class match code points, so a valid pair is one match.
 */
// eslint-disable-next-line no-control-regex
const INVALID_CHAR_RE = /[^\u0009\u000A\u000D\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u;

export function checkCharacters(text: string): void {
  if (INVALID_CHAR_RE.test(text)) throw SqsErrors.invalidMessageContents();
}

const ATTRIBUTE_NAME_RE = /^[A-Za-z0-9_.-]{1,256}$/;
const DATA_TYPE_RE = /^(String|Number|Binary)(\..+)?$/;
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
/** Group and deduplication ids: 1–128 of alphanumerics and punctuation. */
const ID_TOKEN_RE = /^[A-Za-z0-9!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]{1,128}$/;

/**
 * Validated message attributes (a fresh object of AttributeValues) and their size as SQS counts it toward
 * MaximumMessageSize: name, data type and value bytes.
 */
export function checkMessageAttributes(raw: Readonly<Record<string, unknown>> | undefined): { attributes?: Record<string, AttributeValue>; bytes: number } {
  if (raw === undefined) return { bytes: 0 };
  const names = Object.keys(raw);
  if (names.length === 0) return { bytes: 0 };
  if (names.length > MAX_MESSAGE_ATTRIBUTES) {
    throw SqsErrors.invalidParameterValue(`Number of message attributes [${names.length}] exceeds the allowed maximum [${MAX_MESSAGE_ATTRIBUTES}].`);
  }
  const out: Record<string, AttributeValue> = {};
  let bytes = 0;
  for (const name of names) {
    if (name === '') throw SqsErrors.invalidParameterValue('The request must contain non-empty message attribute name.');
    if (!ATTRIBUTE_NAME_RE.test(name) || name.startsWith('.') || name.endsWith('.') || name.includes('..')) {
      throw SqsErrors.invalidParameterValue(
        `Message (user) attribute name '${name.slice(0, 256)}' is invalid. The attribute name can contain only A-Z, a-z, 0-9, underscore (_), hyphen (-), and period (.) characters, must not start or end with a period, and must not have successive periods.`,
      );
    }
    const lower = name.toLowerCase();
    if (lower.startsWith('aws.') || lower.startsWith('amazon.')) {
      throw SqsErrors.invalidParameterValue(
        `You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use by Amazon SQS.`,
      );
    }
    const v = raw[name] as Partial<Record<string, unknown>> | null | undefined;
    const dataType = typeof v?.['DataType'] === 'string' ? v['DataType'] : '';
    if (dataType === '') throw SqsErrors.invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute type.`);
    if (dataType.length > 256 || !DATA_TYPE_RE.test(dataType)) {
      throw SqsErrors.invalidParameterValue(
        `The type of message (user) attribute '${name}' is invalid. You must use only the following supported type prefixes: Binary, Number, String.`,
      );
    }
    checkCharacters(dataType);
    const binary = dataType.startsWith('Binary');
    const stringValue = v?.['StringValue'];
    // Decoded requests carry Buffers; in-process callers may hand a plain Uint8Array.
    const rawBinary = v?.['BinaryValue'];
    const binaryValue = rawBinary instanceof Uint8Array && !Buffer.isBuffer(rawBinary) ? Buffer.from(rawBinary) : rawBinary;
    if (v?.['StringListValues'] !== undefined || v?.['BinaryListValues'] !== undefined) {
      throw SqsErrors.invalidParameterValue(`Message (user) attribute '${name}' uses StringListValues or BinaryListValues, which are not supported.`);
    }
    let value: AttributeValue;
    if (binary) {
      if (!Buffer.isBuffer(binaryValue) || binaryValue.length === 0 || stringValue !== undefined) {
        throw SqsErrors.invalidParameterValue(`The message attribute '${name}' with type 'Binary' must use field 'Binary'.`);
      }
      value = { DataType: dataType, BinaryValue: binaryValue };
      bytes += binaryValue.length;
    } else {
      if (typeof stringValue !== 'string' || stringValue === '' || binaryValue !== undefined) {
        throw SqsErrors.invalidParameterValue(`The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${dataType.split('.')[0] ?? dataType}'.`);
      }
      checkCharacters(stringValue);
      if (dataType.startsWith('Number')) {
        // AWS: up to 38 significant digits, magnitude between 10^-128 and 10^+126.
        if (!NUMBER_RE.test(stringValue.trim()) || !Number.isFinite(Number(stringValue))) {
          throw SqsErrors.invalidParameterValue(`Can't cast the value of message (user) attribute '${name}' to a number.`);
        }
      }
      value = { DataType: dataType, StringValue: stringValue };
      bytes += Buffer.byteLength(stringValue, 'utf8');
    }
    bytes += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(dataType, 'utf8');
    out[name] = value;
  }
  return { attributes: out, bytes };
}

/** MessageSystemAttributes: only AWSTraceHeader, a String. */
export function checkSystemAttributes(raw: Readonly<Record<string, unknown>> | undefined): Record<string, AttributeValue> | undefined {
  if (raw === undefined || Object.keys(raw).length === 0) return undefined;
  const out: Record<string, AttributeValue> = {};
  for (const [name, v] of Object.entries(raw)) {
    if (name !== 'AWSTraceHeader') {
      throw SqsErrors.invalidParameterValue(`Message system attribute name '${name}' is invalid.`);
    }
    const value = v as Partial<Record<string, unknown>> | null;
    const s = value?.['StringValue'];
    if (value?.['DataType'] !== 'String' || typeof s !== 'string' || s === '') {
      throw SqsErrors.invalidParameterValue(`The message system attribute 'AWSTraceHeader' must be of type 'String' with a non-empty value.`);
    }
    checkCharacters(s);
    out[name] = { DataType: 'String', StringValue: s };
  }
  return out;
}

export function checkDelay(delay: number | undefined): void {
  if (delay !== undefined && (!Number.isInteger(delay) || delay < 0 || delay > 900)) {
    throw SqsErrors.invalidParameter(String(delay), 'DelaySeconds', 'DelaySeconds must be >= 0 and <= 900.');
  }
}

/** A MessageGroupId or MessageDeduplicationId. */
export function checkIdToken(value: string, parameter: string): void {
  if (!ID_TOKEN_RE.test(value)) {
    throw SqsErrors.invalidParameter(value.slice(0, 256), parameter, `${parameter} can only include alphanumeric and punctuation characters. 1 to 128 in length.`);
  }
}

/** Batch entry ids: 1–80 of [A-Za-z0-9_-]. */
const BATCH_ID_RE = /^[A-Za-z0-9_-]{1,80}$/;

/** The checks every batch operation makes on its entry list, in AWS's order. */
export function checkBatch(entries: readonly { Id: string }[], entryShape: string): void {
  if (entries.length === 0) throw SqsErrors.emptyBatch(entryShape);
  if (entries.length > 10) throw SqsErrors.tooManyEntries(entries.length);
  const seen = new Set<string>();
  for (const e of entries) {
    if (typeof e.Id !== 'string' || !BATCH_ID_RE.test(e.Id)) throw SqsErrors.invalidBatchEntryId();
    if (seen.has(e.Id)) throw SqsErrors.idsNotDistinct(e.Id);
    seen.add(e.Id);
  }
}
