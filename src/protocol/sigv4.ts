// AWS Signature Version 4 verification (header auth and presigned query auth),
// written to accept what the real clients send: AWS CLI v1/v2, boto3/botocore
// and the JS SDK v3 (see /work/shared/wire-notes.md, sections 1, 3 and 7).
//
// Canonical URI: the non-S3 rule. Clients sign the request path URI-encoded once
// more than it is on the wire (`%3A` on the wire is `%253A` in the canonical
// request). botocore and the JS SDK also remove empty and dot segments before
// encoding; we try that form first and, only if the signature does not match
// and the path actually has such segments, the literal path.
//
// Payload: `x-amz-content-sha256` when present, otherwise the SHA-256 of the
// body (CLI v2 sends no such header). Presigned: the header, or a hoisted
// `X-Amz-Content-Sha256` query parameter, otherwise UNSIGNED-PAYLOAD with a
// fallback to the body hash (what @smithy/signature-v4's presign() signs). A request that declares its payload
// hash can be verified before its body is read (verifySigV4Head), and the body checked afterwards
// (checkPayloadHash), so the gateway buffers no body of an unauthenticated sender.
//
// Scope: the region must look like an AWS region (it ends up in ARNs), and, when the caller names the service
// the request reached, the scope's service must be that one; both refused in AWS's words.
//
// This is on the invoke hot path: no regex-heavy parsing, derived signing keys
// are cached, fallbacks cost nothing unless the first attempt fails.

import * as nodeCrypto from 'node:crypto';
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { AwsError, CommonErrors } from './errors.js';

export interface Credential {
  accessKeyId: string;
  secretAccessKey: string;
  accountId: string;
}

export interface CredentialStore {
  lookup(accessKeyId: string): Credential | undefined;
}

