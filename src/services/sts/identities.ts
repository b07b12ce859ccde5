// The IdentityProvider: which secret verifies a request's signature (lookup) and who signed it (identify), over
// the three kinds of keys: the account root keys from the configuration, IAM users' access keys, and temporary
// credentials (ASIA…) from STS, whose secret is derived from the key id and whose identity is in the token.
import { CommonErrors } from '../../protocol/errors.js';
import type { Credential } from '../../protocol/sigv4.js';
import type { AccessKeyRecord, CallerIdentity, IamDirectory, IdentityProvider } from '../identity.js';
import { accountOfTemporaryKey, isTemporaryKeyId, type SessionClaims, type SessionTokens } from './session-tokens.js';

export function rootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}

/** arn:aws:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION-NAME (the role's path is not part of it). */
export function assumedRoleArn(accountId: string, roleName: string, sessionName: string): string {
  return `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`;
}

function rootIdentity(accountId: string, accessKeyId: string): CallerIdentity {
  return { kind: 'root', accountId, arn: rootArn(accountId), userId: accountId, accessKeyId };
}

function userIdentity(key: Pick<AccessKeyRecord, 'accountId' | 'userArn' | 'userId' | 'userName'>, accessKeyId: string): CallerIdentity {
  return { kind: 'user', accountId: key.accountId, arn: key.userArn, userId: key.userId, accessKeyId, name: key.userName };
}

/** A session of a role as IAM sees the caller (temporary credentials, or Lambda acting as a function's role). */
export function assumedRoleIdentity(
  accountId: string,
  session: { roleArn: string; roleId: string; roleName: string; sessionName: string },
  accessKeyId: string,
): CallerIdentity {
  return {
    kind: 'assumed-role',
    accountId,
    arn: assumedRoleArn(accountId, session.roleName, session.sessionName),
    userId: `${session.roleId}:${session.sessionName}`,
    accessKeyId,
    name: session.roleName,
    roleArn: session.roleArn,
    roleId: session.roleId,
    sessionName: session.sessionName,
  };
}

/** The caller a session token stands for. */
export function sessionIdentity(claims: SessionClaims): CallerIdentity {
  const p = claims.principal;
  let identity: CallerIdentity;
  if (p.kind === 'assumed-role') {
    identity = assumedRoleIdentity(claims.accountId, p, claims.accessKeyId);
  } else if (p.kind === 'user') {
    identity = userIdentity({ accountId: claims.accountId, userArn: p.userArn, userId: p.userId, userName: p.userName }, claims.accessKeyId);
  } else {
    identity = rootIdentity(claims.accountId, claims.accessKeyId);
  }
  if (claims.sessionTags !== undefined) identity.sessionTags = claims.sessionTags;
  if (claims.sessionPolicy !== undefined) identity.sessionPolicy = claims.sessionPolicy;
  identity.expiresAt = claims.expiresAt;
  return identity;
}

/** Temporary keys remembered (credential and verified identity): the functions' own calls reuse one key for hours. */
const SESSION_CACHE_ENTRIES = 4096;

interface CachedSession {
  credential: Credential;
  /** The token that was verified for this key, and who it makes the caller (frozen: shared by requests). */
  token?: string;
  identity?: CallerIdentity;
}

export interface IdentitiesOptions {
  /** The account root keys (configuration: LAMBENT_CREDENTIALS, the dev keys). */
  rootKeys: readonly Credential[];
  /** IAM users' access keys; absent until IAM is wired (then only root and temporary keys exist). */
  iam?: Pick<IamDirectory, 'accessKey'>;
  tokens: SessionTokens;
}

export class Identities implements IdentityProvider {
  private readonly roots: Map<string, { credential: Credential; identity: CallerIdentity }>;
  private readonly iam: Pick<IamDirectory, 'accessKey'> | undefined;
  private readonly tokens: SessionTokens;
  /** Insertion order is age: the oldest entry goes first when full (a refresh re-inserts). */
  private readonly sessions = new Map<string, CachedSession>();

  constructor(opts: IdentitiesOptions) {
    // Root identities are built once: lookup and identify allocate nothing for them (every request of the
    // default setup is a root request).
    this.roots = new Map(
      opts.rootKeys.map((c) => [c.accessKeyId, { credential: c, identity: Object.freeze(rootIdentity(c.accountId, c.accessKeyId)) }]),
    );
    this.iam = opts.iam;
    this.tokens = opts.tokens;
  }

  lookup(accessKeyId: string): Credential | undefined {
    const root = this.roots.get(accessKeyId);
    if (root !== undefined) return root.credential;
    if (isTemporaryKeyId(accessKeyId)) return this.session(accessKeyId)?.credential;
    const key = this.iam?.accessKey(accessKeyId);
    // An access key record carries accessKeyId, secretAccessKey and accountId: it is the credential.
    return key !== undefined && key.status === 'Active' ? key : undefined;
  }

  identify(credential: Credential, securityToken: string | undefined): CallerIdentity {
    const id = credential.accessKeyId;
    // A token sent with long-term keys is ignored, as AWS does.
    const root = this.roots.get(id);
    if (root !== undefined) return root.identity;
    if (isTemporaryKeyId(id)) {
      if (securityToken === undefined || securityToken === '') throw CommonErrors.unrecognizedClient();
      const cached = this.session(id);
      if (cached?.token === securityToken && cached.identity !== undefined) {
        // Verified before: only the clock can have changed its answer.
        if (this.tokens.clock() >= (cached.identity.expiresAt ?? 0)) throw CommonErrors.expiredToken();
        return cached.identity;
      }
      const verdict = this.tokens.verify(id, securityToken);
      if (!verdict.ok) throw verdict.reason === 'expired' ? CommonErrors.expiredToken() : CommonErrors.unrecognizedClient();
      const identity = Object.freeze(sessionIdentity(verdict.claims));
      if (cached !== undefined) {
        cached.token = securityToken;
        cached.identity = identity;
      }
      return identity;
    }
    // Looked up again rather than trusted from `credential`: the key may have been deactivated since.
    const key = this.iam?.accessKey(id);
    if (key === undefined || key.status !== 'Active') throw CommonErrors.unrecognizedClient();
    return userIdentity(key, id);
  }

  /** The cached entry of a temporary key (its derived secret computed once), or undefined for a malformed id. */
  private session(accessKeyId: string): CachedSession | undefined {
    const hit = this.sessions.get(accessKeyId);
    if (hit !== undefined) return hit;
    const accountId = accountOfTemporaryKey(accessKeyId);
    if (accountId === undefined) return undefined;
    const entry: CachedSession = { credential: { accessKeyId, secretAccessKey: this.tokens.secretFor(accessKeyId), accountId } };
    if (this.sessions.size >= SESSION_CACHE_ENTRIES) {
      const oldest = this.sessions.keys().next();
      if (oldest.done !== true) this.sessions.delete(oldest.value);
    }
    this.sessions.set(accessKeyId, entry);
    return entry;
  }
}
