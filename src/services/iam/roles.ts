// Roles: CreateRole … DeleteRole, ListRoles, the trust policy, tags and the permissions boundary.
import type { RequestContext } from '../types.js';
import type * as T from './api-types.js';
import { boundaryOutput, checkDocument, checkNewTags, rawStatements, checkSize, date, mergeTags, withoutTags, nowIso, page, pathMatches, byName, QUOTAS } from './common.js';
import type { IamDeps } from './deps.js';
import { IamErrors } from './errors.js';
import { encodeDocument, entityArn, pathOrDefault, uniqueId } from './names.js';
import { putPrincipal, requireBoundary, requirePrincipal } from './principals.js';
import type { AccountIam, RoleDoc } from './state.js';

const DEFAULT_MAX_SESSION = 3600;

/** The Role shape. ListRoles leaves out tags, the boundary and last use, as AWS does. */
export function roleOutput(accountId: string, r: RoleDoc, full: boolean): T.Role {
  const out: T.Role = {
    Path: r.path,
    RoleName: r.name,
    RoleId: r.id,
    Arn: entityArn(accountId, 'role', r.path, r.name),
    CreateDate: date(r.createDate),
    AssumeRolePolicyDocument: encodeDocument(r.trust),
    MaxSessionDuration: r.maxSessionDuration,
  };
  if (r.description !== undefined) out.Description = r.description;
  if (full) {
    if (r.boundary !== undefined) out.PermissionsBoundary = boundaryOutput(r.boundary);
    if (r.tags.length > 0) out.Tags = r.tags;
    out.RoleLastUsed = {};
  }
  return out;
}

function checkTrust(text: string): void {
  checkSize(text, QUOTAS.trustPolicySize, `Cannot exceed quota for ACLSizePerRole: ${QUOTAS.trustPolicySize}`);
  checkDocument(text, 'trust');
}

/** The "AWS" principal values of a (parsed, so well-formed) trust policy. */
function awsPrincipals(text: string): string[] {
  const out: string[] = [];
  for (const st of rawStatements(text)) {
    const aws = (st as { Principal?: { AWS?: unknown } } | undefined)?.Principal?.AWS;
    for (const v of Array.isArray(aws) ? aws : [aws]) if (typeof v === 'string') out.push(v);
  }
  return out;
}

/**
 * IAM refuses a trust policy naming a user or role that does not exist, as it resolves each to its unique id.
 * Lambent checks the principals of the role's own account (it cannot know which ids other accounts have on AWS).
 */
function checkTrustPrincipals(a: AccountIam, text: string): void {
  for (const p of awsPrincipals(text)) {
    const m = /^arn:aws:iam::(\d{12}):(user|role)\/(?:.*\/)?([^/]+)$/.exec(p);
    if (m === null || m[1] !== a.accountId || p.includes('*')) continue;
    const exists = m[2] === 'role' ? a.role(m[3]!) : a.user(m[3]!);
    if (exists === undefined) throw IamErrors.malformedPolicy(`Invalid principal in policy: "AWS":"${p}"`);
  }
}

export class RolesApi {
  constructor(private readonly deps: IamDeps) {}

  async create(input: T.CreateRoleRequest, ctx: RequestContext): Promise<T.CreateRoleResponse> {
    checkTrust(input.AssumeRolePolicyDocument);
    const tags = checkNewTags(input.Tags);
    return this.deps.state.mutate(ctx.accountId, (a) => {
      if (a.role(input.RoleName)) throw IamErrors.entityExists('role', input.RoleName);
      checkTrustPrincipals(a, input.AssumeRolePolicyDocument);
      const doc: RoleDoc = {
        name: input.RoleName,
        path: pathOrDefault(input.Path),
        id: uniqueId('AROA'),
        createDate: nowIso(this.deps.now()),
        trust: input.AssumeRolePolicyDocument,
        maxSessionDuration: input.MaxSessionDuration ?? DEFAULT_MAX_SESSION,
        tags,
        inline: [],
        attached: [],
      };
      if (input.Description !== undefined) doc.description = input.Description;
      if (input.PermissionsBoundary !== undefined) doc.boundary = requireBoundary(a, input.PermissionsBoundary);
      const role = roleOutput(ctx.accountId, doc, true);
      delete role.RoleLastUsed;
      return { change: putPrincipal('role', doc), result: { Role: role } };
    });
  }

  async get(input: T.GetRoleRequest, ctx: RequestContext): Promise<T.GetRoleResponse> {
    const r = requirePrincipal(this.deps.state.account(ctx.accountId), 'role', input.RoleName);
    return { Role: roleOutput(ctx.accountId, r, true) };
  }

