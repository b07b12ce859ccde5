// The IAM service: its model-driven query codec and the handler table. IAM is global (ARNs have no region);
// state is per account (ctx.accountId). Operations in the model without a handler answer NotImplemented.
//
//   state.ts            IamState: every account's entities in memory, written through to the store (IamStore:
//                       whole JSON documents, one transaction per change, writes serialized); the IamDirectory
//   roles.ts users.ts groups.ts access-keys.ts   entities; policies.ts: managed policies and versions
//   inline-policies.ts attachments.ts             per-principal policies (one class serves roles, users, groups)
//   simulator.ts account-details.ts account-summary.ts   read-only views over the policy engine and the state
//   aws-managed.ts      AWS managed policies known by ARN (models/iam-managed-policies, see its NOTICE.md)
//   common.ts names.ts principals.ts errors.ts    quotas, paging, identifiers, lookups, the error catalogue
//   access.ts authorizer.ts policy/               what each operation asks IAM for; the decision (policy helper)
import { loadModel } from '../../protocol/model.js';
import { QueryCodec } from '../../protocol/query/codec.js';
import type { OperationHandler, RequestContext, ServiceDefinition } from '../types.js';
import { makeIamAccess } from './access.js';
import { AccessKeysApi } from './access-keys.js';
import { AccountDetailsApi } from './account-details.js';
import { AccountSummaryApi } from './account-summary.js';
import { AttachmentsApi } from './attachments.js';
import type { IamDeps } from './deps.js';
import { IamErrors } from './errors.js';
import { GroupsApi } from './groups.js';
import { InlinePoliciesApi } from './inline-policies.js';
import { PoliciesApi } from './policies.js';
import { RolesApi } from './roles.js';
import { SimulatorApi } from './simulator.js';
import { UsersApi } from './users.js';

export type { IamDeps } from './deps.js';
export { IamState } from './state.js';

/** AWS accepts query requests up to about 1 MB; IAM's largest inputs (policy documents) are far smaller. */
const BODY_LIMIT = 1024 * 1024;

function op<I, O>(fn: (input: I, ctx: RequestContext) => Promise<O>): OperationHandler {
  // The codec has validated the document against the model shape that I mirrors.
  return (input, ctx) => fn(input as I, ctx) as Promise<Record<string, unknown> | undefined>;
}

function bind<A extends object>(api: A, method: { [K in keyof A]: A[K] extends (i: never, c: RequestContext) => Promise<unknown> ? K : never }[keyof A]): OperationHandler {
  const fn = api[method] as (i: unknown, c: RequestContext) => Promise<unknown>;
  return op(fn.bind(api));
}

