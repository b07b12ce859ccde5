// What each IAM operation asks IAM for, per AWS's Service Authorization Reference for IAM
// (models/iam-authorization/iam.json): `iam:<Operation>` on the ARN of the entity it names (users, roles, groups,
// instance profiles and server certificates with their paths: arn:aws:iam::ACCOUNT:role/PATH/NAME), the condition
// keys the request carries (iam:PolicyARN, iam:PermissionsBoundary, aws:RequestTag/…, aws:TagKeys,
// iam:AWSServiceName…). An operation on "the calling user" (GetUser, CreateAccessKey… without UserName) is on the
// caller. Renames (UpdateUser/UpdateGroup/UpdateServerCertificate with a new name or path) need both the old and
// the new ARN, as IAM documents.
import type { AccessRequest } from '../identity.js';
import type { RequestContext } from '../types.js';
import { requestTagConditions } from './policy/request-tags.js';

type Input = Record<string, unknown>;

/** Entities whose ARN carries a path. */
export type PathKind = 'user' | 'role' | 'group' | 'instance-profile' | 'server-certificate';

/** What the access map needs from IAM's state, synchronously (IAM keeps it in memory or answers undefined). */
export interface IamAccessLookup {
  /** The path of an existing entity ("/" is assumed when unknown). */
  pathOf?(kind: PathKind, accountId: string, name: string): string | undefined;
  /** The user an access key belongs to (GetAccessKeyLastUsed is authorized on that user). */
  accessKeyOwner?(accessKeyId: string): { accountId: string; userName: string } | undefined;
}

