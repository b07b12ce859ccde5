// Managed policies: customer managed policies (CreatePolicy, versions, DeletePolicy) and AWS managed ones known
// by ARN (read-only). AttachmentCount and PermissionsBoundaryUsageCount are counted in this account's state.
import type { RequestContext } from '../types.js';
import type * as T from './api-types.js';
import { awsManagedPolicies, awsManagedPolicy, isAwsManagedArn, type AwsManagedPolicy } from './aws-managed.js';
import { checkDocument, checkNewTags, checkSize, date, mergeTags, nowIso, page, pathMatches, QUOTAS, withoutTags } from './common.js';
import type { IamDeps } from './deps.js';
import { IamErrors } from './errors.js';
import { encodeDocument, entityArn, pathOrDefault, uniqueId } from './names.js';
import type { AccountIam, ManagedPolicyDoc } from './state.js';

function checkManagedDocument(text: string): void {
  checkSize(text, QUOTAS.managedPolicySize, `Cannot exceed quota for PolicySize: ${QUOTAS.managedPolicySize}`);
  checkDocument(text, 'identity');
}

/** One policy as the Policy shape has it, whichever its owner. */
interface PolicyView {
  name: string;
  id: string;
  arn: string;
  path: string;
  defaultVersion: string;
  createDate: string;
  updateDate: string;
  description?: string;
  tags: { Key: string; Value: string }[];
  versions: { id: string; document: string; createDate: string }[];
  aws: boolean;
}

function awsView(p: AwsManagedPolicy): PolicyView {
  const v: PolicyView = {
    name: p.PolicyName,
    id: p.PolicyId,
    arn: p.Arn,
    path: p.Path,
    defaultVersion: p.DefaultVersionId,
    createDate: p.CreateDate,
    updateDate: p.UpdateDate,
    tags: [],
    versions: [{ id: p.DefaultVersionId, document: p.Document, createDate: p.VersionCreateDate }],
    aws: true,
  };
  if (p.Description !== undefined) v.description = p.Description;
  return v;
}

export function localView(p: ManagedPolicyDoc): PolicyView {
  const v: PolicyView = { ...p, aws: false };
  if (p.description === undefined) delete v.description;
  return v;
}

export function policyOutput(a: AccountIam, p: PolicyView, full: boolean): T.Policy {
  const out: T.Policy = {
    PolicyName: p.name,
    PolicyId: p.id,
    Arn: p.arn,
    Path: p.path,
    DefaultVersionId: p.defaultVersion,
    AttachmentCount: a.attachmentCount(p.arn),
    PermissionsBoundaryUsageCount: a.boundaryUsageCount(p.arn),
    IsAttachable: true,
    CreateDate: date(p.createDate),
    UpdateDate: date(p.updateDate),
  };
  if (full && p.description !== undefined) out.Description = p.description;
  if (full && p.tags.length > 0) out.Tags = p.tags;
  return out;
}

export function versionOutput(p: PolicyView, v: { id: string; document: string; createDate: string }, withDocument: boolean): T.PolicyVersion {
  const out: T.PolicyVersion = { VersionId: v.id, IsDefaultVersion: v.id === p.defaultVersion, CreateDate: date(v.createDate) };
  if (withDocument) out.Document = encodeDocument(v.document);
  return out;
}

export class PoliciesApi {
  constructor(private readonly deps: IamDeps) {}

  /** Any policy this account can read: AWS's by ARN, or its own. */
  private view(a: AccountIam, arn: string): PolicyView {
    if (isAwsManagedArn(arn)) {
      const p = awsManagedPolicy(arn);
      if (p) return awsView(p);
    } else {
      const p = a.policies.get(arn);
      if (p) return localView(p);
    }
    throw IamErrors.policyNotFound(arn);
  }

  /** A customer managed policy of this account (AWS's cannot be changed). */
  private own(a: AccountIam, arn: string): ManagedPolicyDoc {
    const p = a.policies.get(arn);
    if (p === undefined) throw IamErrors.policyNotFound(arn);
    return p;
  }

  private put(p: ManagedPolicyDoc): { put: { kind: 'policy'; key: string; doc: ManagedPolicyDoc }[] } {
    return { put: [{ kind: 'policy', key: p.arn, doc: p }] };
  }