export function createIamService(deps: IamDeps): ServiceDefinition {
  const codec = new QueryCodec(loadModel('iam'));
  const roles = new RolesApi(deps);
  const users = new UsersApi(deps);
  const groups = new GroupsApi(deps);
  const keys = new AccessKeysApi(deps);
  const policies = new PoliciesApi(deps);
  const details = new AccountDetailsApi(deps);
  const simulator = new SimulatorApi(deps);
  const summary = new AccountSummaryApi(deps);
  const inline = { Role: new InlinePoliciesApi(deps, 'role'), User: new InlinePoliciesApi(deps, 'user'), Group: new InlinePoliciesApi(deps, 'group') };
  const attach = { Role: new AttachmentsApi(deps, 'role'), User: new AttachmentsApi(deps, 'user'), Group: new AttachmentsApi(deps, 'group') };

  const handlers: Record<string, OperationHandler> = {
    CreateRole: bind(roles, 'create'),
    GetRole: bind(roles, 'get'),
    UpdateRole: bind(roles, 'updateRole'),
    UpdateRoleDescription: bind(roles, 'updateDescription'),
    DeleteRole: bind(roles, 'delete'),
    ListRoles: bind(roles, 'list'),
    UpdateAssumeRolePolicy: bind(roles, 'updateAssumeRolePolicy'),
    TagRole: bind(roles, 'tag'),
    UntagRole: bind(roles, 'untag'),
    ListRoleTags: bind(roles, 'listTags'),
    PutRolePermissionsBoundary: bind(roles, 'putBoundary'),
    DeleteRolePermissionsBoundary: bind(roles, 'deleteBoundary'),
    ListInstanceProfilesForRole: bind(roles, 'listInstanceProfiles'),

    CreateUser: bind(users, 'create'),
    GetUser: bind(users, 'get'),
    UpdateUser: bind(users, 'update'),
    DeleteUser: bind(users, 'delete'),
    ListUsers: bind(users, 'list'),
    TagUser: bind(users, 'tag'),
    UntagUser: bind(users, 'untag'),
    ListUserTags: bind(users, 'listTags'),
    PutUserPermissionsBoundary: bind(users, 'putBoundary'),
    DeleteUserPermissionsBoundary: bind(users, 'deleteBoundary'),

    CreateGroup: bind(groups, 'create'),
    GetGroup: bind(groups, 'get'),
    DeleteGroup: bind(groups, 'delete'),
    UpdateGroup: bind(groups, 'update'),
    ListGroups: bind(groups, 'list'),
    AddUserToGroup: bind(groups, 'addUser'),
    RemoveUserFromGroup: bind(groups, 'removeUser'),
    ListGroupsForUser: bind(groups, 'listForUser'),

    CreateAccessKey: bind(keys, 'create'),
    ListAccessKeys: bind(keys, 'list'),
    UpdateAccessKey: bind(keys, 'update'),
    DeleteAccessKey: bind(keys, 'delete'),
    GetAccessKeyLastUsed: bind(keys, 'lastUsed'),

    CreatePolicy: bind(policies, 'create'),
    GetPolicy: bind(policies, 'get'),
    DeletePolicy: bind(policies, 'delete'),
    ListPolicies: bind(policies, 'list'),
    CreatePolicyVersion: bind(policies, 'createVersion'),
    GetPolicyVersion: bind(policies, 'getVersion'),
    DeletePolicyVersion: bind(policies, 'deleteVersion'),
    ListPolicyVersions: bind(policies, 'listVersions'),
    SetDefaultPolicyVersion: bind(policies, 'setDefaultVersion'),
    ListEntitiesForPolicy: bind(policies, 'listEntities'),
    TagPolicy: bind(policies, 'tag'),
    UntagPolicy: bind(policies, 'untag'),
    ListPolicyTags: bind(policies, 'listTags'),

    GetAccountAuthorizationDetails: bind(details, 'get'),
    GetAccountSummary: bind(summary, 'summary'),
    GetContextKeysForPrincipalPolicy: bind(summary, 'principalKeys'),
    GetContextKeysForCustomPolicy: bind(summary, 'customKeys'),
    SimulatePrincipalPolicy: bind(simulator, 'principal'),
    SimulateCustomPolicy: bind(simulator, 'custom'),
  };
  for (const kind of ['Role', 'User', 'Group'] as const) {
    handlers[`Put${kind}Policy`] = bind(inline[kind], 'put');
    handlers[`Get${kind}Policy`] = bind(inline[kind], 'get');
    handlers[`Delete${kind}Policy`] = bind(inline[kind], 'delete');
    handlers[`List${kind}Policies`] = bind(inline[kind], 'list');
    handlers[`Attach${kind}Policy`] = bind(attach[kind], 'attach');
    handlers[`Detach${kind}Policy`] = bind(attach[kind], 'detach');
    handlers[`ListAttached${kind}Policies`] = bind(attach[kind], 'list');
  }

  return {
    signingName: 'iam',
    displayName: 'IAM',
    codec,
    handlers,
    bodyLimit: () => ({
      bytes: BODY_LIMIT,
      error: () => IamErrors.requestTooLarge(BODY_LIMIT),
    }),
    // IAM is reached at its own endpoint's "/": only the signing scope picks it, never a path.
    ownsPath: () => false,
    access: makeIamAccess({
      pathOf: (kind, accountId, name) => deps.state.pathOf(kind, accountId, name),
      accessKeyOwner: (accessKeyId) => deps.state.accessKeyOwner(accessKeyId),
    }),
    accessDenied: (message) => IamErrors.accessDenied(message),
  };
}
