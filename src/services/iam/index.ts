// The IAM service: its model-driven query codec and the handler table. IAM is global (ARNs have no region);
// state is per account (ctx.accountId). Operations in the model without a handler answer NotImplemented.
import { AwsError } from '../../protocol/errors.js';
import { loadModel } from '../../protocol/model.js';
import { QueryCodec } from '../../protocol/query/codec.js';
import type { OperationHandler, RequestContext, ServiceDefinition } from '../types.js';
import { AccessKeysApi } from './access-keys.js';
import { AccountDetailsApi } from './account-details.js';
import { AttachmentsApi } from './attachments.js';
import type { IamDeps } from './deps.js';
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
      error: () => new AwsError('RequestEntityTooLarge', 'Request body too large', { status: 413 }),
    }),
    // IAM is reached at its own endpoint's "/": only the signing scope picks it, never a path.
    ownsPath: () => false,
    accessDenied: (message) => new AwsError('AccessDenied', message, { status: 403 }),
  };
}
