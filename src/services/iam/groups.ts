// Groups and membership: CreateGroup, GetGroup (with its users), DeleteGroup, ListGroups, AddUserToGroup,
// RemoveUserFromGroup, ListGroupsForUser. Membership is stored on the user (a list of group names).
import type { RequestContext } from '../types.js';
import type * as T from './api-types.js';
import { byName, date, nowIso, page, pathMatches, QUOTAS } from './common.js';
import type { IamDeps } from './deps.js';
import { IamErrors } from './errors.js';
import { entityArn, pathOrDefault, uniqueId } from './names.js';
import { putPrincipal, requirePrincipal } from './principals.js';
import type { AccountIam, GroupDoc, IamChange, UserDoc } from './state.js';
import { userOutput } from './users.js';

export function groupOutput(accountId: string, g: GroupDoc): T.Group {
  return { Path: g.path, GroupName: g.name, GroupId: g.id, Arn: entityArn(accountId, 'group', g.path, g.name), CreateDate: date(g.createDate) };
}

function isMember(u: UserDoc, g: GroupDoc): boolean {
  return u.groups.some((n) => n.toLowerCase() === g.name.toLowerCase());
}

export function membersOf(a: AccountIam, g: GroupDoc): UserDoc[] {
  return byName([...a.users.values()].filter((u) => isMember(u, g)));
}

export class GroupsApi {
  constructor(private readonly deps: IamDeps) {}

  async create(input: T.CreateGroupRequest, ctx: RequestContext): Promise<T.CreateGroupResponse> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      if (a.group(input.GroupName)) throw IamErrors.entityExists('group', input.GroupName);
      const doc: GroupDoc = {
        name: input.GroupName,
        path: pathOrDefault(input.Path),
        id: uniqueId('AGPA'),
        createDate: nowIso(this.deps.now()),
        inline: [],
        attached: [],
      };
      return { change: putPrincipal('group', doc), result: { Group: groupOutput(ctx.accountId, doc) } };
    });
  }

  async get(input: T.GetGroupRequest, ctx: RequestContext): Promise<T.GetGroupResponse> {
    const a = this.deps.state.account(ctx.accountId);
    const g = requirePrincipal(a, 'group', input.GroupName);
    const p = page(membersOf(a, g), (u) => u.name.toLowerCase(), input);
    return {
      Group: groupOutput(ctx.accountId, g),
      Users: p.items.map((u) => userOutput(ctx.accountId, u, false)),
      ...p.more,
    };
  }

  async delete(input: T.DeleteGroupRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const g = requirePrincipal(a, 'group', input.GroupName);
      if (membersOf(a, g).length > 0) throw IamErrors.deleteConflict('Cannot delete entity, must remove users from group first.');
      if (g.attached.length > 0) throw IamErrors.deleteConflict('Cannot delete entity, must detach all policies first.');
      if (g.inline.length > 0) throw IamErrors.deleteConflict('Cannot delete entity, must delete policies first.');
      return { change: { delete: [{ kind: 'group', key: g.name.toLowerCase() }] }, result: {} };
    });
  }

  /** Renames or moves a group; its members' memberships follow in the same transaction. */
  async update(input: T.UpdateGroupRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const g = requirePrincipal(a, 'group', input.GroupName);
      const next: GroupDoc = { ...g };
      if (input.NewPath !== undefined) next.path = input.NewPath;
      const change: IamChange = { put: [], delete: [] };
      if (input.NewGroupName !== undefined && input.NewGroupName !== g.name) {
        const other = a.group(input.NewGroupName);
        if (other !== undefined && other !== g) throw IamErrors.entityExists('group', input.NewGroupName);
        next.name = input.NewGroupName;
        change.delete!.push({ kind: 'group', key: g.name.toLowerCase() });
        for (const u of membersOf(a, g)) {
          const groups = u.groups.map((n) => (n.toLowerCase() === g.name.toLowerCase() ? next.name : n));
          change.put!.push({ kind: 'user', key: u.name.toLowerCase(), doc: { ...u, groups } });
        }
      }
      change.put!.push({ kind: 'group', key: next.name.toLowerCase(), doc: next });
      return { change, result: {} };
    });
  }

  async list(input: T.ListGroupsRequest, ctx: RequestContext): Promise<T.ListGroupsResponse> {
    const groups = byName(this.deps.state.account(ctx.accountId).groups.values()).filter((g) => pathMatches(g.path, input.PathPrefix));
    const p = page(groups, (g) => g.name.toLowerCase(), input);
    return { Groups: p.items.map((g) => groupOutput(ctx.accountId, g)), ...p.more };
  }

  async addUser(input: T.AddUserToGroupRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const g = requirePrincipal(a, 'group', input.GroupName);
      const u = requirePrincipal(a, 'user', input.UserName);
      if (isMember(u, g)) return { change: {}, result: {} };
      if (u.groups.length >= QUOTAS.groupsPerUser) {
        throw IamErrors.limitExceeded(`Cannot exceed quota for GroupsPerUser: ${QUOTAS.groupsPerUser}`);
      }
      return { change: putPrincipal('user', { ...u, groups: [...u.groups, g.name] }), result: {} };
    });
  }

  async removeUser(input: T.RemoveUserFromGroupRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const g = requirePrincipal(a, 'group', input.GroupName);
      const u = requirePrincipal(a, 'user', input.UserName);
      if (!isMember(u, g)) throw IamErrors.noSuchEntity('user', input.UserName);
      const groups = u.groups.filter((n) => n.toLowerCase() !== g.name.toLowerCase());
      return { change: putPrincipal('user', { ...u, groups }), result: {} };
    });
  }

  async listForUser(input: T.ListGroupsForUserRequest, ctx: RequestContext): Promise<T.ListGroupsForUserResponse> {
    const a = this.deps.state.account(ctx.accountId);
    const u = requirePrincipal(a, 'user', input.UserName);
    const groups = byName(u.groups.flatMap((n) => a.group(n) ?? []));
    const p = page(groups, (g) => g.name.toLowerCase(), input);
    return { Groups: p.items.map((g) => groupOutput(ctx.accountId, g)), ...p.more };
  }
}