function str(input: Input, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

/** Normalizes an IAM path to "/…/" form. */
function normalPath(path: string | undefined): string {
  if (path === undefined || path === '') return '/';
  let p = path.startsWith('/') ? path : `/${path}`;
  if (!p.endsWith('/')) p += '/';
  return p;
}

/** The name of the service-linked role IAM creates for a service (AWSServiceRoleFor + the service's first label). */
export function serviceLinkedRoleName(service: string, customSuffix?: string): string {
  const label = service.split('.')[0] ?? service;
  const base = `AWSServiceRoleFor${label.charAt(0).toUpperCase()}${label.slice(1)}`;
  return customSuffix === undefined || customSuffix === '' ? base : `${base}_${customSuffix}`;
}

const RESOURCE_KIND: Record<string, PathKind | 'policy' | 'mfa' | 'oidc' | 'saml' | 'delegation' | 'access-report' | 'arn' | 'source-arn'> = {};
function kind(k: (typeof RESOURCE_KIND)[string], ops: string): void {
  for (const op of ops.split(/\s+/)) if (op) RESOURCE_KIND[op] = k;
}
kind('user', `AttachUserPolicy ChangePassword CreateAccessKey CreateLoginProfile CreateServiceSpecificCredential CreateUser
  DeactivateMFADevice DeleteAccessKey DeleteLoginProfile DeleteSSHPublicKey DeleteServiceSpecificCredential DeleteSigningCertificate
  DeleteUser DeleteUserPermissionsBoundary DeleteUserPolicy DetachUserPolicy EnableMFADevice GetAccessKeyLastUsed GetLoginProfile
  GetMFADevice GetSSHPublicKey GetUser GetUserPolicy ListAccessKeys ListAttachedUserPolicies ListGroupsForUser ListMFADevices
  ListSSHPublicKeys ListServiceSpecificCredentials ListSigningCertificates ListUserPolicies ListUserTags PutUserPermissionsBoundary
  PutUserPolicy ResetServiceSpecificCredential ResyncMFADevice TagUser UntagUser UpdateAccessKey UpdateLoginProfile UpdateSSHPublicKey
  UpdateServiceSpecificCredential UpdateSigningCertificate UpdateUser UploadSSHPublicKey UploadSigningCertificate`);
kind('role', `AttachRolePolicy CreateRole CreateServiceLinkedRole DeleteRole DeleteRolePermissionsBoundary DeleteRolePolicy
  DeleteServiceLinkedRole DetachRolePolicy GetRole GetRolePolicy GetServiceLinkedRoleDeletionStatus ListAttachedRolePolicies
  ListInstanceProfilesForRole ListRolePolicies ListRoleTags PutRolePermissionsBoundary PutRolePolicy TagRole UntagRole
  UpdateAssumeRolePolicy UpdateRole UpdateRoleDescription`);
kind('group', `AddUserToGroup AttachGroupPolicy CreateGroup DeleteGroup DeleteGroupPolicy DetachGroupPolicy GetGroup GetGroupPolicy
  ListAttachedGroupPolicies ListGroupPolicies PutGroupPolicy RemoveUserFromGroup UpdateGroup`);
kind('instance-profile', `AddRoleToInstanceProfile CreateInstanceProfile DeleteInstanceProfile GetInstanceProfile ListInstanceProfileTags
  RemoveRoleFromInstanceProfile TagInstanceProfile UntagInstanceProfile`);
kind('server-certificate', `DeleteServerCertificate GetServerCertificate ListServerCertificateTags TagServerCertificate
  UntagServerCertificate UpdateServerCertificate UploadServerCertificate`);
kind('policy', `CreatePolicy CreatePolicyVersion DeletePolicy DeletePolicyVersion GetPolicy GetPolicyVersion ListEntitiesForPolicy
  ListPolicyTags ListPolicyVersions SetDefaultPolicyVersion TagPolicy UntagPolicy`);
kind('mfa', 'CreateVirtualMFADevice DeleteVirtualMFADevice ListMFADeviceTags TagMFADevice UntagMFADevice');
kind('oidc', `AddClientIDToOpenIDConnectProvider CreateOpenIDConnectProvider DeleteOpenIDConnectProvider GetOpenIDConnectProvider
  ListOpenIDConnectProviderTags RemoveClientIDFromOpenIDConnectProvider TagOpenIDConnectProvider UntagOpenIDConnectProvider
  UpdateOpenIDConnectProviderThumbprint`);
kind('saml', 'CreateSAMLProvider DeleteSAMLProvider GetSAMLProvider ListSAMLProviderTags TagSAMLProvider UntagSAMLProvider UpdateSAMLProvider');
kind('delegation', `AcceptDelegationRequest AssociateDelegationRequest CreateDelegationRequest GetDelegationRequest RejectDelegationRequest
  SendDelegationToken UpdateDelegationRequest`);
kind('access-report', 'GenerateOrganizationsAccessReport');
kind('arn', 'GenerateServiceLastAccessedDetails ListPoliciesGrantingServiceAccess GetHumanReadableSummary');
kind('source-arn', 'GetContextKeysForPrincipalPolicy SimulatePrincipalPolicy');

/** Operations with no resource type in the reference: authorized on "*". */
export const IAM_STAR_OPERATIONS = new Set(
  `CreateAccountAlias DeleteAccountAlias DeleteAccountPasswordPolicy DisableOrganizationsRootCredentialsManagement
  DisableOrganizationsRootSessions DisableOutboundWebIdentityFederation EnableOrganizationsRootCredentialsManagement
  EnableOrganizationsRootSessions EnableOutboundWebIdentityFederation GenerateCredentialReport GetAccountAuthorizationDetails
  GetAccountPasswordPolicy GetAccountSummary GetContextKeysForCustomPolicy GetCredentialReport GetOrganizationsAccessReport
  GetOutboundWebIdentityFederationInfo GetServiceLastAccessedDetails GetServiceLastAccessedDetailsWithEntities ListAccountAliases
  ListDelegationRequests ListGroups ListInstanceProfiles ListOpenIDConnectProviders ListOrganizationsFeatures ListPolicies ListRoles
  ListSAMLProviders ListServerCertificates ListUsers ListVirtualMFADevices SetSecurityTokenServicePreferences SimulateCustomPolicy
  UpdateAccountPasswordPolicy`.split(/\s+/).filter(Boolean),
);

/** Tags as IAM takes them ([{Key, Value}]) → aws:RequestTag/KEY and aws:TagKeys; TagKeys (untag) → aws:TagKeys. */
function tagConditions(input: Input, out: Record<string, string | string[]>): void {
  requestTagConditions(input['Tags'], out);
  const tagKeys = input['TagKeys'];
  if (Array.isArray(tagKeys)) out['aws:TagKeys'] = tagKeys.filter((k): k is string => typeof k === 'string');
}

class IamArns {
  constructor(
    private readonly ctx: RequestContext,
    private readonly lookup: IamAccessLookup,
  ) {}

  private get account(): string {
    return this.ctx.accountId;
  }

  /** ARN of a pathed entity: the Path given (creates), else the stored path, else "/". */
  pathed(k: PathKind, name: string, pathGiven?: string): string {
    const path = normalPath(pathGiven ?? this.lookup.pathOf?.(k, this.account, name));
    return `arn:aws:iam::${this.account}:${k}${path}${name}`;
  }

  /** The user an operation is on: UserName, else the caller (IAM's "the calling user"). */
  user(input: Input, op: string): string {
    const name = str(input, 'UserName');
    if (name !== undefined) return this.pathed('user', name, op === 'CreateUser' ? str(input, 'Path') ?? '/' : undefined);
    if (op === 'GetAccessKeyLastUsed') {
      const id = str(input, 'AccessKeyId');
      const owner = id === undefined ? undefined : this.lookup.accessKeyOwner?.(id);
      if (owner !== undefined) {
        const path = normalPath(this.lookup.pathOf?.('user', owner.accountId, owner.userName));
        return `arn:aws:iam::${owner.accountId}:user${path}${owner.userName}`;
      }
    }
    return this.ctx.caller.arn;
  }

  resource(op: string, input: Input): string {
    const k = RESOURCE_KIND[op];
    const a = this.account;
    switch (k) {
      case 'user':
        return this.user(input, op);
      case 'role': {
        if (op === 'CreateServiceLinkedRole') {
          const svc = str(input, 'AWSServiceName') ?? '';
          return `arn:aws:iam::${a}:role/aws-service-role/${svc}/${serviceLinkedRoleName(svc, str(input, 'CustomSuffix'))}`;
        }
        if (op === 'GetServiceLinkedRoleDeletionStatus') {
          // DeletionTaskId: task/aws-service-role/SERVICE/ROLE-NAME/UUID
          const parts = (str(input, 'DeletionTaskId') ?? '').split('/');
          return `arn:aws:iam::${a}:role/${parts.slice(1, -1).join('/')}`;
        }
        return this.pathed('role', str(input, 'RoleName') ?? '', op === 'CreateRole' ? str(input, 'Path') ?? '/' : undefined);
      }
      case 'group':
        return this.pathed('group', str(input, 'GroupName') ?? '', op === 'CreateGroup' ? str(input, 'Path') ?? '/' : undefined);
      case 'instance-profile':
        return this.pathed('instance-profile', str(input, 'InstanceProfileName') ?? '', op === 'CreateInstanceProfile' ? str(input, 'Path') ?? '/' : undefined);
      case 'server-certificate':
        return this.pathed('server-certificate', str(input, 'ServerCertificateName') ?? '', op === 'UploadServerCertificate' ? str(input, 'Path') ?? '/' : undefined);
      case 'policy':
        if (op === 'CreatePolicy') return `arn:aws:iam::${a}:policy${normalPath(str(input, 'Path'))}${str(input, 'PolicyName') ?? ''}`;
        return str(input, 'PolicyArn') ?? '*';
      case 'mfa': {
        if (op === 'CreateVirtualMFADevice') return `arn:aws:iam::${a}:mfa${normalPath(str(input, 'Path'))}${str(input, 'VirtualMFADeviceName') ?? ''}`;
        const serial = str(input, 'SerialNumber') ?? '';
        return serial.startsWith('arn:') ? serial : `arn:aws:iam::${a}:mfa/${serial}`;
      }
      case 'oidc': {
        if (op === 'CreateOpenIDConnectProvider') {
          // The provider's ARN names the issuer URL without its scheme.
          const urlText = (str(input, 'Url') ?? '').replace(/^https:\/\//i, '');
          return `arn:aws:iam::${a}:oidc-provider/${urlText}`;
        }
        return str(input, 'OpenIDConnectProviderArn') ?? '*';
      }
      case 'saml':
        if (op === 'CreateSAMLProvider') return `arn:aws:iam::${a}:saml-provider/${str(input, 'Name') ?? ''}`;
        return str(input, 'SAMLProviderArn') ?? '*';
      case 'delegation': {
        const id = str(input, 'DelegationRequestId');
        return id === undefined ? '*' : `arn:aws:iam::${a}:delegation-request/${id}`;
      }
      case 'access-report':
        return `arn:aws:iam::${a}:access-report/${str(input, 'EntityPath') ?? ''}`;
      case 'arn':
        return str(input, 'Arn') ?? str(input, 'EntityArn') ?? '*';
      case 'source-arn':
        return str(input, 'PolicySourceArn') ?? '*';
      default:
        return '*';
    }
  }
}

/** Does the map know `operation` (a resource kind, or on "*" by the reference)? */
export function iamOperationMapped(operation: string): boolean {
  return RESOURCE_KIND[operation] !== undefined || IAM_STAR_OPERATIONS.has(operation);
}

/** The condition keys an IAM request carries. */
function conditionsFor(op: string, input: Input): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (/^(Attach|Detach)(User|Role|Group)Policy$/.test(op)) {
    const arn = str(input, 'PolicyArn');
    if (arn !== undefined) out['iam:PolicyARN'] = arn;
  }
  if (op === 'CreateUser' || op === 'CreateRole' || op === 'PutUserPermissionsBoundary' || op === 'PutRolePermissionsBoundary') {
    const boundary = str(input, 'PermissionsBoundary');
    if (boundary !== undefined) out['iam:PermissionsBoundary'] = boundary;
  }
  if (op.startsWith('Create') || op.startsWith('Tag') || op.startsWith('Untag') || op === 'UploadServerCertificate') tagConditions(input, out);
  if (op === 'CreateServiceLinkedRole') {
    const svc = str(input, 'AWSServiceName');
    if (svc !== undefined) out['iam:AWSServiceName'] = svc;
  }
  if (op === 'CreateServiceSpecificCredential') {
    const svc = str(input, 'ServiceName');
    if (svc !== undefined) out['iam:ServiceSpecificCredentialServiceName'] = svc;
  }
  if (op === 'GenerateOrganizationsAccessReport') {
    const id = str(input, 'OrganizationsPolicyId');
    if (id !== undefined) out['iam:OrganizationsPolicyId'] = id;
  }
  return out;
}

/** Renames need the new ARN too. */
function renameTarget(op: string, input: Input, arns: IamArns): string | undefined {
  const rename = (k: PathKind, nameKey: string, newNameKey: string): string | undefined => {
    const newName = str(input, newNameKey);
    const newPath = str(input, 'NewPath');
    if (newName === undefined && newPath === undefined) return undefined;
    const oldName = str(input, nameKey) ?? '';
    return arns.pathed(k, newName ?? oldName, newPath ?? undefined);
  };
  if (op === 'UpdateUser') return rename('user', 'UserName', 'NewUserName');
  if (op === 'UpdateGroup') return rename('group', 'GroupName', 'NewGroupName');
  if (op === 'UpdateServerCertificate') return rename('server-certificate', 'ServerCertificateName', 'NewServerCertificateName');
  return undefined;
}

/** ServiceDefinition.access for IAM. */
export function iamAccess(operation: string, input: Record<string, unknown>, ctx: RequestContext, lookup: IamAccessLookup = {}): AccessRequest[] {
  const action = `iam:${operation}`;
  const arns = new IamArns(ctx, lookup);
  const resource = IAM_STAR_OPERATIONS.has(operation) ? '*' : arns.resource(operation, input);
  const conditions = conditionsFor(operation, input);
  const first: AccessRequest = Object.keys(conditions).length === 0 ? { action, resource } : { action, resource, conditions };
  const target = renameTarget(operation, input, arns);
  return target === undefined || target === resource ? [first] : [first, { action, resource: target }];
}

/** iamAccess bound to IAM's lookups, in ServiceDefinition.access's shape. */
export function makeIamAccess(lookup: IamAccessLookup): (operation: string, input: Record<string, unknown>, ctx: RequestContext) => AccessRequest[] {
  return (operation, input, ctx) => iamAccess(operation, input, ctx, lookup);
}