export interface SignedRequestParts {
  method: string;
  /** Path exactly as on the HTTP request line, before '?', still percent-encoded. */
  rawPath: string;
  /** Query string as on the request line, without '?', may be ''. */
  rawQuery: string;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface AuthResult {
  /** The stored credential the signature verified with (the IdentityProvider says whose it is). */
  credential: Credential;
  accessKeyId: string;
  accountId: string;
  region: string;
  service: string;
}

export interface VerifyOptions {
  /** Clock used for the skew and expiry checks (default: the real clock). */
  now?: Date;
  /**
   * Allowed distance between the request's signing time and now (default 15 min).
   * Infinity disables every time check, including presigned-URL expiry (moto-style
   * tests freeze their clock at 2015-01-01).
   */
  maxSkewMs?: number;
  /**
   * The signing name of the service the request reached (e.g. "lambda"). A credential scoped to another
   * service is refused as AWS refuses it, even when the signature itself is right.
   */
  service?: string;
}

/** The request without its body: what can be checked before a single body byte is read. */
export type SignedRequestHead = Omit<SignedRequestParts, 'body'>;

export interface HeadAuthResult extends AuthResult {
  /** The body's SHA-256 (lower-case hex) the signature covers; undefined for UNSIGNED-PAYLOAD. */
  payloadSha256: string | undefined;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';
const TERMINATOR = 'aws4_request';
const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
const DEFAULT_MAX_SKEW_MS = 15 * 60 * 1000;
const MAX_PRESIGNED_EXPIRES_S = 7 * 24 * 60 * 60;
const SIGNATURE_RE = /^[0-9a-fA-F]{64}$/;
const HEX_SHA256_RE = /^[0-9a-fA-F]{64}$/;
const AMZ_DATE_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;
const SCOPE_DATE_RE = /^\d{8}$/;
/** AWS region names (the region part of Lambda's own ARN pattern): us-east-1, us-gov-west-1, us-isob-east-1... */
const REGION_RE = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d$/;

// ---------------------------------------------------------------------------
// Public API

/**
 * Verifies a SigV4-signed request (Authorization header, or presigned query).
 * Returns who signed it and the credential scope; throws AwsError otherwise.
 */
export function verifySigV4(req: SignedRequestParts, store: CredentialStore, opts: VerifyOptions = {}): AuthResult {
  const r = verify(req, req.body, store, opts);
  if (r.payloadSha256 !== undefined) checkPayloadHash(req.body, r.payloadSha256);
  return { credential: r.credential, accessKeyId: r.accessKeyId, accountId: r.accountId, region: r.region, service: r.service };
}

/**
 * True when the request names its payload hash (an `x-amz-content-sha256` header, or that parameter in a
 * presigned query): the signature can then be verified before the body is read (verifySigV4Head), and the
 * body checked against the hash afterwards (checkPayloadHash).
 */
export function declaresPayloadHash(req: SignedRequestHead): boolean {
  if (req.headers['x-amz-content-sha256'] !== undefined) return true;
  if (req.headers.authorization !== undefined || req.rawQuery === '') return false;
  const q = parseQuery(req.rawQuery);
  return q !== undefined && isPresigned(q) && queryParamCi(q, 'x-amz-content-sha256') !== undefined;
}

/**
 * Verifies the signature over the declared payload hash without the body (see declaresPayloadHash, which must
 * hold). The caller reads the body afterwards and passes it with `payloadSha256` to checkPayloadHash.
 */
export function verifySigV4Head(req: SignedRequestHead, store: CredentialStore, opts: VerifyOptions = {}): HeadAuthResult {
  return verify(req, undefined, store, opts);
}

/** Throws AWS's error when the body is not the one whose hash was signed. */
export function checkPayloadHash(body: Buffer, payloadSha256: string): void {
  if (sha256Hex(body) !== payloadSha256) {
    throw CommonErrors.invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.");
  }
}

/** `body` undefined: only a request that declares its payload hash can be verified (declaresPayloadHash). */
function verify(
  req: SignedRequestHead,
  body: Buffer | undefined,
  store: CredentialStore,
  opts: VerifyOptions,
): HeadAuthResult {
  const authHeader = headerString(req.headers.authorization);
  const query = parseQuery(req.rawQuery);
  const presigned = authHeader === undefined && query !== undefined && isPresigned(query);
  if (authHeader === undefined && !presigned) throw CommonErrors.missingAuthenticationToken();

  const maxSkewMs = opts.maxSkewMs ?? DEFAULT_MAX_SKEW_MS;
  const checkTime = maxSkewMs !== Infinity;
  const nowMs = checkTime ? (opts.now ?? new Date()).getTime() : 0;

  let credential: string;
  let signedHeaders: string;
  let signature: string;
  let longDate: string;
  let signedAtMs: number;
  let expiresS = -1;

  if (!presigned) {
    const auth = authHeader as string;
    const p = parseAuthorization(auth);
    if (p.algorithm !== ALGORITHM) {
      throw CommonErrors.incompleteSignature(
        `Unsupported Authorization algorithm '${p.algorithm}': Lambent accepts only ` +
          `'${ALGORITHM} Credential=..., SignedHeaders=..., Signature=...'.`,
      );
    }
    const missing: string[] = [];
    if (p.credential === undefined) missing.push("Authorization header requires 'Credential' parameter.");
    if (p.signature === undefined) missing.push("Authorization header requires 'Signature' parameter.");
    if (p.signedHeaders === undefined) missing.push("Authorization header requires 'SignedHeaders' parameter.");
    const amzDate = headerString(req.headers['x-amz-date']);
    let date: { longDate: string; ms: number } | undefined;
    if (amzDate !== undefined) {
      date = parseAmzDate(amzDate);
      if (date === undefined && missing.length === 0) {
        throw CommonErrors.incompleteSignature(
          `Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
        );
      }
    } else {
      const httpDate = headerString(req.headers.date);
      if (httpDate !== undefined) {
        const ms = Date.parse(httpDate);
        if (!Number.isNaN(ms)) date = { longDate: formatAmzDate(ms), ms };
      }
    }
    if (date === undefined && amzDate === undefined) {
      missing.push("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
    }
    if (missing.length > 0) {
      throw CommonErrors.incompleteSignature(`${missing.join(' ')} Authorization=${auth}`);
    }
    credential = p.credential as string;
    signedHeaders = p.signedHeaders as string;
    signature = p.signature as string;
    longDate = (date as { longDate: string }).longDate;
    signedAtMs = (date as { ms: number }).ms;
  } else {
    const q = query as QueryPair[];
    const algorithm = queryParam(q, 'X-Amz-Algorithm');
    const cred = queryParam(q, 'X-Amz-Credential');
    const sig = queryParam(q, 'X-Amz-Signature');
    const amzDate = queryParam(q, 'X-Amz-Date');
    const sh = queryParam(q, 'X-Amz-SignedHeaders');
    const expires = queryParam(q, 'X-Amz-Expires');
    const missing: string[] = [];
    if (!algorithm) missing.push("'X-Amz-Algorithm'");
    if (!cred) missing.push("'X-Amz-Credential'");
    if (!sig) missing.push("'X-Amz-Signature'");
    if (!amzDate) missing.push("'X-Amz-Date'");
    if (!sh) missing.push("'X-Amz-SignedHeaders'");
    if (!expires) missing.push("'X-Amz-Expires'");
    if (missing.length > 0) {
      throw CommonErrors.incompleteSignature(
        "AWS query-string parameters must include 'X-Amz-Algorithm', 'X-Amz-Credential', 'X-Amz-Signature', " +
          `'X-Amz-Date', 'X-Amz-SignedHeaders', and 'X-Amz-Expires'. Missing: ${missing.join(', ')}.`,
      );
    }
    if (algorithm !== ALGORITHM) {
      throw CommonErrors.incompleteSignature(
        `Unsupported X-Amz-Algorithm '${algorithm}': Lambent accepts only ${ALGORITHM}.`,
      );
    }
    const date = parseAmzDate(amzDate as string);
    if (date === undefined) {
      throw CommonErrors.incompleteSignature(
        `X-Amz-Date must be in ISO-8601 'basic format'. Got '${amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601`,
      );
    }
    const exp = expires as string;
    expiresS = isDigits(exp) && exp.length <= 7 ? Number(exp) : -1;
    if (expiresS < 0 || expiresS > MAX_PRESIGNED_EXPIRES_S) {
      throw CommonErrors.incompleteSignature(
        `X-Amz-Expires must be a whole number of seconds from 0 to ${MAX_PRESIGNED_EXPIRES_S} (one week); got '${exp}'.`,
      );
    }
    credential = cred as string;
    signedHeaders = sh as string;
    signature = sig as string;
    longDate = date.longDate;
    signedAtMs = date.ms;
  }

  // Credential scope: AKID/yyyymmdd/region/service/aws4_request
  const scope = parseCredential(credential);
  if (typeof scope === 'string') throw CommonErrors.incompleteSignature(scope);
  const shortDate = longDate.slice(0, 8);
  if (scope.date !== shortDate) {
    throw CommonErrors.invalidSignature(
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${scope.date}' != '${shortDate}', from '${longDate}'.`,
    );
  }

  // AWS's wording, trailing space included.
  if (scope.region !== lastValidRegion && !validRegion(scope.region)) {
    throw CommonErrors.invalidSignature(`Credential should be scoped to a valid region, not '${scope.region}'. `);
  }
  if (opts.service !== undefined && scope.service !== opts.service) {
    throw CommonErrors.invalidSignature(`Credential should be scoped to correct service: '${opts.service}'. `);
  }

  const headerNames = signedHeaders.toLowerCase().split(';');
  if (!headerNames.includes('host') && !headerNames.includes(':authority')) {
    throw CommonErrors.incompleteSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  const cred = store.lookup(scope.accessKeyId);
  if (cred === undefined) throw CommonErrors.unrecognizedClient();

  if (checkTime) {
    if (presigned) {
      const expiresAt = signedAtMs + expiresS * 1000;
      if (nowMs > expiresAt) {
        throw CommonErrors.invalidSignature(
          `Request has expired: the presigned request was signed at ${longDate} with X-Amz-Expires=${expiresS}, ` +
            `so it was valid until ${formatAmzDate(expiresAt)}; it is now ${formatAmzDate(nowMs)}.`,
        );
      }
      if (signedAtMs - nowMs > maxSkewMs) throw notYetCurrent(longDate, nowMs, maxSkewMs);
    } else if (nowMs - signedAtMs > maxSkewMs) {
      throw CommonErrors.invalidSignature(
        `Signature expired: ${longDate} is now earlier than ${formatAmzDate(nowMs - maxSkewMs)} ` +
          `(${formatAmzDate(nowMs)} - ${formatSkew(maxSkewMs)}.)`,
      );
    } else if (signedAtMs - nowMs > maxSkewMs) {
      throw notYetCurrent(longDate, nowMs, maxSkewMs);
    }
  }

  if (!SIGNATURE_RE.test(signature)) throw CommonErrors.invalidSignature();
  const provided = Buffer.from(signature, 'hex');

  // Payload hash (first choice, plus an optional fallback for presigned requests).
  let payloadHash: string;
  let payloadFallback: string | undefined;
  let checkBody = false;
  const contentSha = headerString(req.headers['x-amz-content-sha256']);
  const declared =
    contentSha ?? (presigned ? queryParamCi(query as QueryPair[], 'x-amz-content-sha256') : undefined);
  if (declared !== undefined) {
    const v = declared.trim();
    if (v === UNSIGNED_PAYLOAD) {
      payloadHash = v;
    } else if (HEX_SHA256_RE.test(v)) {
      payloadHash = v;
      checkBody = true;
    } else {
      throw CommonErrors.invalidSignature(
        `Unsupported x-amz-content-sha256 value '${v}': streaming (chunked) payload signing is not supported; ` +
          'send the hex SHA-256 of the body or UNSIGNED-PAYLOAD.',
      );
    }
  } else if (body === undefined) {
    throw new Error('verifySigV4Head: the request declares no payload hash; verify it with its body');
  } else if (presigned) {
    payloadHash = UNSIGNED_PAYLOAD;
    payloadFallback = sha256Hex(body);
  } else {
    payloadHash = sha256Hex(body);
  }

  const key = signingKey(cred.secretAccessKey, scope.date, scope.region, scope.service);
  const credentialScope = `${scope.date}/${scope.region}/${scope.service}/${TERMINATOR}`;
  const canonicalQuery = query === undefined ? '' : canonicalQueryString(query, presigned);
  const canonicalHeaders = canonicalHeaderBlock(req.headers, headerNames);
  const rawPath = req.rawPath === '' ? '/' : req.rawPath;
  const normalizedPath = needsNormalization(rawPath) ? removeDotSegments(rawPath) : rawPath;
  const method = req.method.toUpperCase();
  const prefix = `${method}\n`;
  const suffix = `\n${canonicalQuery}\n${canonicalHeaders.block}\n${signedHeaders}\n`;

  const attempt = (path: string, payload: string): boolean => {
    const canonicalRequest = prefix + awsUriEncode(path, true) + suffix + payload;
    const crHash = canonicalHeaders.latin1
      ? sha256Hex(Buffer.from(canonicalRequest, 'latin1'))
      : sha256Hex(canonicalRequest);
    const stringToSign = `${ALGORITHM}\n${longDate}\n${credentialScope}\n${crHash}`;
    return timingSafeEqual(hmacSha256(key, stringToSign), provided);
  };

  let ok = attempt(normalizedPath, payloadHash);
  if (!ok && payloadFallback !== undefined) ok = attempt(normalizedPath, payloadFallback);
  if (!ok && normalizedPath !== rawPath) {
    ok = attempt(rawPath, payloadHash);
    if (!ok && payloadFallback !== undefined) ok = attempt(rawPath, payloadFallback);
  }
  if (!ok) throw CommonErrors.invalidSignature();

  return {
    credential: cred,
    accessKeyId: scope.accessKeyId,
    accountId: cred.accountId,
    region: scope.region,
    service: scope.service,
    payloadSha256: checkBody ? payloadHash.toLowerCase() : undefined,
  };
}

/** Reads only the credential scope (no verification) — used to route by service before verifying. */
export function peekCredentialScope(
  req: Pick<SignedRequestParts, 'headers' | 'rawQuery'>,
): { accessKeyId: string; date: string; region: string; service: string } | undefined {
  let credential: string | undefined;
  const auth = headerString(req.headers.authorization);
  if (auth !== undefined) {
    const i = auth.indexOf('Credential=');
    if (i < 0) return undefined;
    let end = auth.indexOf(',', i);
    if (end < 0) end = auth.length;
    credential = auth.slice(i + 11, end).trim();
  } else {
    credential = rawQueryParam(req.rawQuery, 'X-Amz-Credential');
    if (credential === undefined) return undefined;
  }
  if (credential === undefined) return undefined;
  const scope = parseCredential(credential);
  return typeof scope === 'string' ? undefined : scope;
}

/** X-Amz-Security-Token (temporary credentials' session token): a header, or a presigned URL's query parameter. */
export function peekSecurityToken(req: Pick<SignedRequestParts, 'headers' | 'rawQuery'>): string | undefined {
  return headerString(req.headers['x-amz-security-token']) ?? rawQueryParam(req.rawQuery, 'X-Amz-Security-Token');
}

/** One parameter of a raw query string, percent-decoded, without parsing the rest (routing and the hot path). */
function rawQueryParam(raw: string, name: string): string | undefined {
  if (raw === '') return undefined;
  let i = raw.startsWith(`${name}=`) ? 0 : raw.indexOf(`&${name}=`);
  if (i < 0) return undefined;
  if (i > 0) i += 1;
  let end = raw.indexOf('&', i);
  if (end < 0) end = raw.length;
  return decodeComponent(raw.slice(i + name.length + 1, end));
}

/** The region of the last request that passed the check: nearly every request names the same one. */
let lastValidRegion = '';

function validRegion(region: string): boolean {
  if (!REGION_RE.test(region)) return false;
  lastValidRegion = region;
  return true;
}

// ---------------------------------------------------------------------------
// Parsing helpers

type QueryPair = [name: string, value: string];

function headerString(v: string | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  return v.length === 0 ? undefined : v.join(',');
}

function parseAuthorization(value: string): {
  algorithm: string;
  credential?: string;
  signedHeaders?: string;
  signature?: string;
} {
  const v = value.trim();
  const sp = v.indexOf(' ');
  const algorithm = sp < 0 ? v : v.slice(0, sp);
  const out: { algorithm: string; credential?: string; signedHeaders?: string; signature?: string } = { algorithm };
  if (sp < 0) return out;
  for (const part of v.slice(sp + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const val = part.slice(eq + 1).trim();
    if (val === '') continue;
    if (name === 'Credential') out.credential = val;
    else if (name === 'SignedHeaders') out.signedHeaders = val;
    else if (name === 'Signature') out.signature = val;
  }
  return out;
}

/** Returns the scope, or the IncompleteSignature message describing what is wrong. */
function parseCredential(
  credential: string,
): { accessKeyId: string; date: string; region: string; service: string } | string {
  const parts = credential.split('/');
  if (parts.length !== 5) {
    return `Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '${credential}'`;
  }
  const [accessKeyId, date, region, service, terminator] = parts as [string, string, string, string, string];
  if (terminator !== TERMINATOR) {
    return `Credential should be scoped with a valid terminator: '${TERMINATOR}', not '${terminator}'.`;
  }
  if (accessKeyId === '') return `Credential must name an access key id, got '${credential}'`;
  if (!SCOPE_DATE_RE.test(date)) return `Credential scope date must be YYYYMMDD, got '${date}'.`;
  if (region === '') return 'Credential should be scoped to a valid region.';
  if (service === '') return 'Credential should be scoped to correct service.';
  return { accessKeyId, date, region, service };
}

function parseAmzDate(s: string): { longDate: string; ms: number } | undefined {
  const m = AMZ_DATE_RE.exec(s);
  if (m === null) return undefined;
  const ms = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
  return Number.isNaN(ms) ? undefined : { longDate: s, ms };
}

function formatAmzDate(ms: number): string {
  const iso = new Date(ms).toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  return (
    iso.slice(0, 4) + iso.slice(5, 7) + iso.slice(8, 10) + 'T' + iso.slice(11, 13) + iso.slice(14, 16) + iso.slice(17, 19) + 'Z'
  );
}

function formatSkew(ms: number): string {
  return ms % 60000 === 0 ? `${ms / 60000} min` : `${ms / 1000} sec`;
}

function notYetCurrent(longDate: string, nowMs: number, maxSkewMs: number): AwsError {
  return CommonErrors.invalidSignature(
    `Signature not yet current: ${longDate} is still later than ${formatAmzDate(nowMs + maxSkewMs)} ` +
      `(${formatAmzDate(nowMs)} + ${formatSkew(maxSkewMs)}.)`,
  );
}

function isDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

function parseQuery(raw: string): QueryPair[] | undefined {
  if (raw === '') return undefined;
  const out: QueryPair[] = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) out.push([decodeComponent(part), '']);
    else out.push([decodeComponent(part.slice(0, eq)), decodeComponent(part.slice(eq + 1))]);
  }
  return out.length === 0 ? undefined : out;
}

function isPresigned(q: QueryPair[]): boolean {
  for (const [name] of q) {
    if (name === 'X-Amz-Algorithm' || name === 'X-Amz-Credential' || name === 'X-Amz-Signature') return true;
  }
  return false;
}

function queryParam(q: QueryPair[], name: string): string | undefined {
  for (const [n, v] of q) if (n === name) return v;
  return undefined;
}

function queryParamCi(q: QueryPair[], lowerName: string): string | undefined {
  for (const [n, v] of q) if (n.length === lowerName.length && n.toLowerCase() === lowerName) return v;
  return undefined;
}

/** Percent-decodes; '+' stays '+'. Malformed escapes leave the text as it is. */
function decodeComponent(s: string): string {
  if (s.indexOf('%') < 0) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------
// Canonicalization

function isUnreserved(c: number): boolean {
  return (
    (c >= 65 && c <= 90) || // A-Z
    (c >= 97 && c <= 122) || // a-z
    (c >= 48 && c <= 57) || // 0-9
    c === 45 || // -
    c === 46 || // .
    c === 95 || // _
    c === 126 // ~
  );
}

const HEX = '0123456789ABCDEF';

/** AWS URI encoding: unreserved characters kept, everything else %XX (uppercase) of its UTF-8 bytes. */
function awsUriEncode(s: string, keepSlash: boolean): string {
  const n = s.length;
  let i = 0;
  for (; i < n; i++) {
    const c = s.charCodeAt(i);
    if (!isUnreserved(c) && !(keepSlash && c === 47)) break;
  }
  if (i === n) return s; // common case: nothing to encode, no allocation
  let out = s.slice(0, i);
  const bytes = Buffer.from(i === 0 ? s : s.slice(i), 'utf8');
  for (let j = 0; j < bytes.length; j++) {
    const b = bytes[j]!;
    if (isUnreserved(b) || (keepSlash && b === 47)) out += String.fromCharCode(b);
    else out += '%' + HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}

function needsNormalization(path: string): boolean {
  if (path.charCodeAt(0) !== 47) return true;
  if (path.includes('//')) return true;
  if (path.includes('/./') || path.includes('/../')) return true;
  return path.endsWith('/.') || path.endsWith('/..');
}

/** RFC 3986 dot-segment removal plus collapsing empty segments, as botocore and the JS SDK do. */
function removeDotSegments(path: string): string {
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') out.pop();
    else out.push(seg);
  }
  const first = path.startsWith('/') ? '/' : '';
  const last = path.endsWith('/') && out.length > 0 ? '/' : '';
  return first + out.join('/') + last;
}

function canonicalQueryString(q: QueryPair[], presigned: boolean): string {
  const pairs: QueryPair[] = [];
  for (const [n, v] of q) {
    if (presigned && n.length === 15 && n.toLowerCase() === 'x-amz-signature') continue;
    pairs.push([awsUriEncode(n, false), awsUriEncode(v, false)]);
  }
  if (pairs.length > 1) {
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  }
  let out = '';
  for (let i = 0; i < pairs.length; i++) {
    const p = pairs[i]!;
    out += (i === 0 ? '' : '&') + p[0] + '=' + p[1];
  }
  return out;
}

const NEEDS_TRIM_RE = /^[ \t]|[ \t]$|[ \t]{2}|[\t\r\n]/;
const NON_ASCII_RE = /[^\u0000-\u007f]/;
const WIDE_CHAR_RE = /[^\u0000-\u00ff]/;

function canonicalValue(v: string): string {
  return NEEDS_TRIM_RE.test(v) ? v.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '') : v;
}

/**
 * The canonical header lines ("name:value\n" each, in SignedHeaders order).
 * Node hands header values over as latin1 (one char per wire byte), so a
 * canonical request with characters U+0080..U+00FF is hashed as latin1, which
 * gives back the client's UTF-8 bytes (`latin1`). Pure ASCII hashes the same
 * either way; characters above U+00FF (not from Node's parser) are hashed as UTF-8.
 */
function canonicalHeaderBlock(headers: IncomingHttpHeaders, names: string[]): { block: string; latin1: boolean } {
  let block = '';
  let nonAscii = false;
  let wide = false;
  for (const name of names) {
    const raw = headers[name];
    let value: string;
    if (raw === undefined) value = '';
    else if (typeof raw === 'string') value = canonicalValue(raw);
    else value = raw.map(canonicalValue).join(',');
    if (NON_ASCII_RE.test(value)) {
      nonAscii = true;
      if (WIDE_CHAR_RE.test(value)) wide = true;
    }
    block += name + ':' + value + '\n';
  }
  return { block, latin1: nonAscii && !wide };
}

// ---------------------------------------------------------------------------
// Crypto
//
// crypto.hash (Node >= 20.12) is a one-shot digest without Hash objects; HMAC is
// done by hand (RFC 2104) over precomputed ipad/opad blocks, which is about 3x
// cheaper per call than createHmac. Older Node falls back to createHash/createHmac.

type OneShotHash = (algorithm: string, data: string | Buffer, outputEncoding: 'hex' | 'buffer') => string | Buffer;
const oneShot: OneShotHash | undefined =
  typeof (nodeCrypto as { hash?: unknown }).hash === 'function' ? (nodeCrypto.hash as OneShotHash) : undefined;

function sha256Hex(data: Buffer | string): string {
  return oneShot !== undefined
    ? (oneShot('sha256', data, 'hex') as string)
    : createHash('sha256').update(data).digest('hex');
}

interface SigningKey {
  key: Buffer;
  /** key XOR 0x36 and key XOR 0x5c, each padded to the 64-byte SHA-256 block. */
  ipad: Buffer;
  opad: Buffer;
}

function hmacSha256(k: SigningKey, message: string): Buffer {
  if (oneShot === undefined) return createHmac('sha256', k.key).update(message, 'utf8').digest();
  const len = Buffer.byteLength(message, 'utf8');
  const inner = Buffer.allocUnsafe(64 + len);
  k.ipad.copy(inner, 0);
  inner.write(message, 64, len, 'utf8');
  const innerHash = oneShot('sha256', inner, 'buffer') as Buffer;
  const outer = Buffer.allocUnsafe(96);
  k.opad.copy(outer, 0);
  innerHash.copy(outer, 64);
  return oneShot('sha256', outer, 'buffer') as Buffer;
}

const KEY_CACHE_MAX = 64;
const keyCache = new Map<string, SigningKey>();

/** kSigning = HMAC(HMAC(HMAC(HMAC("AWS4"+secret, date), region), service), "aws4_request"), cached. */
function signingKey(secret: string, date: string, region: string, service: string): SigningKey {
  const cacheKey = `${date}\n${region}\n${service}\n${secret}`;
  const hit = keyCache.get(cacheKey);
  if (hit !== undefined) return hit;
  const kDate = createHmac('sha256', 'AWS4' + secret).update(date).digest();
  const kRegion = createHmac('sha256', kDate).update(region).digest();
  const kService = createHmac('sha256', kRegion).update(service).digest();
  const key = createHmac('sha256', kService).update(TERMINATOR).digest(); // 32 bytes < 64: no pre-hash
  const ipad = Buffer.alloc(64, 0x36);
  const opad = Buffer.alloc(64, 0x5c);
  for (let i = 0; i < key.length; i++) {
    ipad[i] = key[i]! ^ 0x36;
    opad[i] = key[i]! ^ 0x5c;
  }
  if (keyCache.size >= KEY_CACHE_MAX) {
    const oldest = keyCache.keys().next();
    if (oldest.done !== true) keyCache.delete(oldest.value);
  }
  const entry: SigningKey = { key, ipad, opad };
  keyCache.set(cacheKey, entry);
  return entry;
}