  async create(input: T.CreatePolicyRequest, ctx: RequestContext): Promise<T.CreatePolicyResponse> {
    checkManagedDocument(input.PolicyDocument);
    const tags = checkNewTags(input.Tags);
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const lower = input.PolicyName.toLowerCase();
      if ([...a.policies.values()].some((p) => p.name.toLowerCase() === lower)) throw IamErrors.policyExists(input.PolicyName);
      const path = pathOrDefault(input.Path);
      const now = nowIso(this.deps.now());
      const doc: ManagedPolicyDoc = {
        name: input.PolicyName,
        path,
        id: uniqueId('ANPA'),
        arn: entityArn(ctx.accountId, 'policy', path, input.PolicyName),
        createDate: now,
        updateDate: now,
        defaultVersion: 'v1',
        versions: [{ id: 'v1', document: input.PolicyDocument, createDate: now }],
        nextVersion: 2,
        tags,
      };
      if (input.Description !== undefined) doc.description = input.Description;
      return { change: this.put(doc), result: { Policy: policyOutput(a, localView(doc), true) } };
    });
  }

  async get(input: T.GetPolicyRequest, ctx: RequestContext): Promise<T.GetPolicyResponse> {
    const a = this.deps.state.account(ctx.accountId);
    return { Policy: policyOutput(a, this.view(a, input.PolicyArn), true) };
  }

  async delete(input: T.DeletePolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = this.own(a, input.PolicyArn);
      if (a.attachmentCount(p.arn) > 0 || a.boundaryUsageCount(p.arn) > 0) {
        throw IamErrors.deleteConflict('Cannot delete a policy attached to entities.');
      }
      if (p.versions.length > 1) {
        throw IamErrors.deleteConflict(
          "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
        );
      }
      return { change: { delete: [{ kind: 'policy', key: p.arn }] }, result: {} };
    });
  }

  async list(input: T.ListPoliciesRequest, ctx: RequestContext): Promise<T.ListPoliciesResponse> {
    const a = this.deps.state.account(ctx.accountId);
    const scope = input.Scope ?? 'All';
    let views: PolicyView[] = [];
    if (scope !== 'Local') views.push(...awsManagedPolicies().map(awsView));
    if (scope !== 'AWS') views.push(...[...a.policies.values()].map(localView));
    views = views.filter((p) => pathMatches(p.path, input.PathPrefix));
    if (input.OnlyAttached === true) views = views.filter((p) => a.attachmentCount(p.arn) > 0);
    if (input.PolicyUsageFilter === 'PermissionsBoundary') views = views.filter((p) => a.boundaryUsageCount(p.arn) > 0);
    if (input.PolicyUsageFilter === 'PermissionsPolicy') views = views.filter((p) => a.attachmentCount(p.arn) > 0);
    const key = (p: PolicyView): string => `${p.name.toLowerCase()}\u0000${p.arn}`;
    views.sort((x, y) => (key(x) < key(y) ? -1 : 1));
    const pg = page(views, key, input);
    return { Policies: pg.items.map((p) => policyOutput(a, p, false)), ...pg.more };
  }

  async createVersion(input: T.CreatePolicyVersionRequest, ctx: RequestContext): Promise<T.CreatePolicyVersionResponse> {
    checkManagedDocument(input.PolicyDocument);
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = this.own(a, input.PolicyArn);
      if (p.versions.length >= QUOTAS.versionsPerPolicy) {
        throw IamErrors.limitExceeded(
          'A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.',
        );
      }
      const now = nowIso(this.deps.now());
      const version = { id: `v${p.nextVersion}`, document: input.PolicyDocument, createDate: now };
      const next: ManagedPolicyDoc = {
        ...p,
        versions: [...p.versions, version],
        nextVersion: p.nextVersion + 1,
        defaultVersion: input.SetAsDefault === true ? version.id : p.defaultVersion,
        updateDate: input.SetAsDefault === true ? now : p.updateDate,
      };
      return { change: this.put(next), result: { PolicyVersion: versionOutput(localView(next), version, false) } };
    });
  }

  async getVersion(input: T.GetPolicyVersionRequest, ctx: RequestContext): Promise<T.GetPolicyVersionResponse> {
    const p = this.view(this.deps.state.account(ctx.accountId), input.PolicyArn);
    const v = p.versions.find((x) => x.id === input.VersionId);
    if (v === undefined) throw IamErrors.policyVersionNotFound(input.PolicyArn, input.VersionId);
    return { PolicyVersion: versionOutput(p, v, true) };
  }

  async listVersions(input: T.ListPolicyVersionsRequest, ctx: RequestContext): Promise<T.ListPolicyVersionsResponse> {
    const p = this.view(this.deps.state.account(ctx.accountId), input.PolicyArn);
    // Newest first, as AWS lists them; the key sorts the same way (higher numbers first).
    const versions = [...p.versions].sort((x, y) => Number(y.id.slice(1)) - Number(x.id.slice(1)));
    const key = (v: { id: string }): string => String(1e9 - Number(v.id.slice(1))).padStart(10, '0');
    const pg = page(versions, key, input);
    return { Versions: pg.items.map((v) => versionOutput(p, v, false)), ...pg.more };
  }

  async deleteVersion(input: T.DeletePolicyVersionRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = this.own(a, input.PolicyArn);
      if (!p.versions.some((v) => v.id === input.VersionId)) throw IamErrors.policyVersionNotFound(input.PolicyArn, input.VersionId);
      if (p.defaultVersion === input.VersionId) throw IamErrors.deleteConflict('Cannot delete the default version of a policy.');
      return { change: this.put({ ...p, versions: p.versions.filter((v) => v.id !== input.VersionId) }), result: {} };
    });
  }

  async setDefaultVersion(input: T.SetDefaultPolicyVersionRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = this.own(a, input.PolicyArn);
      if (!p.versions.some((v) => v.id === input.VersionId)) throw IamErrors.policyVersionNotFound(input.PolicyArn, input.VersionId);
      return { change: this.put({ ...p, defaultVersion: input.VersionId, updateDate: nowIso(this.deps.now()) }), result: {} };
    });
  }

  async listEntities(input: T.ListEntitiesForPolicyRequest, ctx: RequestContext): Promise<T.ListEntitiesForPolicyResponse> {
    const a = this.deps.state.account(ctx.accountId);
    const p = this.view(a, input.PolicyArn);
    const filter = input.EntityFilter;
    const wants = (t: 'User' | 'Role' | 'Group'): boolean => filter === undefined || filter === t;
    const usage = input.PolicyUsageFilter;
    const attached = a.attachedTo(p.arn);
    const boundaryRoles = [...a.roles.values()].filter((r) => r.boundary === p.arn);
    const boundaryUsers = [...a.users.values()].filter((u) => u.boundary === p.arn);
    const roles = usage === 'PermissionsBoundary' ? boundaryRoles : usage === 'PermissionsPolicy' ? attached.roles : [...new Set([...attached.roles, ...boundaryRoles])];
    const users = usage === 'PermissionsBoundary' ? boundaryUsers : usage === 'PermissionsPolicy' ? attached.users : [...new Set([...attached.users, ...boundaryUsers])];
    const groups = usage === 'PermissionsBoundary' ? [] : attached.groups;
    const prefix = input.PathPrefix;
    return {
      PolicyGroups: wants('Group') ? groups.filter((g) => pathMatches(g.path, prefix)).map((g) => ({ GroupName: g.name, GroupId: g.id })) : [],
      PolicyUsers: wants('User') ? users.filter((u) => pathMatches(u.path, prefix)).map((u) => ({ UserName: u.name, UserId: u.id })) : [],
      PolicyRoles: wants('Role') ? roles.filter((r) => pathMatches(r.path, prefix)).map((r) => ({ RoleName: r.name, RoleId: r.id })) : [],
      IsTruncated: false,
    };
  }

  async tag(input: T.TagPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
    checkNewTags(input.Tags);
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = this.own(a, input.PolicyArn);
      return { change: this.put({ ...p, tags: mergeTags(p.tags, input.Tags) }), result: {} };
    });
  }

  async untag(input: T.UntagPolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = this.own(a, input.PolicyArn);
      return { change: this.put({ ...p, tags: withoutTags(p.tags, input.TagKeys) }), result: {} };
    });
  }

  async listTags(input: T.ListPolicyTagsRequest, ctx: RequestContext): Promise<T.ListPolicyTagsResponse> {
    const p = this.view(this.deps.state.account(ctx.accountId), input.PolicyArn);
    const pg = page(p.tags, (t) => t.Key, input);
    return { Tags: pg.items, ...pg.more };
  }
}
