// GetAccountAuthorizationDetails: every user, group, role and managed policy of the account with their policies,
// filtered by entity type. AWS managed policies appear when something in the account uses them.
import type { RequestContext } from '../types.js';
import type * as T from './api-types.js';
import { awsManagedPolicy } from './aws-managed.js';
import { policyNameAndPath } from './attachments.js';
import { localView, policyOutput, versionOutput } from './policies.js';
import { boundaryOutput, byName, date, page } from './common.js';
import type { IamDeps } from './deps.js';
import { encodeDocument, entityArn } from './names.js';
import type { AccountIam, InlinePolicyDoc } from './state.js';

function inlineList(inline: readonly InlinePolicyDoc[]): T.PolicyDetail[] {
  return inline.map((i) => ({ PolicyName: i.name, PolicyDocument: encodeDocument(i.document) }));
}

function attachedList(a: AccountIam, arns: readonly string[]): T.AttachedPolicy[] {
  return arns.map((arn) => ({ PolicyName: policyNameAndPath(a, arn).name, PolicyArn: arn }));
}

type Item =
  | { key: string; user: T.UserDetail }
  | { key: string; group: T.GroupDetail }
  | { key: string; role: T.RoleDetail }
  | { key: string; policy: T.ManagedPolicyDetail };

export class AccountDetailsApi {
  constructor(private readonly deps: IamDeps) {}

  async get(input: T.GetAccountAuthorizationDetailsRequest, ctx: RequestContext): Promise<T.GetAccountAuthorizationDetailsResponse> {
    const a = this.deps.state.account(ctx.accountId);
    const filter = input.Filter !== undefined && input.Filter.length > 0 ? new Set(input.Filter) : undefined;
    const wants = (t: T.EntityType): boolean => filter === undefined || filter.has(t);
    const items: Item[] = [];
    if (wants('User')) {
      for (const u of byName(a.users.values())) {
        const user: T.UserDetail = {
          Path: u.path,
          UserName: u.name,
          UserId: u.id,
          Arn: entityArn(ctx.accountId, 'user', u.path, u.name),
          CreateDate: date(u.createDate),
          UserPolicyList: inlineList(u.inline),
          GroupList: u.groups.flatMap((g) => a.group(g)?.name ?? []),
          AttachedManagedPolicies: attachedList(a, u.attached),
          Tags: u.tags,
        };
        if (u.boundary !== undefined) user.PermissionsBoundary = boundaryOutput(u.boundary);
        items.push({ key: `1${u.name.toLowerCase()}`, user });
      }
    }
    if (wants('Group')) {
      for (const g of byName(a.groups.values())) {
        items.push({
          key: `2${g.name.toLowerCase()}`,
          group: {
            Path: g.path,
            GroupName: g.name,
            GroupId: g.id,
            Arn: entityArn(ctx.accountId, 'group', g.path, g.name),
            CreateDate: date(g.createDate),
            GroupPolicyList: inlineList(g.inline),
            AttachedManagedPolicies: attachedList(a, g.attached),
          },
        });
      }
    }
    if (wants('Role')) {
      for (const r of byName(a.roles.values())) {
        const role: T.RoleDetail = {
          Path: r.path,
          RoleName: r.name,
          RoleId: r.id,
          Arn: entityArn(ctx.accountId, 'role', r.path, r.name),
          CreateDate: date(r.createDate),
          AssumeRolePolicyDocument: encodeDocument(r.trust),
          InstanceProfileList: [],
          RolePolicyList: inlineList(r.inline),
          AttachedManagedPolicies: attachedList(a, r.attached),
          Tags: r.tags,
          RoleLastUsed: {},
        };
        if (r.boundary !== undefined) role.PermissionsBoundary = boundaryOutput(r.boundary);
        items.push({ key: `3${r.name.toLowerCase()}`, role });
      }
    }
    const policies: T.ManagedPolicyDetail[] = [];
    if (wants('LocalManagedPolicy')) {
      for (const p of byName(a.policies.values())) {
        // GetPolicy's fields (with Description, without Tags, which this shape lacks) and every version's document.
        const view = localView(p);
        const { Tags: _tags, ...policy } = policyOutput(a, view, true);
        const detail: T.ManagedPolicyDetail = { ...policy, PolicyVersionList: p.versions.map((v) => versionOutput(view, v, true)) };
        policies.push(detail);
      }
    }
    if (wants('AWSManagedPolicy')) {
      const used = new Set<string>();
      for (const x of [...a.roles.values(), ...a.users.values(), ...a.groups.values()]) for (const arn of x.attached) used.add(arn);
      for (const arn of [...used].sort()) {
        const p = awsManagedPolicy(arn);
        if (p === undefined) continue;
        policies.push({
          PolicyName: p.PolicyName,
          PolicyId: p.PolicyId,
          Arn: p.Arn,
          Path: policyNameAndPath(a, arn).path,
          DefaultVersionId: p.DefaultVersionId,
          AttachmentCount: a.attachmentCount(arn),
          PermissionsBoundaryUsageCount: a.boundaryUsageCount(arn),
          IsAttachable: true,
          CreateDate: date(p.CreateDate),
          UpdateDate: date(p.UpdateDate),
          PolicyVersionList: [
            { Document: encodeDocument(p.Document), VersionId: p.DefaultVersionId, IsDefaultVersion: true, CreateDate: date(p.VersionCreateDate) },
          ],
        });
      }
    }
    for (const policy of policies) items.push({ key: `4${policy.Arn ?? ''}`, policy });

    const pg = page(items, (i) => i.key, input);
    const out: T.GetAccountAuthorizationDetailsResponse = {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
      ...pg.more,
    };
    for (const i of pg.items) {
      if ('user' in i) out.UserDetailList!.push(i.user);
      else if ('group' in i) out.GroupDetailList!.push(i.group);
      else if ('role' in i) out.RoleDetailList!.push(i.role);
      else out.Policies!.push(i.policy);
    }
    return out;
  }
}
