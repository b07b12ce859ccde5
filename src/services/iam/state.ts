// IAM's state: every account's roles, users, groups, customer managed policies and access keys, held in memory
// (read on every authorized request; the signature check needs access keys synchronously) and written through
// to the store. Writes are serialized: a handler computes its change against the committed state, the store
// commits it, then memory takes it; readers never see a change the store does not hold.
import type { IamEntityKey, IamEntityKind, IamEntityRow, IamStore } from '../../store/iam-types.js';
import type {
  AccessKeyRecord,
  AppliedPolicy,
  CallerIdentity,
  IamDirectory,
  RoleRecord,
} from '../identity.js';
import { awsManagedPolicy, isAwsManagedArn } from './aws-managed.js';
import { entityArn } from './names.js';

export interface TagDoc {
  Key: string;
  Value: string;
}

export interface InlinePolicyDoc {
  name: string;
  /** JSON text as the caller sent it (IAM returns it unchanged, URL-encoded). */
  document: string;
}

interface PrincipalBase {
  name: string;
  path: string;
  id: string;
  /** ISO 8601. */
  createDate: string;
  inline: InlinePolicyDoc[];
  /** ARNs of attached managed policies, in attachment order. */
  attached: string[];
}

export interface RoleDoc extends PrincipalBase {
  trust: string;
  description?: string;
  maxSessionDuration: number;
  tags: TagDoc[];
  boundary?: string;
}

export interface UserDoc extends PrincipalBase {
  tags: TagDoc[];
  boundary?: string;
  /** Names of the groups the user is in, in joining order. */
  groups: string[];
}

export type GroupDoc = PrincipalBase;

export interface PolicyVersionDoc {
  id: string;
  document: string;
  createDate: string;
}

export interface ManagedPolicyDoc {
  name: string;
  path: string;
  id: string;
  arn: string;
  createDate: string;
  updateDate: string;
  description?: string;
  defaultVersion: string;
  versions: PolicyVersionDoc[];
  /** Version numbers are never reused (v1, v2…, as AWS). */
  nextVersion: number;
  tags: TagDoc[];
}

export interface AccessKeyDoc {
  accessKeyId: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  userName: string;
  createDate: string;
}

export class AccountIam {
  readonly roles = new Map<string, RoleDoc>();
  readonly users = new Map<string, UserDoc>();
  readonly groups = new Map<string, GroupDoc>();
  /** Customer managed policies by ARN. */
  readonly policies = new Map<string, ManagedPolicyDoc>();

  constructor(readonly accountId: string) {}

  role(name: string): RoleDoc | undefined {
    return this.roles.get(name.toLowerCase());
  }
  user(name: string): UserDoc | undefined {
    return this.users.get(name.toLowerCase());
  }
  group(name: string): GroupDoc | undefined {
    return this.groups.get(name.toLowerCase());
  }

  /** Roles, users and groups with `arn` attached (AttachmentCount, ListEntitiesForPolicy). */
  attachedTo(arn: string): { roles: RoleDoc[]; users: UserDoc[]; groups: GroupDoc[] } {
    return {
      roles: [...this.roles.values()].filter((r) => r.attached.includes(arn)),
      users: [...this.users.values()].filter((u) => u.attached.includes(arn)),
      groups: [...this.groups.values()].filter((g) => g.attached.includes(arn)),
    };
  }

  attachmentCount(arn: string): number {
    const a = this.attachedTo(arn);
    return a.roles.length + a.users.length + a.groups.length;
  }

  boundaryUsageCount(arn: string): number {
    let n = 0;
    for (const r of this.roles.values()) if (r.boundary === arn) n++;
    for (const u of this.users.values()) if (u.boundary === arn) n++;
    return n;
  }

  /** The default version's document of a managed policy this account can use, AWS's or its own. */
  managedDocument(arn: string): { name: string; document: string } | undefined {
    if (isAwsManagedArn(arn)) {
      const p = awsManagedPolicy(arn);
      return p && { name: p.PolicyName, document: p.Document };
    }
    const p = this.policies.get(arn);
    const v = p?.versions.find((x) => x.id === p.defaultVersion);
    return p && v && { name: p.name, document: v.document };
  }
}

