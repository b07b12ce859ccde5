// Temporary credentials without server-side state: everything a session is (account, principal, expiry, tags,
// session policy, source identity) travels inside its session token, sealed with AES-256-GCM under a key only
// this Lambent holds. So sessions survive restarts, need no table, and any node holding the key can verify them.
//
//   access key id  ASIA + 16 base-32 characters: 40 bits of account id, 40 random bits. The account is in the key
//                  id because SigV4 verification asks for a credential (with its account) by key id alone, before
//                  the token has been looked at.
//   secret         HMAC-SHA256(secret subkey, access key id), 40 characters: derivable from the key id, so
//                  verifying a signature needs no lookup; unguessable without the server key.
//   session token  base64( version | key fingerprint | nonce | AES-GCM(claims) | tag ). Opaque (session policies
//                  and tags are the owner's business) and authenticated: a changed byte fails the tag. The claims
//                  name the access key id, so a token only works with the key id it was issued with.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

/** Who a session acts as. */
export type SessionPrincipal =
  | {
      kind: 'assumed-role';
      /** arn:aws:iam::ACCOUNT:role/PATH/NAME */
      roleArn: string;
      /** AROA… */
      roleId: string;
      roleName: string;
      sessionName: string;
    }
  /** GetSessionToken of an IAM user: the session acts as the user. */
  | { kind: 'user'; userArn: string; userId: string; userName: string }
  /** GetSessionToken of the account root. */
  | { kind: 'root' };

export interface SessionClaims {
  accessKeyId: string;
  accountId: string;
  principal: SessionPrincipal;
  /** ms since the epoch. */
  issuedAt: number;
  /** ms since the epoch. */
  expiresAt: number;
  sessionTags?: Record<string, string>;
  /** The session policy document (inline and managed session policies combined), JSON text. */
  sessionPolicy?: string;
  sourceIdentity?: string;
}

export interface IssuedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** Why a token was refused: the gateway answers 'invalid' with UnrecognizedClient, 'expired' with ExpiredToken. */
export type TokenVerdict = { ok: true; claims: SessionClaims } | { ok: false; reason: 'invalid' | 'expired' };

export type NowFn = () => number;

const VERSION = 1;
const FINGERPRINT_BYTES = 4;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + FINGERPRINT_BYTES + NONCE_BYTES;
/** Tokens longer than this are refused before any work (the largest real one is a few KB: 2 KB policy, 50 tags). */
const MAX_TOKEN_CHARS = 64 * 1024;
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const ASIA_RE = /^ASIA[A-Z2-7]{16}$/;
const BASE64_RE = /^[A-Za-z0-9+/]+={0,2}$/;

/** Expirations are whole seconds, as AWS writes them: a session ends exactly when its Expiration says. */
export function wholeSeconds(ms: number): number {
  return Math.floor(ms / 1000) * 1000;
}

/** True for access key ids STS issues (the shape only: whether it is genuine takes the token). */
export function isTemporaryKeyId(accessKeyId: string): boolean {
  return accessKeyId.length === 20 && accessKeyId.startsWith('ASIA') && ASIA_RE.test(accessKeyId);
}

/** The account a temporary access key id was issued in (the first 40 bits after ASIA), or undefined. */
export function accountOfTemporaryKey(accessKeyId: string): string | undefined {
  if (!isTemporaryKeyId(accessKeyId)) return undefined;
  let account = 0;
  for (let i = 4; i < 12; i++) account = account * 32 + BASE32.indexOf(accessKeyId.charAt(i));
  if (account > 999_999_999_999) return undefined;
  return String(account).padStart(12, '0');
}

function newTemporaryKeyId(accountId: string): string {
  let account = Number(accountId);
  let head = '';
  for (let i = 0; i < 8; i++) {
    head = (BASE32[account % 32] as string) + head;
    account = Math.floor(account / 32);
  }
  const random = randomBytes(8);
  let tail = '';
  // 8 characters of 5 bits: the low 5 bits of each random byte (uniform: 256 is a multiple of 32).
  for (const b of random) tail += BASE32[b & 31] as string;
  return `ASIA${head}${tail}`;
}

/** Mints and verifies session credentials under one server key. */
export class SessionTokens {
  private readonly sealKey: Buffer;
  private readonly secretKey: Buffer;
  private readonly fingerprint: Buffer;
  private readonly now: NowFn;

