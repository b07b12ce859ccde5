// Users' access keys: AKIA… ids with 40-character secrets. The IamState holds every key in memory, so a key
// signs requests as soon as CreateAccessKey has answered, and stops the moment it is deactivated or deleted.
import type { RequestContext } from '../types.js';
import type * as T from './api-types.js';
import { date, nowIso, page, QUOTAS } from './common.js';
import type { IamDeps } from './deps.js';
import { IamErrors } from './errors.js';
import { newAccessKey } from './names.js';
import { requirePrincipal } from './principals.js';
import type { AccessKeyDoc } from './state.js';
import { callerUserName } from './users.js';

function metadata(k: AccessKeyDoc): T.AccessKeyMetadata {
  return { UserName: k.userName, AccessKeyId: k.accessKeyId, Status: k.status, CreateDate: date(k.createDate) };
}

export class AccessKeysApi {
  constructor(private readonly deps: IamDeps) {}

  async create(input: T.CreateAccessKeyRequest, ctx: RequestContext): Promise<T.CreateAccessKeyResponse> {
    const userName = callerUserName(ctx, input.UserName);
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const u = requirePrincipal(a, 'user', userName);
      if (this.deps.state.keysOf(ctx.accountId, u.name).length >= QUOTAS.accessKeysPerUser) {
        throw IamErrors.limitExceeded(`Cannot exceed quota for AccessKeysPerUser: ${QUOTAS.accessKeysPerUser}`);
      }
      const { accessKeyId, secretAccessKey } = newAccessKey();
      const doc: AccessKeyDoc = { accessKeyId, secretAccessKey, status: 'Active', userName: u.name, createDate: nowIso(this.deps.now()) };
      return {
        change: { put: [{ kind: 'access-key', key: accessKeyId, doc }] },
        result: { AccessKey: { ...metadata(doc), SecretAccessKey: secretAccessKey } as T.AccessKey },
      };
    });
  }

  async list(input: T.ListAccessKeysRequest, ctx: RequestContext): Promise<T.ListAccessKeysResponse> {
    // The root user's keys are Lambent's configured credentials, not IAM's: none to list (and never a secret).
    if (input.UserName === undefined && ctx.caller.kind === 'root') return { AccessKeyMetadata: [], IsTruncated: false };
    const u = requirePrincipal(this.deps.state.account(ctx.accountId), 'user', callerUserName(ctx, input.UserName));
    const p = page(this.deps.state.keysOf(ctx.accountId, u.name), (k) => k.createDate + k.accessKeyId, input);
    return { AccessKeyMetadata: p.items.map(metadata), ...p.more };
  }

  /** The key, which must belong to the named user (or the caller). */
  private keyOf(ctx: RequestContext, userName: string | undefined, accessKeyId: string): AccessKeyDoc {
    const name = callerUserName(ctx, userName);
    requirePrincipal(this.deps.state.account(ctx.accountId), 'user', name);
    const k = this.deps.state.keyDoc(accessKeyId);
    if (k === undefined || k.accountId !== ctx.accountId || k.doc.userName.toLowerCase() !== name.toLowerCase()) {
      throw IamErrors.accessKeyNotFound(accessKeyId);
    }
    return k.doc;
  }

  async update(input: T.UpdateAccessKeyRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, () => {
      const k = this.keyOf(ctx, input.UserName, input.AccessKeyId);
      return { change: { put: [{ kind: 'access-key', key: k.accessKeyId, doc: { ...k, status: input.Status } }] }, result: {} };
    });
  }

  async delete(input: T.DeleteAccessKeyRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, () => {
      const k = this.keyOf(ctx, input.UserName, input.AccessKeyId);
      return { change: { delete: [{ kind: 'access-key', key: k.accessKeyId }] }, result: {} };
    });
  }

  async lastUsed(input: T.GetAccessKeyLastUsedRequest, ctx: RequestContext): Promise<T.GetAccessKeyLastUsedResponse> {
    const k = this.deps.state.keyDoc(input.AccessKeyId);
    if (k === undefined || k.accountId !== ctx.accountId) throw IamErrors.accessKeyNotFound(input.AccessKeyId);
    // Lambent does not record key use yet; AWS answers a never-used key with N/A.
    return { UserName: k.doc.userName, AccessKeyLastUsed: { ServiceName: 'N/A', Region: 'N/A' } as T.AccessKeyLastUsed };
  }
}
