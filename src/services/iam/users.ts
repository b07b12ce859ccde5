// Users: CreateUser … DeleteUser, ListUsers, tags, the permissions boundary. GetUser without a name answers for
// the caller, as AWS does (the account's root user for root credentials).
import type { RequestContext } from '../types.js';
import type * as T from './api-types.js';
import { boundaryOutput, byName, checkNewTags, date, mergeTags, nowIso, page, pathMatches, withoutTags } from './common.js';
import type { IamDeps } from './deps.js';
import { IamErrors } from './errors.js';
import { entityArn, pathOrDefault, uniqueId } from './names.js';
import { putPrincipal, requireBoundary, requirePrincipal } from './principals.js';
import type { AccountIam, IamChange, UserDoc } from './state.js';

export function userOutput(accountId: string, u: UserDoc, full: boolean): T.User {
  const out: T.User = {
    Path: u.path,
    UserName: u.name,
    UserId: u.id,
    Arn: entityArn(accountId, 'user', u.path, u.name),
    CreateDate: date(u.createDate),
  };
  if (full) {
    if (u.boundary !== undefined) out.PermissionsBoundary = boundaryOutput(u.boundary);
    if (u.tags.length > 0) out.Tags = u.tags;
  }
  return out;
}

/** The user an operation without UserName acts on: the calling user; other callers must name one. */
export function callerUserName(ctx: RequestContext, given: string | undefined): string {
  if (given !== undefined) return given;
  if (ctx.caller.kind === 'user' && ctx.caller.name !== undefined) return ctx.caller.name;
  throw IamErrors.validation('Must specify userName when calling with non-User credentials');
}

export class UsersApi {
  constructor(private readonly deps: IamDeps) {}

  async create(input: T.CreateUserRequest, ctx: RequestContext): Promise<T.CreateUserResponse> {
    const tags = checkNewTags(input.Tags);
    return this.deps.state.mutate(ctx.accountId, (a) => {
      if (a.user(input.UserName)) throw IamErrors.entityExists('user', input.UserName);
      const doc: UserDoc = {
        name: input.UserName,
        path: pathOrDefault(input.Path),
        id: uniqueId('AIDA'),
        createDate: nowIso(this.deps.now()),
        tags,
        inline: [],
        attached: [],
        groups: [],
      };
      if (input.PermissionsBoundary !== undefined) doc.boundary = requireBoundary(a, input.PermissionsBoundary);
      return { change: putPrincipal('user', doc), result: { User: userOutput(ctx.accountId, doc, true) } };
    });
  }

  async get(input: T.GetUserRequest, ctx: RequestContext): Promise<T.GetUserResponse> {
    if (input.UserName === undefined && ctx.caller.kind === 'root') {
      // AWS answers the root user with only these members (no name or path).
      return { User: { UserId: ctx.accountId, Arn: `arn:aws:iam::${ctx.accountId}:root`, CreateDate: new Date(0) } as T.User };
    }
    const u = requirePrincipal(this.deps.state.account(ctx.accountId), 'user', callerUserName(ctx, input.UserName));
    return { User: userOutput(ctx.accountId, u, true) };
  }

  async list(input: T.ListUsersRequest, ctx: RequestContext): Promise<T.ListUsersResponse> {
    const users = byName(this.deps.state.account(ctx.accountId).users.values()).filter((u) => pathMatches(u.path, input.PathPrefix));
    const p = page(users, (u) => u.name.toLowerCase(), input);
    return { Users: p.items.map((u) => userOutput(ctx.accountId, u, false)), ...p.more };
  }

  async update(input: T.UpdateUserRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const u = requirePrincipal(a, 'user', input.UserName);
      const next: UserDoc = { ...u };
      if (input.NewPath !== undefined) next.path = input.NewPath;
      const change: IamChange = { put: [], delete: [] };
      if (input.NewUserName !== undefined && input.NewUserName !== u.name) {
        const other = a.user(input.NewUserName);
        if (other !== undefined && other !== u) throw IamErrors.entityExists('user', input.NewUserName);
        next.name = input.NewUserName;
        change.delete!.push({ kind: 'user', key: u.name.toLowerCase() });
        // Access keys name their user: they follow the rename in the same transaction.
        for (const k of this.deps.state.keysOf(ctx.accountId, u.name)) {
          change.put!.push({ kind: 'access-key', key: k.accessKeyId, doc: { ...k, userName: next.name } });
        }
      }
      change.put!.push({ kind: 'user', key: next.name.toLowerCase(), doc: next });
      return { change, result: {} };
    });
  }

  async delete(input: T.DeleteUserRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const u = requirePrincipal(a, 'user', input.UserName);
      if (this.deps.state.keysOf(ctx.accountId, u.name).length > 0) {
        throw IamErrors.deleteConflict('Cannot delete entity, must delete access keys first.');
      }
      if (u.attached.length > 0) throw IamErrors.deleteConflict('Cannot delete entity, must detach all policies first.');
      if (u.inline.length > 0) throw IamErrors.deleteConflict('Cannot delete entity, must delete policies first.');
      if (u.groups.length > 0) throw IamErrors.deleteConflict('Cannot delete entity, must remove users from group first.');
      return { change: { delete: [{ kind: 'user', key: u.name.toLowerCase() }] }, result: {} };
    });
  }

  private change(ctx: RequestContext, name: string, fn: (u: UserDoc, a: AccountIam) => UserDoc): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => ({
      change: putPrincipal('user', fn(requirePrincipal(a, 'user', name), a)),
      result: {},
    }));
  }

  async tag(input: T.TagUserRequest, ctx: RequestContext): Promise<Record<string, never>> {
    checkNewTags(input.Tags);
    return this.change(ctx, input.UserName, (u) => ({ ...u, tags: mergeTags(u.tags, input.Tags) }));
  }

  async untag(input: T.UntagUserRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.change(ctx, input.UserName, (u) => ({ ...u, tags: withoutTags(u.tags, input.TagKeys) }));
  }

  async listTags(input: T.ListUserTagsRequest, ctx: RequestContext): Promise<T.ListUserTagsResponse> {
    const u = requirePrincipal(this.deps.state.account(ctx.accountId), 'user', input.UserName);
    const p = page(u.tags, (t) => t.Key, input);
    return { Tags: p.items, ...p.more };
  }

  async putBoundary(input: T.PutUserPermissionsBoundaryRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.change(ctx, input.UserName, (u, a) => ({ ...u, boundary: requireBoundary(a, input.PermissionsBoundary) }));
  }

  async deleteBoundary(input: T.DeleteUserPermissionsBoundaryRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.change(ctx, input.UserName, (u) => {
      const { boundary: _dropped, ...rest } = u;
      return rest;
    });
  }
}