  /** `serverKey`: 32 random bytes kept in the data dir (the same key after a restart keeps sessions valid). */
  constructor(serverKey: Buffer, now: NowFn = Date.now) {
    if (serverKey.length < 32) throw new Error('the STS server key must be at least 32 bytes');
    // Separate subkeys, so the secrets handed out (HMACs) are never outputs of the key that seals tokens.
    this.sealKey = createHmac('sha256', serverKey).update('lambent sts: token sealing').digest();
    this.secretKey = createHmac('sha256', serverKey).update('lambent sts: secret derivation').digest();
    this.fingerprint = createHash('sha256').update(this.sealKey).digest().subarray(0, FINGERPRINT_BYTES);
    this.now = now;
  }

  /** The clock this instance judges expiry by (ms since the epoch). */
  clock(): number {
    return this.now();
  }

  /** The secret of a temporary access key id (see the file comment). */
  secretFor(accessKeyId: string): string {
    return createHmac('sha256', this.secretKey).update(accessKeyId).digest().subarray(0, 30).toString('base64');
  }

  /** New credentials for `claims` (everything but the key id, which is new, and the issue time, which is now). */
  issue(claims: Omit<SessionClaims, 'accessKeyId' | 'issuedAt'>): IssuedCredentials {
    const accessKeyId = newTemporaryKeyId(claims.accountId);
    const full: SessionClaims = { ...claims, accessKeyId, issuedAt: this.now() };
    return {
      accessKeyId,
      secretAccessKey: this.secretFor(accessKeyId),
      sessionToken: this.seal(full),
      expiresAt: claims.expiresAt,
    };
  }

  /** The claims of `token` when it is genuine, was issued with `accessKeyId` and has not expired. */
  verify(accessKeyId: string, token: string): TokenVerdict {
    const claims = this.open(token);
    if (claims === undefined || claims.accessKeyId !== accessKeyId) return { ok: false, reason: 'invalid' };
    if (this.now() >= claims.expiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, claims };
  }

  private seal(claims: SessionClaims): string {
    const header = Buffer.alloc(HEADER_BYTES);
    header.writeUInt8(VERSION, 0);
    this.fingerprint.copy(header, 1);
    randomBytes(NONCE_BYTES).copy(header, 1 + FINGERPRINT_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.sealKey, header.subarray(1 + FINGERPRINT_BYTES));
    // The header is authenticated too: a token cannot be moved to another version or key by editing it.
    cipher.setAAD(header.subarray(0, 1 + FINGERPRINT_BYTES));
    const body = Buffer.concat([cipher.update(JSON.stringify(claims), 'utf8'), cipher.final()]);
    return Buffer.concat([header, body, cipher.getAuthTag()]).toString('base64');
  }

  /** Undefined for anything but a token this key sealed, intact. */
  private open(token: string): SessionClaims | undefined {
    if (token.length > MAX_TOKEN_CHARS || !BASE64_RE.test(token)) return undefined;
    const raw = Buffer.from(token, 'base64');
    if (raw.length < HEADER_BYTES + TAG_BYTES + 2) return undefined;
    if (raw.readUInt8(0) !== VERSION) return undefined;
    // Sealed under another server key (another Lambent, or a replaced key file): not ours to judge.
    if (!raw.subarray(1, 1 + FINGERPRINT_BYTES).equals(this.fingerprint)) return undefined;
    const nonce = raw.subarray(1 + FINGERPRINT_BYTES, HEADER_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.sealKey, nonce);
    decipher.setAAD(raw.subarray(0, 1 + FINGERPRINT_BYTES));
    decipher.setAuthTag(raw.subarray(raw.length - TAG_BYTES));
    let plain: string;
    try {
      plain = Buffer.concat([decipher.update(raw.subarray(HEADER_BYTES, raw.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
    // Sealed by us, so well-formed; parsed defensively all the same (an older version's claims).
    try {
      const claims = JSON.parse(plain) as SessionClaims;
      if (typeof claims.accessKeyId !== 'string' || typeof claims.expiresAt !== 'number' || typeof claims.accountId !== 'string') {
        return undefined;
      }
      return claims;
    } catch {
      return undefined;
    }
  }
}