/** One write: documents to put and keys to delete, in one store transaction. */
export interface IamChange {
  put?: { kind: IamEntityKind; key: string; doc: unknown }[];
  delete?: { kind: IamEntityKind; key: string }[];
}

export function roleRecord(accountId: string, r: RoleDoc): RoleRecord {
  return {
    accountId,
    roleName: r.name,
    path: r.path,
    arn: entityArn(accountId, 'role', r.path, r.name),
    roleId: r.id,
    assumeRolePolicyDocument: r.trust,
    maxSessionDurationSeconds: r.maxSessionDuration,
    tags: Object.fromEntries(r.tags.map((t) => [t.Key, t.Value])),
  };
}

/** Every account's IAM state, and the IamDirectory other parts of Lambent read it through. */
export class IamState implements IamDirectory {
  private readonly accounts = new Map<string, AccountIam>();
  private readonly keys = new Map<string, { accountId: string; doc: AccessKeyDoc }>();
  private gen = 0;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly store: IamStore) {}

  /** Reads every stored row; call once before serving. */
  async load(): Promise<void> {
    for (const row of await this.store.all()) this.apply(row.accountId, row.kind, row.key, row.doc);
    this.gen++;
  }

  account(accountId: string): AccountIam {
    let a = this.accounts.get(accountId);
    if (a === undefined) {
      a = new AccountIam(accountId);
      this.accounts.set(accountId, a);
    }
    return a;
  }

  /** Access keys of a user, oldest first. */
  keysOf(accountId: string, userName: string): AccessKeyDoc[] {
    const lower = userName.toLowerCase();
    return [...this.keys.values()]
      .filter((k) => k.accountId === accountId && k.doc.userName.toLowerCase() === lower)
      .map((k) => k.doc)
      .sort((a, b) => (a.createDate + a.accessKeyId < b.createDate + b.accessKeyId ? -1 : 1));
  }

  keyDoc(accessKeyId: string): { accountId: string; doc: AccessKeyDoc } | undefined {
    return this.keys.get(accessKeyId);
  }

  /**
   * Runs `decide` against the committed state once every earlier write has finished, commits the change it
   * returns, then applies it in memory. `decide` is synchronous and throws AwsErrors to refuse.
   */
  async mutate<T>(accountId: string, decide: (a: AccountIam) => { change: IamChange; result: T }): Promise<T> {
    const run = async (): Promise<T> => {
      const { change, result } = decide(this.account(accountId));
      const put: IamEntityRow[] = (change.put ?? []).map((p) => ({ accountId, ...p }));
      const del: IamEntityKey[] = (change.delete ?? []).map((d) => ({ accountId, ...d }));
      if (put.length > 0 || del.length > 0) {
        await this.store.write({ put, delete: del });
        for (const d of del) this.remove(accountId, d.kind, d.key);
        for (const p of put) this.apply(accountId, p.kind, p.key, p.doc);
        this.gen++;
      }
      return result;
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private apply(accountId: string, kind: IamEntityKind, key: string, doc: unknown): void {
    const a = this.account(accountId);
    switch (kind) {
      case 'role':
        a.roles.set(key, doc as RoleDoc);
        break;
      case 'user':
        a.users.set(key, doc as UserDoc);
        break;
      case 'group':
        a.groups.set(key, doc as GroupDoc);
        break;
      case 'policy':
        a.policies.set(key, doc as ManagedPolicyDoc);
        break;
      case 'access-key':
        this.keys.set(key, { accountId, doc: doc as AccessKeyDoc });
        break;
    }
  }

  private remove(accountId: string, kind: IamEntityKind, key: string): void {
    const a = this.account(accountId);
    switch (kind) {
      case 'role':
        a.roles.delete(key);
        break;
      case 'user':
        a.users.delete(key);
        break;
      case 'group':
        a.groups.delete(key);
        break;
      case 'policy':
        a.policies.delete(key);
        break;
      case 'access-key':
        this.keys.delete(key);
        break;
    }
  }

  // ---- IamDirectory ----

  async getRole(accountId: string, roleName: string): Promise<RoleRecord | undefined> {
    const r = this.accounts.get(accountId)?.role(roleName);
    return r && roleRecord(accountId, r);
  }

  accessKey(accessKeyId: string): AccessKeyRecord | undefined {
    const k = this.keys.get(accessKeyId);
    if (k === undefined) return undefined;
    const user = this.accounts.get(k.accountId)?.user(k.doc.userName);
    if (user === undefined) return undefined;
    return {
      accessKeyId,
      secretAccessKey: k.doc.secretAccessKey,
      status: k.doc.status,
      accountId: k.accountId,
      userName: user.name,
      userId: user.id,
      userArn: entityArn(k.accountId, 'user', user.path, user.name),
    };
  }

  async identityPolicies(caller: CallerIdentity): Promise<{ policies: AppliedPolicy[]; permissionsBoundary?: AppliedPolicy }> {
    const a = this.accounts.get(caller.accountId);
    if (a === undefined || caller.kind === 'root' || caller.name === undefined) return { policies: [] };
    const principal = caller.kind === 'user' ? a.user(caller.name) : a.role(caller.name);
    if (principal === undefined) return { policies: [] };
    // A role or user deleted and created again under the same name is another principal (AWS keys sessions and
    // policies to the unique id): credentials issued to the old one get none of the new one's permissions.
    const callerId = caller.kind === 'user' ? caller.userId : caller.roleId;
    if (callerId !== undefined && callerId !== principal.id) return { policies: [] };
    const policies = this.effectivePolicies(a, caller.kind === 'user' ? 'user' : 'role', principal);
    const boundaryArn = (principal as RoleDoc | UserDoc).boundary;
    const boundary = boundaryArn === undefined ? undefined : a.managedDocument(boundaryArn);
    return boundary === undefined
      ? { policies }
      : { policies, permissionsBoundary: { source: boundaryArn!, document: boundary.document } };
  }

  /** The identity policies IAM applies to a principal: its own, and a user's groups' too. */
  effectivePolicies(a: AccountIam, type: 'user' | 'role' | 'group', p: PrincipalBase): AppliedPolicy[] {
    const out = this.principalPolicies(a, type, p);
    if (type === 'user') {
      for (const name of (p as UserDoc).groups) {
        const group = a.group(name);
        if (group) out.push(...this.principalPolicies(a, 'group', group));
      }
    }
    return out;
  }

  /** A principal's own inline and attached policies (not its groups'). */
  principalPolicies(a: AccountIam, type: 'user' | 'role' | 'group', p: PrincipalBase): AppliedPolicy[] {
    const out: AppliedPolicy[] = p.inline.map((i) => ({ source: `${type}/${p.name}/inline/${i.name}`, document: i.document }));
    for (const arn of p.attached) {
      const m = a.managedDocument(arn);
      if (m) out.push({ source: arn, document: m.document });
    }
    return out;
  }

  generation(): number {
    return this.gen;
  }

  // ---- what the access map (access.ts) looks up, synchronously ----

  /** The path of an existing role, user or group (ARNs in authorization carry it), or undefined. */
  pathOf(kind: string, accountId: string, name: string): string | undefined {
    const a = this.accounts.get(accountId);
    if (a === undefined) return undefined;
    const p = kind === 'role' ? a.role(name) : kind === 'user' ? a.user(name) : kind === 'group' ? a.group(name) : undefined;
    return p?.path;
  }

  accessKeyOwner(accessKeyId: string): { accountId: string; userName: string } | undefined {
    const k = this.keys.get(accessKeyId);
    return k && { accountId: k.accountId, userName: k.doc.userName };
  }
}