  async list(input: T.ListRolesRequest, ctx: RequestContext): Promise<T.ListRolesResponse> {
    const roles = byName(this.deps.state.account(ctx.accountId).roles.values()).filter((r) => pathMatches(r.path, input.PathPrefix));
    const p = page(roles, (r) => r.name.toLowerCase(), input);
    return { Roles: p.items.map((r) => roleOutput(ctx.accountId, r, false)), ...p.more };
  }

  private update(ctx: RequestContext, name: string, change: (r: RoleDoc) => RoleDoc): Promise<RoleDoc> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const next = change(requirePrincipal(a, 'role', name));
      return { change: putPrincipal('role', next), result: next };
    });
  }

  async updateRole(input: T.UpdateRoleRequest, ctx: RequestContext): Promise<T.UpdateRoleResponse> {
    await this.update(ctx, input.RoleName, (r) => {
      const next: RoleDoc = { ...r };
      if (input.Description !== undefined) next.description = input.Description;
      if (input.MaxSessionDuration !== undefined) next.maxSessionDuration = input.MaxSessionDuration;
      return next;
    });
    return {};
  }

  async updateDescription(input: T.UpdateRoleDescriptionRequest, ctx: RequestContext): Promise<T.UpdateRoleDescriptionResponse> {
    const r = await this.update(ctx, input.RoleName, (r) => ({ ...r, description: input.Description }));
    return { Role: roleOutput(ctx.accountId, r, true) };
  }

  async updateAssumeRolePolicy(input: T.UpdateAssumeRolePolicyRequest, ctx: RequestContext): Promise<Record<string, never>> {
    checkTrust(input.PolicyDocument);
    await this.deps.state.mutate(ctx.accountId, (a) => {
      const r = requirePrincipal(a, 'role', input.RoleName);
      checkTrustPrincipals(a, input.PolicyDocument);
      return { change: putPrincipal('role', { ...r, trust: input.PolicyDocument }), result: {} };
    });
    return {};
  }

  async delete(input: T.DeleteRoleRequest, ctx: RequestContext): Promise<Record<string, never>> {
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const r = requirePrincipal(a, 'role', input.RoleName);
      if (r.attached.length > 0) throw IamErrors.deleteConflict('Cannot delete entity, must detach all policies first.');
      if (r.inline.length > 0) throw IamErrors.deleteConflict('Cannot delete entity, must delete policies first.');
      return { change: { delete: [{ kind: 'role', key: r.name.toLowerCase() }] }, result: {} };
    });
  }

  async tag(input: T.TagRoleRequest, ctx: RequestContext): Promise<Record<string, never>> {
    checkNewTags(input.Tags);
    await this.update(ctx, input.RoleName, (r) => ({ ...r, tags: mergeTags(r.tags, input.Tags) }));
    return {};
  }

  async untag(input: T.UntagRoleRequest, ctx: RequestContext): Promise<Record<string, never>> {
    await this.update(ctx, input.RoleName, (r) => ({ ...r, tags: withoutTags(r.tags, input.TagKeys) }));
    return {};
  }

  async listTags(input: T.ListRoleTagsRequest, ctx: RequestContext): Promise<T.ListRoleTagsResponse> {
    const r = requirePrincipal(this.deps.state.account(ctx.accountId), 'role', input.RoleName);
    const p = page(r.tags, (t) => t.Key, input);
    return { Tags: p.items, ...p.more };
  }

  /** Lambent has no instance profiles (no EC2); tools that clean up a role (Terraform) ask, and get none. */
  async listInstanceProfiles(input: T.ListInstanceProfilesForRoleRequest, ctx: RequestContext): Promise<T.ListInstanceProfilesForRoleResponse> {
    requirePrincipal(this.deps.state.account(ctx.accountId), 'role', input.RoleName);
    return { InstanceProfiles: [], IsTruncated: false };
  }

  async putBoundary(input: T.PutRolePermissionsBoundaryRequest, ctx: RequestContext): Promise<Record<string, never>> {
    await this.deps.state.mutate(ctx.accountId, (a) => {
      const r = requirePrincipal(a, 'role', input.RoleName);
      return { change: putPrincipal('role', { ...r, boundary: requireBoundary(a, input.PermissionsBoundary) }), result: {} };
    });
    return {};
  }

  async deleteBoundary(input: T.DeleteRolePermissionsBoundaryRequest, ctx: RequestContext): Promise<Record<string, never>> {
    await this.update(ctx, input.RoleName, (r) => {
      const { boundary: _dropped, ...rest } = r;
      return rest;
    });
    return {};
  }
}
