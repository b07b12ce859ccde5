// Generated from models/iam/service-2.json (API version 2010-05-08) by scripts/gen-api-types.mjs. Do not edit.
// Regenerate with: node scripts/gen-api-types.mjs iam

export interface AcceptDelegationRequestRequest {
  /** The unique identifier of the delegation request to accept. */
  DelegationRequestId: string;
}

export type AccessAdvisorUsageGranularityType = 'SERVICE_LEVEL' | 'ACTION_LEVEL';
export const AccessAdvisorUsageGranularityTypeValues = ['SERVICE_LEVEL', 'ACTION_LEVEL'] as const;

/** An object that contains details about when a principal in the reported Organizations entity last attempted to access an Amazon Web Services service. */
export interface AccessDetail {
  /** The name of the service in which access was attempted. */
  ServiceName: string;
  /** The namespace of the service in which access was attempted. */
  ServiceNamespace: string;
  /** The Region where the last service access attempt occurred. */
  Region?: string;
  /** The path of the Organizations entity (root, organizational unit, or account) from which an authenticated principal last attempted to access the service. */
  EntityPath?: string;
  /** The date and time, in ISO 8601 date-time format, when an authenticated principal most recently attempted to access the service. */
  LastAuthenticatedTime?: Date;
  /** The number of accounts with authenticated principals (root user, IAM users, and IAM roles) that attempted to access the service in the tracking period. */
  TotalAuthenticatedEntities?: number;
}

/** Contains information about an Amazon Web Services access key. */
export interface AccessKey {
  /** The name of the IAM user that the access key is associated with. */
  UserName: string;
  /** The ID for this access key. */
  AccessKeyId: string;
  /** The status of the access key. Active means that the key is valid for API calls, while Inactive means it is not. */
  Status: statusType;
  /** The secret key used to sign requests. */
  SecretAccessKey: string;
  /** The date when the access key was created. */
  CreateDate?: Date;
}

/** Contains information about the last time an Amazon Web Services access key was used since IAM began tracking this information on April 22, 2015. */
export interface AccessKeyLastUsed {
  /** The date and time, in ISO 8601 date-time format, when the access key was most recently used. This field is null in the following situations: */
  LastUsedDate?: Date;
  /** The name of the Amazon Web Services service with which this access key was most recently used. The value of this field is "N/A" in the following situations: */
  ServiceName: string;
  /** The Amazon Web Services Region where this access key was most recently used. The value for this field is "N/A" in the following situations: */
  Region: string;
}

/** Contains information about an Amazon Web Services access key, without its secret key. */
export interface AccessKeyMetadata {
  /** The name of the IAM user that the key is associated with. */
  UserName?: string;
  /** The ID for this access key. */
  AccessKeyId?: string;
  /** The status of the access key. Active means that the key is valid for API calls; Inactive means it is not. */
  Status?: statusType;
  /** The date when the access key was created. */
  CreateDate?: Date;
}

/** Error shape. The request was rejected because the account making the request is not the management account or delegated administrator account for centralized root access. */
export interface AccountNotManagementOrDelegatedAdministratorException {}

export interface AddClientIDToOpenIDConnectProviderRequest {
  /** The Amazon Resource Name (ARN) of the IAM OpenID Connect (OIDC) provider resource to add the client ID to. */
  OpenIDConnectProviderArn: string;
  /** The client ID (also known as audience) to add to the IAM OpenID Connect provider resource. */
  ClientID: string;
}

export interface AddRoleToInstanceProfileRequest {
  /** The name of the instance profile to update. */
  InstanceProfileName: string;
  /** The name of the role to add. */
  RoleName: string;
}

export interface AddUserToGroupRequest {
  /** The name of the group to update. */
  GroupName: string;
  /** The name of the user to add. */
  UserName: string;
}

export interface AssociateDelegationRequestRequest {
  /** The unique identifier of the delegation request to associate. */
  DelegationRequestId: string;
}

export interface AttachGroupPolicyRequest {
  /** The name (friendly name, not ARN) of the group to attach the policy to. */
  GroupName: string;
  /** The Amazon Resource Name (ARN) of the IAM policy you want to attach. */
  PolicyArn: string;
}

export interface AttachRolePolicyRequest {
  /** The name (friendly name, not ARN) of the role to attach the policy to. */
  RoleName: string;
  /** The Amazon Resource Name (ARN) of the IAM policy you want to attach. */
  PolicyArn: string;
}

export interface AttachUserPolicyRequest {
  /** The name (friendly name, not ARN) of the IAM user to attach the policy to. */
  UserName: string;
  /** The Amazon Resource Name (ARN) of the IAM policy you want to attach. */
  PolicyArn: string;
}

/** Contains information about an attached permissions boundary. */
export interface AttachedPermissionsBoundary {
  /** The permissions boundary usage type that indicates what type of IAM resource is used as the permissions boundary for an entity. */
  PermissionsBoundaryType?: PermissionsBoundaryAttachmentType;
  /** The ARN of the policy used to set the permissions boundary for the user or role. */
  PermissionsBoundaryArn?: string;
}

/** Contains information about an attached policy. */
export interface AttachedPolicy {
  /** The friendly name of the attached policy. */
  PolicyName?: string;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  PolicyArn?: string;
}

/** Error shape. The request was rejected because the account making the request is not the management account for the organization. */
export interface CallerIsNotManagementAccountException {}

export interface ChangePasswordRequest {
  /** The IAM user's current password. */
  OldPassword: string;
  /** The new password. The new password must conform to the Amazon Web Services account's password policy, if one exists. */
  NewPassword: string;
}

/** Error shape. The request was rejected because multiple requests to change this object were submitted simultaneously. Wait a few minutes and submit your request again. */
export interface ConcurrentModificationException {
  message?: string;
}

/** Contains information about a condition context key. */
export interface ContextEntry {
  /** The full name of a condition context key, including the service prefix. For example, aws:SourceIp or s3:VersionId. */
  ContextKeyName?: string;
  /** The value (or values, if the condition context key supports multiple values) to provide to the simulation when the key is referenced by a Condition element in… */
  ContextKeyValues?: string[];
  /** The data type of the value (or values) specified in the ContextKeyValues parameter. */
  ContextKeyType?: ContextKeyTypeEnum;
}

export type ContextKeyTypeEnum =
  | 'string'
  | 'stringList'
  | 'numeric'
  | 'numericList'
  | 'boolean'
  | 'booleanList'
  | 'ip'
  | 'ipList'
  | 'binary'
  | 'binaryList'
  | 'date'
  | 'dateList';
export const ContextKeyTypeEnumValues = [
  'string',
  'stringList',
  'numeric',
  'numericList',
  'boolean',
  'booleanList',
  'ip',
  'ipList',
  'binary',
  'binaryList',
  'date',
  'dateList',
] as const;

export interface CreateAccessKeyRequest {
  /** The name of the IAM user that the new key will belong to. */
  UserName?: string;
}

/** Contains the response to a successful CreateAccessKey request. */
export interface CreateAccessKeyResponse {
  /** A structure with details about the access key. */
  AccessKey: AccessKey;
}

export interface CreateAccountAliasRequest {
  /** The account alias to create. */
  AccountAlias: string;
}

export interface CreateDelegationRequestRequest {
  /** The Amazon Web Services account ID this delegation request is targeted to. */
  OwnerAccountId?: string;
  /** A description of the delegation request. */
  Description: string;
  /** The permissions to be delegated in this delegation request. */
  Permissions: DelegationPermission;
  /** A message explaining the reason for the delegation request. */
  RequestMessage?: string;
  /** The workflow ID associated with the requestor. */
  RequestorWorkflowId: string;
  /** The URL to redirect to after the delegation request is processed. */
  RedirectUrl?: string;
  /** The notification channel for updates about the delegation request. */
  NotificationChannel: string;
  /** The duration for which the delegated session should remain active, in seconds. */
  SessionDuration: number;
  /** Specifies whether the delegation token should only be sent by the owner. */
  OnlySendByOwner?: boolean;
}

export interface CreateDelegationRequestResponse {
  /** A deep link URL to the Amazon Web Services Management Console for managing the delegation request. */
  ConsoleDeepLink?: string;
  /** The unique identifier for the created delegation request. */
  DelegationRequestId?: string;
}

export interface CreateGroupRequest {
  /** The path to the group. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path?: string;
  /** The name of the group to create. Do not include the path in this value. */
  GroupName: string;
}

/** Contains the response to a successful CreateGroup request. */
export interface CreateGroupResponse {
  /** A structure containing details about the new group. */
  Group: Group;
}

export interface CreateInstanceProfileRequest {
  /** The name of the instance profile to create. */
  InstanceProfileName: string;
  /** The path to the instance profile. For more information about paths, see IAM Identifiers in the IAM User Guide. */
  Path?: string;
  /** A list of tags that you want to attach to the newly created IAM instance profile. */
  Tags?: Tag[];
}

/** Contains the response to a successful CreateInstanceProfile request. */
export interface CreateInstanceProfileResponse {
  /** A structure containing details about the new instance profile. */
  InstanceProfile: InstanceProfile;
}

export interface CreateLoginProfileRequest {
  /** The name of the IAM user to create a password for. The user must already exist. */
  UserName?: string;
  /** The new password for the user. */
  Password?: string;
  /** Specifies whether the user is required to set a new password on next sign-in. */
  PasswordResetRequired?: boolean;
}

/** Contains the response to a successful CreateLoginProfile request. */
export interface CreateLoginProfileResponse {
  /** A structure containing the user name and password create date. */
  LoginProfile: LoginProfile;
}

export interface CreateOpenIDConnectProviderRequest {
  /** The URL of the identity provider. */
  Url: string;
  /** Provides a list of client IDs, also known as audiences. */
  ClientIDList?: string[];
  /** A list of server certificate thumbprints for the OpenID Connect (OIDC) identity provider's server certificates. */
  ThumbprintList?: string[];
  /** A list of tags that you want to attach to the new IAM OpenID Connect (OIDC) provider. */
  Tags?: Tag[];
}

/** Contains the response to a successful CreateOpenIDConnectProvider request. */
export interface CreateOpenIDConnectProviderResponse {
  /** The Amazon Resource Name (ARN) of the new IAM OpenID Connect provider that is created. For more information, see OpenIDConnectProviderListEntry. */
  OpenIDConnectProviderArn?: string;
  /** A list of tags that are attached to the new IAM OIDC provider. */
  Tags?: Tag[];
}

export interface CreatePolicyRequest {
  /** The friendly name of the policy. */
  PolicyName: string;
  /** The path for the policy. */
  Path?: string;
  /** The JSON policy document that you want to use as the content for the new policy. */
  PolicyDocument: string;
  /** A friendly description of the policy. */
  Description?: string;
  /** A list of tags that you want to attach to the new IAM customer managed policy. */
  Tags?: Tag[];
}

/** Contains the response to a successful CreatePolicy request. */
export interface CreatePolicyResponse {
  /** A structure containing details about the new policy. */
  Policy?: Policy;
}

export interface CreatePolicyVersionRequest {
  /** The Amazon Resource Name (ARN) of the IAM policy to which you want to add a new version. */
  PolicyArn: string;
  /** The JSON policy document that you want to use as the content for this new version of the policy. */
  PolicyDocument: string;
  /** Specifies whether to set this version as the policy's default version. */
  SetAsDefault?: boolean;
}

/** Contains the response to a successful CreatePolicyVersion request. */
export interface CreatePolicyVersionResponse {
  /** A structure containing details about the new policy version. */
  PolicyVersion?: PolicyVersion;
}

export interface CreateRoleRequest {
  /** The path to the role. For more information about paths, see IAM Identifiers in the IAM User Guide. */
  Path?: string;
  /** The name of the role to create. */
  RoleName: string;
  /** The trust relationship policy document that grants an entity permission to assume the role. */
  AssumeRolePolicyDocument: string;
  /** A description of the role. */
  Description?: string;
  /** The maximum session duration (in seconds) that you want to set for the specified role. */
  MaxSessionDuration?: number;
  /** The ARN of the managed policy that is used to set the permissions boundary for the role. */
  PermissionsBoundary?: string;
  /** A list of tags that you want to attach to the new role. */
  Tags?: Tag[];
}

/** Contains the response to a successful CreateRole request. */
export interface CreateRoleResponse {
  /** A structure containing details about the new role. */
  Role: Role;
}

export interface CreateSAMLProviderRequest {
  /** An XML document generated by an identity provider (IdP) that supports SAML 2.0. */
  SAMLMetadataDocument: string;
  /** The name of the provider to create. */
  Name: string;
  /** A list of tags that you want to attach to the new IAM SAML provider. */
  Tags?: Tag[];
  /** Specifies the encryption setting for the SAML provider. */
  AssertionEncryptionMode?: assertionEncryptionModeType;
  /** The private key generated from your external identity provider. */
  AddPrivateKey?: string;
}

/** Contains the response to a successful CreateSAMLProvider request. */
export interface CreateSAMLProviderResponse {
  /** The Amazon Resource Name (ARN) of the new SAML provider resource in IAM. */
  SAMLProviderArn?: string;
  /** A list of tags that are attached to the new IAM SAML provider. */
  Tags?: Tag[];
}

export interface CreateServiceLinkedRoleRequest {
  /** The service principal for the Amazon Web Services service to which this role is attached. */
  AWSServiceName: string;
  /** The description of the role. */
  Description?: string;
  /** A string that you provide, which is combined with the service-provided prefix to form the complete role name. */
  CustomSuffix?: string;
}

export interface CreateServiceLinkedRoleResponse {
  /** A Role object that contains details about the newly created role. */
  Role?: Role;
}

export interface CreateServiceSpecificCredentialRequest {
  /** The name of the IAM user that is to be associated with the credentials. */
  UserName: string;
  /** The name of the Amazon Web Services service that is to be associated with the credentials. */
  ServiceName: string;
  /** The number of days until the service specific credential expires. */
  CredentialAgeDays?: number;
}

export interface CreateServiceSpecificCredentialResponse {
  /** A structure that contains information about the newly created service-specific credential. */
  ServiceSpecificCredential?: ServiceSpecificCredential;
}

export interface CreateUserRequest {
  /** The path for the user name. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path?: string;
  /** The name of the user to create. */
  UserName: string;
  /** The ARN of the managed policy that is used to set the permissions boundary for the user. */
  PermissionsBoundary?: string;
  /** A list of tags that you want to attach to the new user. */
  Tags?: Tag[];
}

/** Contains the response to a successful CreateUser request. */
export interface CreateUserResponse {
  /** A structure with details about the new IAM user. */
  User?: User;
}

export interface CreateVirtualMFADeviceRequest {
  /** The path for the virtual MFA device. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path?: string;
  /** The name of the virtual MFA device, which must be unique. Use with path to uniquely identify a virtual MFA device. */
  VirtualMFADeviceName: string;
  /** A list of tags that you want to attach to the new IAM virtual MFA device. */
  Tags?: Tag[];
}

/** Contains the response to a successful CreateVirtualMFADevice request. */
export interface CreateVirtualMFADeviceResponse {
  /** A structure containing details about the new virtual MFA device. */
  VirtualMFADevice: VirtualMFADevice;
}

/** Error shape. The request was rejected because the most recent credential report has expired. */
export interface CredentialReportExpiredException {
  message?: string;
}

/** Error shape. The request was rejected because the credential report does not exist. To generate a credential report, use GenerateCredentialReport. */
export interface CredentialReportNotPresentException {
  message?: string;
}

/** Error shape. The request was rejected because the credential report is still being generated. */
export interface CredentialReportNotReadyException {
  message?: string;
}

export interface DeactivateMFADeviceRequest {
  /** The name of the user whose MFA device you want to deactivate. */
  UserName?: string;
  /** The serial number that uniquely identifies the MFA device. For virtual MFA devices, the serial number is the device ARN. */
  SerialNumber: string;
}

/** Contains information about the permissions being delegated in a delegation request. */
export interface DelegationPermission {
  /** This ARN maps to a pre-registered policy content for this partner. See the partner onboarding documentation to understand how to create a delegation template. */
  PolicyTemplateArn?: string;
  /** A list of policy parameters that define the scope and constraints of the delegated permissions. */
  Parameters?: PolicyParameter[];
}

/** Contains information about a delegation request, including its status, permissions, and associated metadata. */
export interface DelegationRequest {
  /** The unique identifier for the delegation request. */
  DelegationRequestId?: string;
  /** Amazon Web Services account ID of the owner of the delegation request. */
  OwnerAccountId?: string;
  /** Description of the delegation request. This is a message that is provided by the Amazon Web Services partner that filed the delegation request. */
  Description?: string;
  /** A custom message that is added to the delegation request by the partner. */
  RequestMessage?: string;
  Permissions?: DelegationPermission;
  /** JSON content of the associated permission policy of this delegation request. */
  PermissionPolicy?: string;
  /** If the PermissionPolicy includes role creation permissions, this element will include the list of permissions boundary policies associated with the role… */
  RolePermissionRestrictionArns?: string[];
  /** ARN of the owner of this delegation request. */
  OwnerId?: string;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  ApproverId?: string;
  /** The state of this delegation request. */
  State?: stateType;
  /** The expiry time of this delegation request */
  ExpirationTime?: Date;
  /** Identity of the requestor of this delegation request. This will be an Amazon Web Services account ID. */
  RequestorId?: string;
  /** A friendly name of the requestor. */
  RequestorName?: string;
  /** Creation date (timestamp) of this delegation request. */
  CreateDate?: Date;
  /** The life-time of the requested session credential. */
  SessionDuration?: number;
  /** A URL to be redirected to once the delegation request is approved. Partners provide this URL when creating the delegation request. */
  RedirectUrl?: string;
  /** Notes added to this delegation request, if this request was updated via the UpdateDelegationRequest API. */
  Notes?: string;
  /** Reasons for rejecting this delegation request, if this request was rejected. See also RejectDelegationRequest API documentation. */
  RejectionReason?: string;
  /** A flag indicating whether the SendDelegationToken must be called by the owner of this delegation request. This is set by the requesting partner. */
  OnlySendByOwner?: boolean;
  /** Last updated timestamp of the request. */
  UpdatedTime?: Date;
}

export interface DeleteAccessKeyRequest {
  /** The name of the user whose access key pair you want to delete. */
  UserName?: string;
  /** The access key ID for the access key ID and secret access key you want to delete. */
  AccessKeyId: string;
}

export interface DeleteAccountAliasRequest {
  /** The name of the account alias to delete. */
  AccountAlias: string;
}

/** Error shape. The request was rejected because it attempted to delete a resource that has attached subordinate entities. The error message describes these entities. */
export interface DeleteConflictException {
  message?: string;
}

export interface DeleteGroupPolicyRequest {
  /** The name (friendly name, not ARN) identifying the group that the policy is embedded in. */
  GroupName: string;
  /** The name identifying the policy document to delete. */
  PolicyName: string;
}

export interface DeleteGroupRequest {
  /** The name of the IAM group to delete. */
  GroupName: string;
}

export interface DeleteInstanceProfileRequest {
  /** The name of the instance profile to delete. */
  InstanceProfileName: string;
}

export interface DeleteLoginProfileRequest {
  /** The name of the user whose password you want to delete. */
  UserName?: string;
}

export interface DeleteOpenIDConnectProviderRequest {
  /** The Amazon Resource Name (ARN) of the IAM OpenID Connect provider resource object to delete. */
  OpenIDConnectProviderArn: string;
}

export interface DeletePolicyRequest {
  /** The Amazon Resource Name (ARN) of the IAM policy you want to delete. */
  PolicyArn: string;
}

export interface DeletePolicyVersionRequest {
  /** The Amazon Resource Name (ARN) of the IAM policy from which you want to delete a version. */
  PolicyArn: string;
  /** The policy version to delete. */
  VersionId: string;
}

export interface DeleteRolePermissionsBoundaryRequest {
  /** The name (friendly name, not ARN) of the IAM role from which you want to remove the permissions boundary. */
  RoleName: string;
}

export interface DeleteRolePolicyRequest {
  /** The name (friendly name, not ARN) identifying the role that the policy is embedded in. */
  RoleName: string;
  /** The name of the inline policy to delete from the specified IAM role. */
  PolicyName: string;
}

export interface DeleteRoleRequest {
  /** The name of the role to delete. */
  RoleName: string;
}

export interface DeleteSAMLProviderRequest {
  /** The Amazon Resource Name (ARN) of the SAML provider to delete. */
  SAMLProviderArn: string;
}

export interface DeleteSSHPublicKeyRequest {
  /** The name of the IAM user associated with the SSH public key. */
  UserName: string;
  /** The unique identifier for the SSH public key. */
  SSHPublicKeyId: string;
}

export interface DeleteServerCertificateRequest {
  /** The name of the server certificate you want to delete. */
  ServerCertificateName: string;
}

export interface DeleteServiceLinkedRoleRequest {
  /** The name of the service-linked role to be deleted. */
  RoleName: string;
}

export interface DeleteServiceLinkedRoleResponse {
  /** The deletion task identifier that you can use to check the status of the deletion. */
  DeletionTaskId: string;
}

export interface DeleteServiceSpecificCredentialRequest {
  /** The name of the IAM user associated with the service-specific credential. */
  UserName?: string;
  /** The unique identifier of the service-specific credential. You can get this value by calling ListServiceSpecificCredentials. */
  ServiceSpecificCredentialId: string;
}

export interface DeleteSigningCertificateRequest {
  /** The name of the user the signing certificate belongs to. */
  UserName?: string;
  /** The ID of the signing certificate to delete. */
  CertificateId: string;
}

export interface DeleteUserPermissionsBoundaryRequest {
  /** The name (friendly name, not ARN) of the IAM user from which you want to remove the permissions boundary. */
  UserName: string;
}

export interface DeleteUserPolicyRequest {
  /** The name (friendly name, not ARN) identifying the user that the policy is embedded in. */
  UserName: string;
  /** The name identifying the policy document to delete. */
  PolicyName: string;
}

export interface DeleteUserRequest {
  /** The name of the user to delete. */
  UserName: string;
}

export interface DeleteVirtualMFADeviceRequest {
  /** The serial number that uniquely identifies the MFA device. For virtual MFA devices, the serial number is the same as the ARN. */
  SerialNumber: string;
}

/** The reason that the service-linked role deletion failed. */
export interface DeletionTaskFailureReasonType {
  /** A short description of the reason that the service-linked role deletion failed. */
  Reason?: string;
  /** A list of objects that contains details about the service-linked role deletion failure, if that information is returned by the service. */
  RoleUsageList?: RoleUsageType[];
}

export type DeletionTaskStatusType = 'SUCCEEDED' | 'IN_PROGRESS' | 'FAILED' | 'NOT_STARTED';
export const DeletionTaskStatusTypeValues = ['SUCCEEDED', 'IN_PROGRESS', 'FAILED', 'NOT_STARTED'] as const;

export interface DetachGroupPolicyRequest {
  /** The name (friendly name, not ARN) of the IAM group to detach the policy from. */
  GroupName: string;
  /** The Amazon Resource Name (ARN) of the IAM policy you want to detach. */
  PolicyArn: string;
}

export interface DetachRolePolicyRequest {
  /** The name (friendly name, not ARN) of the IAM role to detach the policy from. */
  RoleName: string;
  /** The Amazon Resource Name (ARN) of the IAM policy you want to detach. */
  PolicyArn: string;
}

export interface DetachUserPolicyRequest {
  /** The name (friendly name, not ARN) of the IAM user to detach the policy from. */
  UserName: string;
  /** The Amazon Resource Name (ARN) of the IAM policy you want to detach. */
  PolicyArn: string;
}

export interface DisableOrganizationsRootCredentialsManagementRequest {}

export interface DisableOrganizationsRootCredentialsManagementResponse {
  /** The unique identifier (ID) of an organization. */
  OrganizationId?: string;
  /** The features enabled for centralized root access for member accounts in your organization. */
  EnabledFeatures?: FeatureType[];
}

export interface DisableOrganizationsRootSessionsRequest {}

export interface DisableOrganizationsRootSessionsResponse {
  /** The unique identifier (ID) of an organization. */
  OrganizationId?: string;
  /** The features you have enabled for centralized root access of member accounts in your organization. */
  EnabledFeatures?: FeatureType[];
}

/** Error shape. The request was rejected because the same certificate is associated with an IAM user in the account. */
export interface DuplicateCertificateException {
  message?: string;
}

/** Error shape. The request was rejected because the SSH public key is already associated with the specified IAM user. */
export interface DuplicateSSHPublicKeyException {
  message?: string;
}

export interface EnableMFADeviceRequest {
  /** The name of the IAM user for whom you want to enable the MFA device. */
  UserName: string;
  /** The serial number that uniquely identifies the MFA device. For virtual MFA devices, the serial number is the device ARN. */
  SerialNumber: string;
  /** An authentication code emitted by the device. */
  AuthenticationCode1: string;
  /** A subsequent authentication code emitted by the device. */
  AuthenticationCode2: string;
}

export interface EnableOrganizationsRootCredentialsManagementRequest {}

export interface EnableOrganizationsRootCredentialsManagementResponse {
  /** The unique identifier (ID) of an organization. */
  OrganizationId?: string;
  /** The features you have enabled for centralized root access. */
  EnabledFeatures?: FeatureType[];
}

export interface EnableOrganizationsRootSessionsRequest {}

export interface EnableOrganizationsRootSessionsResponse {
  /** The unique identifier (ID) of an organization. */
  OrganizationId?: string;
  /** The features you have enabled for centralized root access. */
  EnabledFeatures?: FeatureType[];
}

export interface EnableOutboundWebIdentityFederationResponse {
  /** A unique issuer URL for your Amazon Web Services account that hosts the OpenID Connect (OIDC) discovery endpoints at /.well-known/openid-configuration and… */
  IssuerIdentifier?: string;
}

/** Error shape. The request was rejected because it attempted to create a resource that already exists. */
export interface EntityAlreadyExistsException {
  message?: string;
}

/** An object that contains details about when the IAM entities (users or roles) were last used in an attempt to access the specified Amazon Web Services service. */
export interface EntityDetails {
  /** The EntityInfo object that contains details about the entity (user or role). */
  EntityInfo: EntityInfo;
  /** The date and time, in ISO 8601 date-time format, when the authenticated entity last attempted to access Amazon Web Services. */
  LastAuthenticated?: Date;
}

/** Contains details about the specified entity (user or role). */
export interface EntityInfo {
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  Arn: string;
  /** The name of the entity (user or role). */
  Name: string;
  /** The type of entity (user or role). */
  Type: policyOwnerEntityType;
  /** The identifier of the entity (user or role). */
  Id: string;
  /** The path to the entity (user or role). For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path?: string;
}

/** Error shape. The request was rejected because it referenced an entity that is temporarily unmodifiable, such as a user name that was deleted and then recreated. */
export interface EntityTemporarilyUnmodifiableException {
  message?: string;
}

export type EntityType = 'User' | 'Role' | 'Group' | 'LocalManagedPolicy' | 'AWSManagedPolicy';
export const EntityTypeValues = ['User', 'Role', 'Group', 'LocalManagedPolicy', 'AWSManagedPolicy'] as const;

/** Contains information about the reason that the operation failed. */
export interface ErrorDetails {
  /** Detailed information about the reason that the operation failed. */
  Message: string;
  /** The error code associated with the operation failure. */
  Code: string;
}

/** Contains the results of a simulation. */
export interface EvaluationResult {
  /** The name of the API operation tested on the indicated resource. */
  EvalActionName: string;
  /** The ARN of the resource that the indicated API operation was tested on. */
  EvalResourceName?: string;
  /** The result of the simulation. */
  EvalDecision: PolicyEvaluationDecisionType;
  /** A list of the statements in the input policies that determine the result for this scenario. */
  MatchedStatements?: Statement[];
  /** A list of context keys that are required by the included input policies but that were not provided by one of the input parameters. */
  MissingContextValues?: string[];
  /** A structure that details how Organizations and its service control policies affect the results of the simulation. */
  OrganizationsDecisionDetail?: OrganizationsDecisionDetail;
  /** Contains information about the effect that a permissions boundary has on a policy simulation when the boundary is applied to an IAM entity. */
  PermissionsBoundaryDecisionDetail?: PermissionsBoundaryDecisionDetail;
  /** Additional details about the results of the cross-account evaluation decision. */
  EvalDecisionDetails?: Record<string, PolicyEvaluationDecisionType>;
  /** The individual results of the simulation of the API operation specified in EvalActionName on each resource. */
  ResourceSpecificResults?: ResourceSpecificResult[];
}

/** Error shape. The request failed because outbound identity federation is already disabled for your Amazon Web Services account. You cannot disable the feature multiple times */
export interface FeatureDisabledException {
  message?: string;
}

/** Error shape. The request failed because outbound identity federation is already enabled for your Amazon Web Services account. */
export interface FeatureEnabledException {
  message?: string;
}

export type FeatureType = 'RootCredentialsManagement' | 'RootSessions';
export const FeatureTypeValues = ['RootCredentialsManagement', 'RootSessions'] as const;

/** Contains the response to a successful GenerateCredentialReport request. */
export interface GenerateCredentialReportResponse {
  /** Information about the state of the credential report. */
  State?: ReportStateType;
  /** Information about the credential report. */
  Description?: string;
}

export interface GenerateOrganizationsAccessReportRequest {
  /** The path of the Organizations entity (root, OU, or account). */
  EntityPath: string;
  /** The identifier of the Organizations service control policy (SCP). This parameter is optional. */
  OrganizationsPolicyId?: string;
}

export interface GenerateOrganizationsAccessReportResponse {
  /** The job identifier that you can use in the GetOrganizationsAccessReport operation. */
  JobId?: string;
}

export interface GenerateServiceLastAccessedDetailsRequest {
  /** The ARN of the IAM resource (user, group, role, or managed policy) used to generate information about when the resource was last used in an attempt to access… */
  Arn: string;
  /** The level of detail that you want to generate. */
  Granularity?: AccessAdvisorUsageGranularityType;
}

export interface GenerateServiceLastAccessedDetailsResponse {
  /** The JobId that you can use in the GetServiceLastAccessedDetails or GetServiceLastAccessedDetailsWithEntities operations. */
  JobId?: string;
}

export interface GetAccessKeyLastUsedRequest {
  /** The identifier of an access key. */
  AccessKeyId: string;
}

/** Contains the response to a successful GetAccessKeyLastUsed request. */
export interface GetAccessKeyLastUsedResponse {
  /** The name of the IAM user that owns this access key. */
  UserName?: string;
  /** Contains information about the last time the access key was used. */
  AccessKeyLastUsed?: AccessKeyLastUsed;
}

export interface GetAccountAuthorizationDetailsRequest {
  /** A list of entity types used to filter the results. */
  Filter?: EntityType[];
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
}

/** Contains the response to a successful GetAccountAuthorizationDetails request. */
export interface GetAccountAuthorizationDetailsResponse {
  /** A list containing information about IAM users. */
  UserDetailList?: UserDetail[];
  /** A list containing information about IAM groups. */
  GroupDetailList?: GroupDetail[];
  /** A list containing information about IAM roles. */
  RoleDetailList?: RoleDetail[];
  /** A list containing information about managed policies. */
  Policies?: ManagedPolicyDetail[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

/** Contains the response to a successful GetAccountPasswordPolicy request. */
export interface GetAccountPasswordPolicyResponse {
  /** A structure that contains details about the account's password policy. */
  PasswordPolicy: PasswordPolicy;
}

/** Contains the response to a successful GetAccountSummary request. */
export interface GetAccountSummaryResponse {
  /** A set of key–value pairs containing information about IAM entity usage and IAM quotas. */
  SummaryMap?: Record<string, number>;
}

export interface GetContextKeysForCustomPolicyRequest {
  /** A list of policies for which you want the list of context keys referenced in those policies. */
  PolicyInputList: string[];
}

/** Contains the response to a successful GetContextKeysForPrincipalPolicy or GetContextKeysForCustomPolicy request. */
export interface GetContextKeysForPolicyResponse {
  /** The list of context keys that are referenced in the input policies. */
  ContextKeyNames?: string[];
}

export interface GetContextKeysForPrincipalPolicyRequest {
  /** The ARN of a user, group, or role whose policies contain the context keys that you want listed. */
  PolicySourceArn: string;
  /** An optional list of additional policies for which you want the list of context keys that are referenced. */
  PolicyInputList?: string[];
}

/** Contains the response to a successful GetCredentialReport request. */
export interface GetCredentialReportResponse {
  /** Contains the credential report. The report is Base64-encoded. */
  Content?: Buffer;
  /** The format (MIME type) of the credential report. */
  ReportFormat?: ReportFormatType;
  /** The date and time when the credential report was created, in ISO 8601 date-time format. */
  GeneratedTime?: Date;
}

export interface GetDelegationRequestRequest {
  /** The unique identifier of the delegation request to retrieve. */
  DelegationRequestId: string;
  /** Specifies whether to perform a permission check for the delegation request. */
  DelegationPermissionCheck?: boolean;
}

export interface GetDelegationRequestResponse {
  /** The delegation request object containing all details about the request. */
  DelegationRequest?: DelegationRequest;
  /** The status of the permission check for the delegation request. */
  PermissionCheckStatus?: permissionCheckStatusType;
  /** The result of the permission check, indicating whether the caller has sufficient permissions to cover the requested permissions. This is an approximate result. */
  PermissionCheckResult?: permissionCheckResultType;
}

export interface GetGroupPolicyRequest {
  /** The name of the group the policy is associated with. */
  GroupName: string;
  /** The name of the policy document to get. */
  PolicyName: string;
}

/** Contains the response to a successful GetGroupPolicy request. */
export interface GetGroupPolicyResponse {
  /** The group the policy is associated with. */
  GroupName: string;
  /** The name of the policy. */
  PolicyName: string;
  /** The policy document. */
  PolicyDocument: string;
}

export interface GetGroupRequest {
  /** The name of the group. */
  GroupName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful GetGroup request. */
export interface GetGroupResponse {
  /** A structure that contains details about the group. */
  Group: Group;
  /** A list of users in the group. */
  Users: User[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface GetHumanReadableSummaryRequest {
  /** Arn of the entity to be summarized. At this time, the only supported entity type is delegation-request */
  EntityArn: string;
  /** A string representing the locale to use for the summary generation. */
  Locale?: string;
}

export interface GetHumanReadableSummaryResponse {
  /** Summary content in the specified locale. Summary content is non-empty only if the SummaryState is AVAILABLE. */
  SummaryContent?: string;
  /** The locale that this response was generated for. This maps to the input locale. */
  Locale?: string;
  /** State of summary generation. This generation process is asynchronous and this attribute indicates the state of the generation process. */
  SummaryState?: summaryStateType;
}

export interface GetInstanceProfileRequest {
  /** The name of the instance profile to get information about. */
  InstanceProfileName: string;
}

/** Contains the response to a successful GetInstanceProfile request. */
export interface GetInstanceProfileResponse {
  /** A structure containing details about the instance profile. */
  InstanceProfile: InstanceProfile;
}

export interface GetLoginProfileRequest {
  /** The name of the user whose login profile you want to retrieve. */
  UserName?: string;
}

/** Contains the response to a successful GetLoginProfile request. */
export interface GetLoginProfileResponse {
  /** A structure containing the user name and the profile creation date for the user. */
  LoginProfile: LoginProfile;
}

export interface GetMFADeviceRequest {
  /** Serial number that uniquely identifies the MFA device. For this API, we only accept FIDO security key ARNs. */
  SerialNumber: string;
  /** The friendly name identifying the user. */
  UserName?: string;
}

export interface GetMFADeviceResponse {
  /** The friendly name identifying the user. */
  UserName?: string;
  /** Serial number that uniquely identifies the MFA device. For this API, we only accept FIDO security key ARNs. */
  SerialNumber: string;
  /** The date that a specified user's MFA device was first enabled. */
  EnableDate?: Date;
  /** The certifications of a specified user's MFA device. */
  Certifications?: Record<string, string>;
}

export interface GetOpenIDConnectProviderRequest {
  /** The Amazon Resource Name (ARN) of the OIDC provider resource object in IAM to get information for. */
  OpenIDConnectProviderArn: string;
}

/** Contains the response to a successful GetOpenIDConnectProvider request. */
export interface GetOpenIDConnectProviderResponse {
  /** The URL that the IAM OIDC provider resource object is associated with. For more information, see CreateOpenIDConnectProvider. */
  Url?: string;
  /** A list of client IDs (also known as audiences) that are associated with the specified IAM OIDC provider resource object. */
  ClientIDList?: string[];
  /** A list of certificate thumbprints that are associated with the specified IAM OIDC provider resource object. */
  ThumbprintList?: string[];
  /** The date and time when the IAM OIDC provider resource object was created in the Amazon Web Services account. */
  CreateDate?: Date;
  /** A list of tags that are attached to the specified IAM OIDC provider. */
  Tags?: Tag[];
}

export interface GetOrganizationsAccessReportRequest {
  /** The identifier of the request generated by the GenerateOrganizationsAccessReport operation. */
  JobId: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** The key that is used to sort the results. */
  SortKey?: sortKeyType;
}

export interface GetOrganizationsAccessReportResponse {
  /** The status of the job. */
  JobStatus: jobStatusType;
  /** The date and time, in ISO 8601 date-time format, when the report job was created. */
  JobCreationDate: Date;
  /** The date and time, in ISO 8601 date-time format, when the generated report job was completed or failed. */
  JobCompletionDate?: Date;
  /** The number of services that the applicable SCPs allow account principals to access. */
  NumberOfServicesAccessible?: number;
  /** The number of services that account principals are allowed but did not attempt to access. */
  NumberOfServicesNotAccessed?: number;
  /** An object that contains details about the most recent attempt to access the service. */
  AccessDetails?: AccessDetail[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
  ErrorDetails?: ErrorDetails;
}

export interface GetOutboundWebIdentityFederationInfoResponse {
  /** A unique issuer URL for your Amazon Web Services account that hosts the OpenID Connect (OIDC) discovery endpoints at /.well-known/openid-configuration and… */
  IssuerIdentifier?: string;
  /** Indicates whether outbound identity federation is currently enabled for your Amazon Web Services account. */
  JwtVendingEnabled?: boolean;
}

export interface GetPolicyRequest {
  /** The Amazon Resource Name (ARN) of the managed policy that you want information about. */
  PolicyArn: string;
}

/** Contains the response to a successful GetPolicy request. */
export interface GetPolicyResponse {
  /** A structure containing details about the policy. */
  Policy?: Policy;
}

export interface GetPolicyVersionRequest {
  /** The Amazon Resource Name (ARN) of the managed policy that you want information about. */
  PolicyArn: string;
  /** Identifies the policy version to retrieve. */
  VersionId: string;
}

/** Contains the response to a successful GetPolicyVersion request. */
export interface GetPolicyVersionResponse {
  /** A structure containing details about the policy version. */
  PolicyVersion?: PolicyVersion;
}

export interface GetRolePolicyRequest {
  /** The name of the role associated with the policy. */
  RoleName: string;
  /** The name of the policy document to get. */
  PolicyName: string;
}

/** Contains the response to a successful GetRolePolicy request. */
export interface GetRolePolicyResponse {
  /** The role the policy is associated with. */
  RoleName: string;
  /** The name of the policy. */
  PolicyName: string;
  /** The policy document. */
  PolicyDocument: string;
}

export interface GetRoleRequest {
  /** The name of the IAM role to get information about. */
  RoleName: string;
}

/** Contains the response to a successful GetRole request. */
export interface GetRoleResponse {
  /** A structure containing details about the IAM role. */
  Role: Role;
}

export interface GetSAMLProviderRequest {
  /** The Amazon Resource Name (ARN) of the SAML provider resource object in IAM to get information about. */
  SAMLProviderArn: string;
}

/** Contains the response to a successful GetSAMLProvider request. */
export interface GetSAMLProviderResponse {
  /** The unique identifier assigned to the SAML provider. */
  SAMLProviderUUID?: string;
  /** The XML metadata document that includes information about an identity provider. */
  SAMLMetadataDocument?: string;
  /** The date and time when the SAML provider was created. */
  CreateDate?: Date;
  /** The expiration date and time for the SAML provider. */
  ValidUntil?: Date;
  /** A list of tags that are attached to the specified IAM SAML provider. */
  Tags?: Tag[];
  /** Specifies the encryption setting for the SAML provider. */
  AssertionEncryptionMode?: assertionEncryptionModeType;
  /** The private key metadata for the SAML provider. */
  PrivateKeyList?: SAMLPrivateKey[];
}

export interface GetSSHPublicKeyRequest {
  /** The name of the IAM user associated with the SSH public key. */
  UserName: string;
  /** The unique identifier for the SSH public key. */
  SSHPublicKeyId: string;
  /** Specifies the public key encoding format to use in the response. */
  Encoding: encodingType;
}

/** Contains the response to a successful GetSSHPublicKey request. */
export interface GetSSHPublicKeyResponse {
  /** A structure containing details about the SSH public key. */
  SSHPublicKey?: SSHPublicKey;
}

export interface GetServerCertificateRequest {
  /** The name of the server certificate you want to retrieve information about. */
  ServerCertificateName: string;
}

/** Contains the response to a successful GetServerCertificate request. */
export interface GetServerCertificateResponse {
  /** A structure containing details about the server certificate. */
  ServerCertificate: ServerCertificate;
}

export interface GetServiceLastAccessedDetailsRequest {
  /** The ID of the request generated by the GenerateServiceLastAccessedDetails operation. */
  JobId: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
}

export interface GetServiceLastAccessedDetailsResponse {
  /** The status of the job. */
  JobStatus: jobStatusType;
  /** The type of job. Service jobs return information about when each service was last accessed. Action jobs also include information about when tracked actions… */
  JobType?: AccessAdvisorUsageGranularityType;
  /** The date and time, in ISO 8601 date-time format, when the report job was created. */
  JobCreationDate: Date;
  /** A ServiceLastAccessed object that contains details about the most recent attempt to access the service. */
  ServicesLastAccessed: ServiceLastAccessed[];
  /** The date and time, in ISO 8601 date-time format, when the generated report job was completed or failed. */
  JobCompletionDate: Date;
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
  /** An object that contains details about the reason the operation failed. */
  Error?: ErrorDetails;
}

export interface GetServiceLastAccessedDetailsWithEntitiesRequest {
  /** The ID of the request generated by the GenerateServiceLastAccessedDetails operation. */
  JobId: string;
  /** The service namespace for an Amazon Web Services service. */
  ServiceNamespace: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
}

export interface GetServiceLastAccessedDetailsWithEntitiesResponse {
  /** The status of the job. */
  JobStatus: jobStatusType;
  /** The date and time, in ISO 8601 date-time format, when the report job was created. */
  JobCreationDate: Date;
  /** The date and time, in ISO 8601 date-time format, when the generated report job was completed or failed. */
  JobCompletionDate: Date;
  /** An EntityDetailsList object that contains details about when an IAM entity (user or role) used group or policy permissions in an attempt to access the… */
  EntityDetailsList: EntityDetails[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
  /** An object that contains details about the reason the operation failed. */
  Error?: ErrorDetails;
}

export interface GetServiceLinkedRoleDeletionStatusRequest {
  /** The deletion task identifier. */
  DeletionTaskId: string;
}

export interface GetServiceLinkedRoleDeletionStatusResponse {
  /** The status of the deletion. */
  Status: DeletionTaskStatusType;
  /** An object that contains details about the reason the deletion failed. */
  Reason?: DeletionTaskFailureReasonType;
}

export interface GetUserPolicyRequest {
  /** The name of the user who the policy is associated with. */
  UserName: string;
  /** The name of the policy document to get. */
  PolicyName: string;
}

/** Contains the response to a successful GetUserPolicy request. */
export interface GetUserPolicyResponse {
  /** The user the policy is associated with. */
  UserName: string;
  /** The name of the policy. */
  PolicyName: string;
  /** The policy document. */
  PolicyDocument: string;
}

export interface GetUserRequest {
  /** The name of the user to get information about. */
  UserName?: string;
}

/** Contains the response to a successful GetUser request. */
export interface GetUserResponse {
  /** A structure containing details about the IAM user. */
  User: User;
}

/** Contains information about an IAM group entity. */
export interface Group {
  /** The path to the group. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path: string;
  /** The friendly name that identifies the group. */
  GroupName: string;
  /** The stable and unique string identifying the group. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  GroupId: string;
  /** The Amazon Resource Name (ARN) specifying the group. For more information about ARNs and how to use them in policies, see IAM identifiers in the IAM User Guide. */
  Arn: string;
  /** The date and time, in ISO 8601 date-time format, when the group was created. */
  CreateDate: Date;
}

/** Contains information about an IAM group, including all of the group's policies. */
export interface GroupDetail {
  /** The path to the group. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path?: string;
  /** The friendly name that identifies the group. */
  GroupName?: string;
  /** The stable and unique string identifying the group. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  GroupId?: string;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  Arn?: string;
  /** The date and time, in ISO 8601 date-time format, when the group was created. */
  CreateDate?: Date;
  /** A list of the inline policies embedded in the group. */
  GroupPolicyList?: PolicyDetail[];
  /** A list of the managed policies attached to the group. */
  AttachedManagedPolicies?: AttachedPolicy[];
}

/** Contains information about an instance profile. */
export interface InstanceProfile {
  /** The path to the instance profile. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path: string;
  /** The name identifying the instance profile. */
  InstanceProfileName: string;
  /** The stable and unique string identifying the instance profile. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  InstanceProfileId: string;
  /** The Amazon Resource Name (ARN) specifying the instance profile. */
  Arn: string;
  /** The date when the instance profile was created. */
  CreateDate: Date;
  /** The role associated with the instance profile. */
  Roles: Role[];
  /** A list of tags that are attached to the instance profile. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  Tags?: Tag[];
}

/** Error shape. The request was rejected because the authentication code was not recognized. The error message describes the specific error. */
export interface InvalidAuthenticationCodeException {
  message?: string;
}

/** Error shape. The request was rejected because the certificate is invalid. */
export interface InvalidCertificateException {
  message?: string;
}

/** Error shape. The request was rejected because an invalid or out-of-range value was supplied for an input parameter. */
export interface InvalidInputException {
  message?: string;
}

/** Error shape. The request was rejected because the public key is malformed or otherwise invalid. */
export interface InvalidPublicKeyException {
  message?: string;
}

/** Error shape. The request was rejected because the type of user for the transaction was incorrect. */
export interface InvalidUserTypeException {
  message?: string;
}

/** Error shape. The request was rejected because the public key certificate and the private key do not match. */
export interface KeyPairMismatchException {
  message?: string;
}

/** Error shape. The request was rejected because it attempted to create resources beyond the current Amazon Web Services account limits. */
export interface LimitExceededException {
  message?: string;
}

export interface ListAccessKeysRequest {
  /** The name of the user. */
  UserName?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListAccessKeys request. */
export interface ListAccessKeysResponse {
  /** A list of objects containing metadata about the access keys. */
  AccessKeyMetadata: AccessKeyMetadata[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListAccountAliasesRequest {
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListAccountAliases request. */
export interface ListAccountAliasesResponse {
  /** A list of aliases associated with the account. Amazon Web Services supports only one alias per account. */
  AccountAliases: string[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListAttachedGroupPoliciesRequest {
  /** The name (friendly name, not ARN) of the group to list attached policies for. */
  GroupName: string;
  /** The path prefix for filtering the results. This parameter is optional. If it is not included, it defaults to a slash (/), listing all policies. */
  PathPrefix?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListAttachedGroupPolicies request. */
export interface ListAttachedGroupPoliciesResponse {
  /** A list of the attached policies. */
  AttachedPolicies?: AttachedPolicy[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListAttachedRolePoliciesRequest {
  /** The name (friendly name, not ARN) of the role to list attached policies for. */
  RoleName: string;
  /** The path prefix for filtering the results. This parameter is optional. If it is not included, it defaults to a slash (/), listing all policies. */
  PathPrefix?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListAttachedRolePolicies request. */
export interface ListAttachedRolePoliciesResponse {
  /** A list of the attached policies. */
  AttachedPolicies?: AttachedPolicy[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListAttachedUserPoliciesRequest {
  /** The name (friendly name, not ARN) of the user to list attached policies for. */
  UserName: string;
  /** The path prefix for filtering the results. This parameter is optional. If it is not included, it defaults to a slash (/), listing all policies. */
  PathPrefix?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListAttachedUserPolicies request. */
export interface ListAttachedUserPoliciesResponse {
  /** A list of the attached policies. */
  AttachedPolicies?: AttachedPolicy[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListDelegationRequestsRequest {
  /** The owner ID to filter delegation requests by. */
  OwnerId?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListDelegationRequestsResponse {
  /** A list of delegation requests that match the specified criteria. */
  DelegationRequests?: DelegationRequest[];
  /** When isTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
  /** A flag that indicates whether there are more items to return. */
  isTruncated?: boolean;
}

export interface ListEntitiesForPolicyRequest {
  /** The Amazon Resource Name (ARN) of the IAM policy for which you want the versions. */
  PolicyArn: string;
  /** The entity type to use for filtering the results. */
  EntityFilter?: EntityType;
  /** The path prefix for filtering the results. This parameter is optional. If it is not included, it defaults to a slash (/), listing all entities. */
  PathPrefix?: string;
  /** The policy usage method to use for filtering the results. */
  PolicyUsageFilter?: PolicyUsageType;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListEntitiesForPolicy request. */
export interface ListEntitiesForPolicyResponse {
  /** A list of IAM groups that the policy is attached to. */
  PolicyGroups?: PolicyGroup[];
  /** A list of IAM users that the policy is attached to. */
  PolicyUsers?: PolicyUser[];
  /** A list of IAM roles that the policy is attached to. */
  PolicyRoles?: PolicyRole[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListGroupPoliciesRequest {
  /** The name of the group to list policies for. */
  GroupName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListGroupPolicies request. */
export interface ListGroupPoliciesResponse {
  /** A list of policy names. */
  PolicyNames: string[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListGroupsForUserRequest {
  /** The name of the user to list groups for. */
  UserName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListGroupsForUser request. */
export interface ListGroupsForUserResponse {
  /** A list of groups. */
  Groups: Group[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListGroupsRequest {
  /** The path prefix for filtering the results. */
  PathPrefix?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListGroups request. */
export interface ListGroupsResponse {
  /** A list of groups. */
  Groups: Group[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListInstanceProfileTagsRequest {
  /** The name of the IAM instance profile whose tags you want to see. */
  InstanceProfileName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListInstanceProfileTagsResponse {
  /** The list of tags that are currently attached to the IAM instance profile. */
  Tags: Tag[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListInstanceProfilesForRoleRequest {
  /** The name of the role to list instance profiles for. */
  RoleName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListInstanceProfilesForRole request. */
export interface ListInstanceProfilesForRoleResponse {
  /** A list of instance profiles. */
  InstanceProfiles: InstanceProfile[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListInstanceProfilesRequest {
  /** The path prefix for filtering the results. */
  PathPrefix?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListInstanceProfiles request. */
export interface ListInstanceProfilesResponse {
  /** A list of instance profiles. */
  InstanceProfiles: InstanceProfile[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListMFADeviceTagsRequest {
  /** The unique identifier for the IAM virtual MFA device whose tags you want to see. For virtual MFA devices, the serial number is the same as the ARN. */
  SerialNumber: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListMFADeviceTagsResponse {
  /** The list of tags that are currently attached to the virtual MFA device. */
  Tags: Tag[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListMFADevicesRequest {
  /** The name of the user whose MFA devices you want to list. */
  UserName?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListMFADevices request. */
export interface ListMFADevicesResponse {
  /** A list of MFA devices. */
  MFADevices: MFADevice[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListOpenIDConnectProviderTagsRequest {
  /** The ARN of the OpenID Connect (OIDC) identity provider whose tags you want to see. */
  OpenIDConnectProviderArn: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListOpenIDConnectProviderTagsResponse {
  /** The list of tags that are currently attached to the OpenID Connect (OIDC) identity provider. */
  Tags: Tag[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListOpenIDConnectProvidersRequest {}

/** Contains the response to a successful ListOpenIDConnectProviders request. */
export interface ListOpenIDConnectProvidersResponse {
  /** The list of IAM OIDC provider resource objects defined in the Amazon Web Services account. */
  OpenIDConnectProviderList?: OpenIDConnectProviderListEntry[];
}

export interface ListOrganizationsFeaturesRequest {}

export interface ListOrganizationsFeaturesResponse {
  /** The unique identifier (ID) of an organization. */
  OrganizationId?: string;
  /** Specifies the features that are currently available in your organization. */
  EnabledFeatures?: FeatureType[];
}

/** Contains details about the permissions policies that are attached to the specified identity (user, group, or role). */
export interface ListPoliciesGrantingServiceAccessEntry {
  /** The namespace of the service that was accessed. */
  ServiceNamespace?: string;
  /** The PoliciesGrantingServiceAccess object that contains details about the policy. */
  Policies?: PolicyGrantingServiceAccess[];
}

export interface ListPoliciesGrantingServiceAccessRequest {
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** The ARN of the IAM identity (user, group, or role) whose policies you want to list. */
  Arn: string;
  /** The service namespace for the Amazon Web Services services whose policies you want to list. */
  ServiceNamespaces: string[];
}

export interface ListPoliciesGrantingServiceAccessResponse {
  /** A ListPoliciesGrantingServiceAccess object that contains details about the permissions policies attached to the specified identity (user, group, or role). */
  PoliciesGrantingServiceAccess: ListPoliciesGrantingServiceAccessEntry[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListPoliciesRequest {
  /** The scope to use for filtering the results. */
  Scope?: policyScopeType;
  /** A flag to filter the results to only the attached policies. */
  OnlyAttached?: boolean;
  /** The path prefix for filtering the results. */
  PathPrefix?: string;
  /** The policy usage method to use for filtering the results. */
  PolicyUsageFilter?: PolicyUsageType;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListPolicies request. */
export interface ListPoliciesResponse {
  /** A list of policies. */
  Policies?: Policy[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListPolicyTagsRequest {
  /** The ARN of the IAM customer managed policy whose tags you want to see. */
  PolicyArn: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListPolicyTagsResponse {
  /** The list of tags that are currently attached to the IAM customer managed policy. */
  Tags: Tag[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListPolicyVersionsRequest {
  /** The Amazon Resource Name (ARN) of the IAM policy for which you want the versions. */
  PolicyArn: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListPolicyVersions request. */
export interface ListPolicyVersionsResponse {
  /** A list of policy versions. */
  Versions?: PolicyVersion[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListRolePoliciesRequest {
  /** The name of the role to list policies for. */
  RoleName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListRolePolicies request. */
export interface ListRolePoliciesResponse {
  /** A list of policy names. */
  PolicyNames: string[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListRoleTagsRequest {
  /** The name of the IAM role for which you want to see the list of tags. */
  RoleName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListRoleTagsResponse {
  /** The list of tags that are currently attached to the role. */
  Tags: Tag[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListRolesRequest {
  /** The path prefix for filtering the results. */
  PathPrefix?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListRoles request. */
export interface ListRolesResponse {
  /** A list of roles. */
  Roles: Role[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListSAMLProviderTagsRequest {
  /** The ARN of the Security Assertion Markup Language (SAML) identity provider whose tags you want to see. */
  SAMLProviderArn: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListSAMLProviderTagsResponse {
  /** The list of tags that are currently attached to the Security Assertion Markup Language (SAML) identity provider. */
  Tags: Tag[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListSAMLProvidersRequest {}

/** Contains the response to a successful ListSAMLProviders request. */
export interface ListSAMLProvidersResponse {
  /** The list of SAML provider resource objects defined in IAM for this Amazon Web Services account. */
  SAMLProviderList?: SAMLProviderListEntry[];
}

export interface ListSSHPublicKeysRequest {
  /** The name of the IAM user to list SSH public keys for. */
  UserName?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListSSHPublicKeys request. */
export interface ListSSHPublicKeysResponse {
  /** A list of the SSH public keys assigned to IAM user. */
  SSHPublicKeys?: SSHPublicKeyMetadata[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListServerCertificateTagsRequest {
  /** The name of the IAM server certificate whose tags you want to see. */
  ServerCertificateName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListServerCertificateTagsResponse {
  /** The list of tags that are currently attached to the IAM server certificate. */
  Tags: Tag[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListServerCertificatesRequest {
  /** The path prefix for filtering the results. */
  PathPrefix?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListServerCertificates request. */
export interface ListServerCertificatesResponse {
  /** A list of server certificates. */
  ServerCertificateMetadataList: ServerCertificateMetadata[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListServiceSpecificCredentialsRequest {
  /** The name of the user whose service-specific credentials you want information about. */
  UserName?: string;
  /** Filters the returned results to only those for the specified Amazon Web Services service. */
  ServiceName?: string;
  /** A flag indicating whether to list service specific credentials for all users. */
  AllUsers?: boolean;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListServiceSpecificCredentialsResponse {
  /** A list of structures that each contain details about a service-specific credential. */
  ServiceSpecificCredentials?: ServiceSpecificCredentialMetadata[];
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
}

export interface ListSigningCertificatesRequest {
  /** The name of the IAM user whose signing certificates you want to examine. */
  UserName?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListSigningCertificates request. */
export interface ListSigningCertificatesResponse {
  /** A list of the user's signing certificate information. */
  Certificates: SigningCertificate[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListUserPoliciesRequest {
  /** The name of the user to list policies for. */
  UserName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListUserPolicies request. */
export interface ListUserPoliciesResponse {
  /** A list of policy names. */
  PolicyNames: string[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListUserTagsRequest {
  /** The name of the IAM user whose tags you want to see. */
  UserName: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

export interface ListUserTagsResponse {
  /** The list of tags that are currently attached to the user. */
  Tags: Tag[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListUsersRequest {
  /** The path prefix for filtering the results. */
  PathPrefix?: string;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListUsers request. */
export interface ListUsersResponse {
  /** A list of users. */
  Users: User[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface ListVirtualMFADevicesRequest {
  /** The status (Unassigned or Assigned) of the devices to list. */
  AssignmentStatus?: assignmentStatusType;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
}

/** Contains the response to a successful ListVirtualMFADevices request. */
export interface ListVirtualMFADevicesResponse {
  /** The list of virtual MFA devices in the current account that match the AssignmentStatus value that was passed in the request. */
  VirtualMFADevices: VirtualMFADevice[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

/** Contains the user name and password create date for a user. */
export interface LoginProfile {
  /** The name of the user, which can be used for signing in to the Amazon Web Services Management Console. */
  UserName: string;
  /** The date when the password for the user was created. */
  CreateDate: Date;
  /** Specifies whether the user is required to set a new password on next sign-in. */
  PasswordResetRequired?: boolean;
}

/** Contains information about an MFA device. */
export interface MFADevice {
  /** The user with whom the MFA device is associated. */
  UserName: string;
  /** The serial number that uniquely identifies the MFA device. For virtual MFA devices, the serial number is the device ARN. */
  SerialNumber: string;
  /** The date when the MFA device was enabled for the user. */
  EnableDate: Date;
}

/** Error shape. The request was rejected because the certificate was malformed or expired. The error message describes the specific error. */
export interface MalformedCertificateException {
  message?: string;
}

/** Error shape. The request was rejected because the policy document was malformed. The error message describes the specific error. */
export interface MalformedPolicyDocumentException {
  message?: string;
}

/** Contains information about a managed policy, including the policy's ARN, versions, and the number of principal entities (users, groups, and roles) that the… */
export interface ManagedPolicyDetail {
  /** The friendly name (not ARN) identifying the policy. */
  PolicyName?: string;
  /** The stable and unique string identifying the policy. */
  PolicyId?: string;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  Arn?: string;
  /** The path to the policy. */
  Path?: string;
  /** The identifier for the version of the policy that is set as the default (operative) version. */
  DefaultVersionId?: string;
  /** The number of principal entities (users, groups, and roles) that the policy is attached to. */
  AttachmentCount?: number;
  /** The number of entities (users and roles) for which the policy is used as the permissions boundary. */
  PermissionsBoundaryUsageCount?: number;
  /** Specifies whether the policy can be attached to an IAM user, group, or role. */
  IsAttachable?: boolean;
  /** A friendly description of the policy. */
  Description?: string;
  /** The date and time, in ISO 8601 date-time format, when the policy was created. */
  CreateDate?: Date;
  /** The date and time, in ISO 8601 date-time format, when the policy was last updated. */
  UpdateDate?: Date;
  /** A list containing information about the versions of the policy. */
  PolicyVersionList?: PolicyVersion[];
}

/** Error shape. The request was rejected because it referenced a resource entity that does not exist. The error message describes the resource. */
export interface NoSuchEntityException {
  message?: string;
}

/** Contains the Amazon Resource Name (ARN) for an IAM OpenID Connect provider. */
export interface OpenIDConnectProviderListEntry {
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  Arn?: string;
}

/** Error shape. The request failed because IAM cannot connect to the OpenID Connect identity provider URL. */
export interface OpenIdIdpCommunicationErrorException {
  message?: string;
}

/** Error shape. The request was rejected because no organization is associated with your account. */
export interface OrganizationNotFoundException {}

/** Error shape. The request was rejected because your organization does not have All features enabled. */
export interface OrganizationNotInAllFeaturesModeException {}

/** Contains information about the effect that Organizations has on a policy simulation. */
export interface OrganizationsDecisionDetail {
  /** Specifies whether the simulated operation is allowed by the Organizations service control policies that impact the simulated user's account. */
  AllowedByOrganizations?: boolean;
}

/** Contains information about the account password policy. */
export interface PasswordPolicy {
  /** Minimum length to require for IAM user passwords. */
  MinimumPasswordLength?: number;
  /** Specifies whether IAM user passwords must contain at least one of the following symbols: */
  RequireSymbols?: boolean;
  /** Specifies whether IAM user passwords must contain at least one numeric character (0 to 9). */
  RequireNumbers?: boolean;
  /** Specifies whether IAM user passwords must contain at least one uppercase character (A to Z). */
  RequireUppercaseCharacters?: boolean;
  /** Specifies whether IAM user passwords must contain at least one lowercase character (a to z). */
  RequireLowercaseCharacters?: boolean;
  /** Specifies whether IAM users are allowed to change their own password. */
  AllowUsersToChangePassword?: boolean;
  /** Indicates whether passwords in the account expire. */
  ExpirePasswords?: boolean;
  /** The number of days that an IAM user password is valid. */
  MaxPasswordAge?: number;
  /** Specifies the number of previous passwords that IAM users are prevented from reusing. */
  PasswordReusePrevention?: number;
  /** Specifies whether IAM users are prevented from setting a new password via the Amazon Web Services Management Console after their password has expired. */
  HardExpiry?: boolean;
}

/** Error shape. The request was rejected because the provided password did not meet the requirements imposed by the account password policy. */
export interface PasswordPolicyViolationException {
  message?: string;
}

export type PermissionsBoundaryAttachmentType = 'PermissionsBoundaryPolicy';
export const PermissionsBoundaryAttachmentTypeValues = ['PermissionsBoundaryPolicy'] as const;

/** Contains information about the effect that a permissions boundary has on a policy simulation when the boundary is applied to an IAM entity. */
export interface PermissionsBoundaryDecisionDetail {
  /** Specifies whether an action is allowed by a permissions boundary that is applied to an IAM entity (user or role). */
  AllowedByPermissionsBoundary?: boolean;
}

/** Contains information about a managed policy. */
export interface Policy {
  /** The friendly name (not ARN) identifying the policy. */
  PolicyName?: string;
  /** The stable and unique string identifying the policy. */
  PolicyId?: string;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  Arn?: string;
  /** The path to the policy. */
  Path?: string;
  /** The identifier for the version of the policy that is set as the default version. */
  DefaultVersionId?: string;
  /** The number of entities (users, groups, and roles) that the policy is attached to. */
  AttachmentCount?: number;
  /** The number of entities (users and roles) for which the policy is used to set the permissions boundary. */
  PermissionsBoundaryUsageCount?: number;
  /** Specifies whether the policy can be attached to an IAM user, group, or role. */
  IsAttachable?: boolean;
  /** A friendly description of the policy. */
  Description?: string;
  /** The date and time, in ISO 8601 date-time format, when the policy was created. */
  CreateDate?: Date;
  /** The date and time, in ISO 8601 date-time format, when the policy was last updated. */
  UpdateDate?: Date;
  /** A list of tags that are attached to the instance profile. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  Tags?: Tag[];
}

/** Contains information about an IAM policy, including the policy document. */
export interface PolicyDetail {
  /** The name of the policy. */
  PolicyName?: string;
  /** The policy document. */
  PolicyDocument?: string;
}

export type PolicyEvaluationDecisionType = 'allowed' | 'explicitDeny' | 'implicitDeny';
export const PolicyEvaluationDecisionTypeValues = ['allowed', 'explicitDeny', 'implicitDeny'] as const;

/** Error shape. The request failed because a provided policy could not be successfully evaluated. An additional detailed message indicates the source of the failure. */
export interface PolicyEvaluationException {
  message?: string;
}

/** Contains details about the permissions policies that are attached to the specified identity (user, group, or role). */
export interface PolicyGrantingServiceAccess {
  /** The policy name. */
  PolicyName: string;
  /** The policy type. For more information about these policy types, see Managed policies and inline policies in the IAM User Guide. */
  PolicyType: policyType;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  PolicyArn?: string;
  /** The type of entity (user or role) that used the policy to access the service to which the inline policy is attached. */
  EntityType?: policyOwnerEntityType;
  /** The name of the entity (user or role) to which the inline policy is attached. */
  EntityName?: string;
}

/** Contains information about a group that a managed policy is attached to. */
export interface PolicyGroup {
  /** The name (friendly name, not ARN) identifying the group. */
  GroupName?: string;
  /** The stable and unique string identifying the group. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  GroupId?: string;
}

/** Error shape. The request failed because Amazon Web Services service role policies can only be attached to the service-linked role for that service. */
export interface PolicyNotAttachableException {
  message?: string;
}

/** Contains information about a policy parameter used to customize delegated permissions. */
export interface PolicyParameter {
  /** The name of the policy parameter. */
  Name?: string;
  /** The allowed values for the policy parameter. */
  Values?: string[];
  /** The data type of the policy parameter value. */
  Type?: PolicyParameterTypeEnum;
}

export type PolicyParameterTypeEnum = 'string' | 'stringList';
export const PolicyParameterTypeEnumValues = ['string', 'stringList'] as const;

/** Contains information about a role that a managed policy is attached to. */
export interface PolicyRole {
  /** The name (friendly name, not ARN) identifying the role. */
  RoleName?: string;
  /** The stable and unique string identifying the role. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  RoleId?: string;
}

export type PolicySourceType = 'user' | 'group' | 'role' | 'aws-managed' | 'user-managed' | 'resource' | 'none';
export const PolicySourceTypeValues = [
  'user',
  'group',
  'role',
  'aws-managed',
  'user-managed',
  'resource',
  'none',
] as const;

/** The policy usage type that indicates whether the policy is used as a permissions policy or as the permissions boundary for an entity. */
export type PolicyUsageType = 'PermissionsPolicy' | 'PermissionsBoundary';
export const PolicyUsageTypeValues = ['PermissionsPolicy', 'PermissionsBoundary'] as const;

/** Contains information about a user that a managed policy is attached to. */
export interface PolicyUser {
  /** The name (friendly name, not ARN) identifying the user. */
  UserName?: string;
  /** The stable and unique string identifying the user. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  UserId?: string;
}

/** Contains information about a version of a managed policy. */
export interface PolicyVersion {
  /** The policy document. */
  Document?: string;
  /** The identifier for the policy version. */
  VersionId?: string;
  /** Specifies whether the policy version is set as the policy's default version. */
  IsDefaultVersion?: boolean;
  /** The date and time, in ISO 8601 date-time format, when the policy version was created. */
  CreateDate?: Date;
}

/** Contains the row and column of a location of a Statement element in a policy document. */
export interface Position {
  /** The line containing the specified position in the document. */
  Line?: number;
  /** The column in the line containing the specified position in the document. */
  Column?: number;
}

export interface PutGroupPolicyRequest {
  /** The name of the group to associate the policy with. */
  GroupName: string;
  /** The name of the policy document. */
  PolicyName: string;
  /** The policy document. */
  PolicyDocument: string;
}

export interface PutRolePermissionsBoundaryRequest {
  /** The name (friendly name, not ARN) of the IAM role for which you want to set the permissions boundary. */
  RoleName: string;
  /** The ARN of the managed policy that is used to set the permissions boundary for the role. */
  PermissionsBoundary: string;
}

export interface PutRolePolicyRequest {
  /** The name of the role to associate the policy with. */
  RoleName: string;
  /** The name of the policy document. */
  PolicyName: string;
  /** The policy document. */
  PolicyDocument: string;
}

export interface PutUserPermissionsBoundaryRequest {
  /** The name (friendly name, not ARN) of the IAM user for which you want to set the permissions boundary. */
  UserName: string;
  /** The ARN of the managed policy that is used to set the permissions boundary for the user. */
  PermissionsBoundary: string;
}

export interface PutUserPolicyRequest {
  /** The name of the user to associate the policy with. */
  UserName: string;
  /** The name of the policy document. */
  PolicyName: string;
  /** The policy document. */
  PolicyDocument: string;
}

export interface RejectDelegationRequestRequest {
  /** The unique identifier of the delegation request to reject. */
  DelegationRequestId: string;
  /** Optional notes explaining the reason for rejecting the delegation request. */
  Notes?: string;
}

export interface RemoveClientIDFromOpenIDConnectProviderRequest {
  /** The Amazon Resource Name (ARN) of the IAM OIDC provider resource to remove the client ID from. */
  OpenIDConnectProviderArn: string;
  /** The client ID (also known as audience) to remove from the IAM OIDC provider resource. For more information about client IDs, see CreateOpenIDConnectProvider. */
  ClientID: string;
}

export interface RemoveRoleFromInstanceProfileRequest {
  /** The name of the instance profile to update. */
  InstanceProfileName: string;
  /** The name of the role to remove. */
  RoleName: string;
}

export interface RemoveUserFromGroupRequest {
  /** The name of the group to update. */
  GroupName: string;
  /** The name of the user to remove. */
  UserName: string;
}

export type ReportFormatType = 'text/csv';
export const ReportFormatTypeValues = ['text/csv'] as const;

/** Error shape. The request failed because the maximum number of concurrent requests for this account are already running. */
export interface ReportGenerationLimitExceededException {
  message?: string;
}

export type ReportStateType = 'STARTED' | 'INPROGRESS' | 'COMPLETE';
export const ReportStateTypeValues = ['STARTED', 'INPROGRESS', 'COMPLETE'] as const;

export interface ResetServiceSpecificCredentialRequest {
  /** The name of the IAM user associated with the service-specific credential. */
  UserName?: string;
  /** The unique identifier of the service-specific credential. */
  ServiceSpecificCredentialId: string;
}

export interface ResetServiceSpecificCredentialResponse {
  /** A structure with details about the updated service-specific credential, including the new password. */
  ServiceSpecificCredential?: ServiceSpecificCredential;
}

/** Contains the result of the simulation of a single API operation call on a single resource. */
export interface ResourceSpecificResult {
  /** The name of the simulated resource, in Amazon Resource Name (ARN) format. */
  EvalResourceName: string;
  /** The result of the simulation of the simulated API operation on the resource specified in EvalResourceName. */
  EvalResourceDecision: PolicyEvaluationDecisionType;
  /** A list of the statements in the input policies that determine the result for this part of the simulation. */
  MatchedStatements?: Statement[];
  /** A list of context keys that are required by the included input policies but that were not provided by one of the input parameters. */
  MissingContextValues?: string[];
  /** Additional details about the results of the evaluation decision on a single resource. */
  EvalDecisionDetails?: Record<string, PolicyEvaluationDecisionType>;
  /** Contains information about the effect that a permissions boundary has on a policy simulation when that boundary is applied to an IAM entity. */
  PermissionsBoundaryDecisionDetail?: PermissionsBoundaryDecisionDetail;
}

export interface ResyncMFADeviceRequest {
  /** The name of the user whose MFA device you want to resynchronize. */
  UserName: string;
  /** Serial number that uniquely identifies the MFA device. */
  SerialNumber: string;
  /** An authentication code emitted by the device. */
  AuthenticationCode1: string;
  /** A subsequent authentication code emitted by the device. */
  AuthenticationCode2: string;
}

/** Contains information about an IAM role. This structure is returned as a response element in several API operations that interact with roles. */
export interface Role {
  /** The path to the role. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path: string;
  /** The friendly name that identifies the role. */
  RoleName: string;
  /** The stable and unique string identifying the role. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  RoleId: string;
  /** The Amazon Resource Name (ARN) specifying the role. */
  Arn: string;
  /** The date and time, in ISO 8601 date-time format, when the role was created. */
  CreateDate: Date;
  /** The policy that grants an entity permission to assume the role. */
  AssumeRolePolicyDocument?: string;
  /** A description of the role that you provide. */
  Description?: string;
  /** The maximum session duration (in seconds) for the specified role. */
  MaxSessionDuration?: number;
  /** The ARN of the policy used to set the permissions boundary for the role. */
  PermissionsBoundary?: AttachedPermissionsBoundary;
  /** A list of tags that are attached to the role. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  Tags?: Tag[];
  /** Contains information about the last time that an IAM role was used. */
  RoleLastUsed?: RoleLastUsed;
}

/** Contains information about an IAM role, including all of the role's policies. */
export interface RoleDetail {
  /** The path to the role. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path?: string;
  /** The friendly name that identifies the role. */
  RoleName?: string;
  /** The stable and unique string identifying the role. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  RoleId?: string;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  Arn?: string;
  /** The date and time, in ISO 8601 date-time format, when the role was created. */
  CreateDate?: Date;
  /** The trust policy that grants permission to assume the role. */
  AssumeRolePolicyDocument?: string;
  /** A list of instance profiles that contain this role. */
  InstanceProfileList?: InstanceProfile[];
  /** A list of inline policies embedded in the role. These policies are the role's access (permissions) policies. */
  RolePolicyList?: PolicyDetail[];
  /** A list of managed policies attached to the role. These policies are the role's access (permissions) policies. */
  AttachedManagedPolicies?: AttachedPolicy[];
  /** The ARN of the policy used to set the permissions boundary for the role. */
  PermissionsBoundary?: AttachedPermissionsBoundary;
  /** A list of tags that are attached to the role. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  Tags?: Tag[];
  /** Contains information about the last time that an IAM role was used. */
  RoleLastUsed?: RoleLastUsed;
}

/** Contains information about the last time that an IAM role was used. */
export interface RoleLastUsed {
  /** The date and time, in ISO 8601 date-time format that the role was last used. */
  LastUsedDate?: Date;
  /** The name of the Amazon Web Services Region in which the role was last used. */
  Region?: string;
}

/** An object that contains details about how a service-linked role is used, if that information is returned by the service. */
export interface RoleUsageType {
  /** The name of the Region where the service-linked role is being used. */
  Region?: string;
  /** The name of the resource that is using the service-linked role. */
  Resources?: string[];
}

/** Contains the private keys for the SAML provider. */
export interface SAMLPrivateKey {
  /** The unique identifier for the SAML private key. */
  KeyId?: string;
  /** The date and time, in ISO 8601 date-time format, when the private key was uploaded. */
  Timestamp?: Date;
}

/** Contains the list of SAML providers for this account. */
export interface SAMLProviderListEntry {
  /** The Amazon Resource Name (ARN) of the SAML provider. */
  Arn?: string;
  /** The expiration date and time for the SAML provider. */
  ValidUntil?: Date;
  /** The date and time when the SAML provider was created. */
  CreateDate?: Date;
}

/** Contains information about an SSH public key. */
export interface SSHPublicKey {
  /** The name of the IAM user associated with the SSH public key. */
  UserName: string;
  /** The unique identifier for the SSH public key. */
  SSHPublicKeyId: string;
  /** The MD5 message digest of the SSH public key. */
  Fingerprint: string;
  /** The SSH public key. */
  SSHPublicKeyBody: string;
  /** The status of the SSH public key. */
  Status: statusType;
  /** The date and time, in ISO 8601 date-time format, when the SSH public key was uploaded. */
  UploadDate?: Date;
}

/** Contains information about an SSH public key, without the key's body or fingerprint. */
export interface SSHPublicKeyMetadata {
  /** The name of the IAM user associated with the SSH public key. */
  UserName: string;
  /** The unique identifier for the SSH public key. */
  SSHPublicKeyId: string;
  /** The status of the SSH public key. */
  Status: statusType;
  /** The date and time, in ISO 8601 date-time format, when the SSH public key was uploaded. */
  UploadDate: Date;
}

export interface SendDelegationTokenRequest {
  /** The unique identifier of the delegation request for which to send the token. */
  DelegationRequestId: string;
}

/** Contains information about a server certificate. */
export interface ServerCertificate {
  /** The meta information of the server certificate, such as its name, path, ID, and ARN. */
  ServerCertificateMetadata: ServerCertificateMetadata;
  /** The contents of the public key certificate. */
  CertificateBody: string;
  /** The contents of the public key certificate chain. */
  CertificateChain?: string;
  /** A list of tags that are attached to the server certificate. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  Tags?: Tag[];
}

/** Contains information about a server certificate without its certificate body, certificate chain, and private key. */
export interface ServerCertificateMetadata {
  /** The path to the server certificate. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path: string;
  /** The name that identifies the server certificate. */
  ServerCertificateName: string;
  /** The stable and unique string identifying the server certificate. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  ServerCertificateId: string;
  /** The Amazon Resource Name (ARN) specifying the server certificate. */
  Arn: string;
  /** The date when the server certificate was uploaded. */
  UploadDate?: Date;
  /** The date on which the certificate is set to expire. */
  Expiration?: Date;
}

/** Error shape. The request was rejected because trusted access is not enabled for IAM in Organizations. For details, see IAM and Organizations in the Organizations User Guide. */
export interface ServiceAccessNotEnabledException {}

/** Error shape. The request processing has failed because of an unknown error, exception or failure. */
export interface ServiceFailureException {
  message?: string;
}

/** Contains details about the most recent attempt to access the service. */
export interface ServiceLastAccessed {
  /** The name of the service in which access was attempted. */
  ServiceName: string;
  /** The date and time, in ISO 8601 date-time format, when an authenticated entity most recently attempted to access the service. */
  LastAuthenticated?: Date;
  /** The namespace of the service in which access was attempted. */
  ServiceNamespace: string;
  /** The ARN of the authenticated entity (user or role) that last attempted to access the service. Amazon Web Services does not report unauthenticated requests. */
  LastAuthenticatedEntity?: string;
  /** The Region from which the authenticated entity (user or role) last attempted to access the service. */
  LastAuthenticatedRegion?: string;
  /** The total number of authenticated principals (root user, IAM users, or IAM roles) that have attempted to access the service. */
  TotalAuthenticatedEntities?: number;
  /** An object that contains details about the most recent attempt to access a tracked action within the service. */
  TrackedActionsLastAccessed?: TrackedActionLastAccessed[];
}

/** Error shape. The specified service does not support service-specific credentials. */
export interface ServiceNotSupportedException {
  message?: string;
}

/** Contains the details of a service-specific credential. */
export interface ServiceSpecificCredential {
  /** The date and time, in ISO 8601 date-time format, when the service-specific credential were created. */
  CreateDate: Date;
  /** The date and time when the service specific credential expires. */
  ExpirationDate?: Date;
  /** The name of the service associated with the service-specific credential. */
  ServiceName: string;
  /** The generated user name for the service-specific credential. */
  ServiceUserName?: string;
  /** The generated password for the service-specific credential. */
  ServicePassword?: string;
  /** For Bedrock API keys and CloudWatch Logs API keys, this is the public portion of the credential that includes the IAM user name and a suffix containing… */
  ServiceCredentialAlias?: string;
  /** For Bedrock API keys and CloudWatch Logs API keys, this is the secret portion of the credential that should be used to authenticate API calls. */
  ServiceCredentialSecret?: string;
  /** The unique identifier for the service-specific credential. */
  ServiceSpecificCredentialId: string;
  /** The name of the IAM user associated with the service-specific credential. */
  UserName: string;
  /** The status of the service-specific credential. Active means that the key is valid for API calls, while Inactive means it is not. */
  Status: statusType;
}

/** Contains additional details about a service-specific credential. */
export interface ServiceSpecificCredentialMetadata {
  /** The name of the IAM user associated with the service-specific credential. */
  UserName: string;
  /** The status of the service-specific credential. Active means that the key is valid for API calls, while Inactive means it is not. */
  Status: statusType;
  /** The generated user name for the service-specific credential. */
  ServiceUserName?: string;
  /** For Bedrock API keys and CloudWatch Logs API keys, this is the public portion of the credential that includes the IAM user name and a suffix containing… */
  ServiceCredentialAlias?: string;
  /** The date and time, in ISO 8601 date-time format, when the service-specific credential were created. */
  CreateDate: Date;
  /** The date and time when the service specific credential expires. */
  ExpirationDate?: Date;
  /** The unique identifier for the service-specific credential. */
  ServiceSpecificCredentialId: string;
  /** The name of the service associated with the service-specific credential. */
  ServiceName: string;
}

export interface SetDefaultPolicyVersionRequest {
  /** The Amazon Resource Name (ARN) of the IAM policy whose default version you want to set. */
  PolicyArn: string;
  /** The version of the policy to set as the default (operative) version. */
  VersionId: string;
}

export interface SetSecurityTokenServicePreferencesRequest {
  /** The version of the global endpoint token. */
  GlobalEndpointTokenVersion: globalEndpointTokenVersion;
}

/** Contains information about an X.509 signing certificate. */
export interface SigningCertificate {
  /** The name of the user the signing certificate is associated with. */
  UserName: string;
  /** The ID for the signing certificate. */
  CertificateId: string;
  /** The contents of the signing certificate. */
  CertificateBody: string;
  /** The status of the signing certificate. Active means that the key is valid for API calls, while Inactive means it is not. */
  Status: statusType;
  /** The date when the signing certificate was uploaded. */
  UploadDate?: Date;
}

export interface SimulateCustomPolicyRequest {
  /** A list of policy documents to include in the simulation. */
  PolicyInputList: string[];
  /** The IAM permissions boundary policy to simulate. */
  PermissionsBoundaryPolicyInputList?: string[];
  /** A list of names of API operations to evaluate in the simulation. */
  ActionNames: string[];
  /** A list of ARNs of Amazon Web Services resources to include in the simulation. */
  ResourceArns?: string[];
  /** A resource-based policy to include in the simulation provided as a string. */
  ResourcePolicy?: string;
  /** An ARN representing the Amazon Web Services account ID that specifies the owner of any simulated resource that does not identify its owner in the resource ARN. */
  ResourceOwner?: string;
  /** The ARN of the IAM user that you want to use as the simulated caller of the API operations. */
  CallerArn?: string;
  /** A list of context keys and corresponding values for the simulation to use. */
  ContextEntries?: ContextEntry[];
  /** Specifies the type of simulation to run. */
  ResourceHandlingOption?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
}

/** Contains the response to a successful SimulatePrincipalPolicy or SimulateCustomPolicy request. */
export interface SimulatePolicyResponse {
  /** The results of the simulation. */
  EvaluationResults?: EvaluationResult[];
  /** A flag that indicates whether there are more items to return. */
  IsTruncated?: boolean;
  /** When IsTruncated is true, this element is present and contains the value to use for the Marker parameter in a subsequent pagination request. */
  Marker?: string;
}

export interface SimulatePrincipalPolicyRequest {
  /** The Amazon Resource Name (ARN) of a user, group, or role whose policies you want to include in the simulation. */
  PolicySourceArn: string;
  /** An optional list of additional policy documents to include in the simulation. */
  PolicyInputList?: string[];
  /** The IAM permissions boundary policy to simulate. */
  PermissionsBoundaryPolicyInputList?: string[];
  /** A list of names of API operations to evaluate in the simulation. */
  ActionNames: string[];
  /** A list of ARNs of Amazon Web Services resources to include in the simulation. */
  ResourceArns?: string[];
  /** A resource-based policy to include in the simulation provided as a string. */
  ResourcePolicy?: string;
  /** An Amazon Web Services account ID that specifies the owner of any simulated resource that does not identify its owner in the resource ARN. */
  ResourceOwner?: string;
  /** The ARN of the IAM user that you want to specify as the simulated caller of the API operations. */
  CallerArn?: string;
  /** A list of context keys and corresponding values for the simulation to use. */
  ContextEntries?: ContextEntry[];
  /** Specifies the type of simulation to run. */
  ResourceHandlingOption?: string;
  /** Use this only when paginating results to indicate the maximum number of items you want in the response. */
  MaxItems?: number;
  /** Use this parameter only when paginating results and only after you receive a response indicating that the results are truncated. */
  Marker?: string;
}

/** Contains a reference to a Statement element in a policy document that determines the result of the simulation. */
export interface Statement {
  /** The identifier of the policy that was provided as an input. */
  SourcePolicyId?: string;
  /** The type of the policy. */
  SourcePolicyType?: PolicySourceType;
  /** The row and column of the beginning of the Statement in an IAM policy. */
  StartPosition?: Position;
  /** The row and column of the end of a Statement in an IAM policy. */
  EndPosition?: Position;
}

/** A structure that represents user-provided metadata that can be associated with an IAM resource. */
export interface Tag {
  /** The key name that can be used to look up or retrieve the associated value. For example, Department or Cost Center are common choices. */
  Key: string;
  /** The value associated with this tag. */
  Value: string;
}

export interface TagInstanceProfileRequest {
  /** The name of the IAM instance profile to which you want to add tags. */
  InstanceProfileName: string;
  /** The list of tags that you want to attach to the IAM instance profile. Each tag consists of a key name and an associated value. */
  Tags: Tag[];
}

export interface TagMFADeviceRequest {
  /** The unique identifier for the IAM virtual MFA device to which you want to add tags. For virtual MFA devices, the serial number is the same as the ARN. */
  SerialNumber: string;
  /** The list of tags that you want to attach to the IAM virtual MFA device. Each tag consists of a key name and an associated value. */
  Tags: Tag[];
}

export interface TagOpenIDConnectProviderRequest {
  /** The ARN of the OIDC identity provider in IAM to which you want to add tags. */
  OpenIDConnectProviderArn: string;
  /** The list of tags that you want to attach to the OIDC identity provider in IAM. Each tag consists of a key name and an associated value. */
  Tags: Tag[];
}

export interface TagPolicyRequest {
  /** The ARN of the IAM customer managed policy to which you want to add tags. */
  PolicyArn: string;
  /** The list of tags that you want to attach to the IAM customer managed policy. Each tag consists of a key name and an associated value. */
  Tags: Tag[];
}

export interface TagRoleRequest {
  /** The name of the IAM role to which you want to add tags. */
  RoleName: string;
  /** The list of tags that you want to attach to the IAM role. Each tag consists of a key name and an associated value. */
  Tags: Tag[];
}

export interface TagSAMLProviderRequest {
  /** The ARN of the SAML identity provider in IAM to which you want to add tags. */
  SAMLProviderArn: string;
  /** The list of tags that you want to attach to the SAML identity provider in IAM. Each tag consists of a key name and an associated value. */
  Tags: Tag[];
}

export interface TagServerCertificateRequest {
  /** The name of the IAM server certificate to which you want to add tags. */
  ServerCertificateName: string;
  /** The list of tags that you want to attach to the IAM server certificate. Each tag consists of a key name and an associated value. */
  Tags: Tag[];
}

export interface TagUserRequest {
  /** The name of the IAM user to which you want to add tags. */
  UserName: string;
  /** The list of tags that you want to attach to the IAM user. Each tag consists of a key name and an associated value. */
  Tags: Tag[];
}

/** Contains details about the most recent attempt to access an action within the service. */
export interface TrackedActionLastAccessed {
  /** The name of the tracked action to which access was attempted. Tracked actions are actions that report activity to IAM. */
  ActionName?: string;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  LastAccessedEntity?: string;
  /** The date and time, in ISO 8601 date-time format, when an authenticated entity most recently attempted to access the tracked service. */
  LastAccessedTime?: Date;
  /** The Region from which the authenticated entity (user or role) last attempted to access the tracked action. */
  LastAccessedRegion?: string;
}

/** Error shape. The request was rejected because service-linked roles are protected Amazon Web Services resources. */
export interface UnmodifiableEntityException {
  message?: string;
}

/** Error shape. The request was rejected because the public key encoding format is unsupported or unrecognized. */
export interface UnrecognizedPublicKeyEncodingException {
  message?: string;
}

export interface UntagInstanceProfileRequest {
  /** The name of the IAM instance profile from which you want to remove tags. */
  InstanceProfileName: string;
  /** A list of key names as a simple array of strings. The tags with matching keys are removed from the specified instance profile. */
  TagKeys: string[];
}

export interface UntagMFADeviceRequest {
  /** The unique identifier for the IAM virtual MFA device from which you want to remove tags. For virtual MFA devices, the serial number is the same as the ARN. */
  SerialNumber: string;
  /** A list of key names as a simple array of strings. The tags with matching keys are removed from the specified instance profile. */
  TagKeys: string[];
}

export interface UntagOpenIDConnectProviderRequest {
  /** The ARN of the OIDC provider in IAM from which you want to remove tags. */
  OpenIDConnectProviderArn: string;
  /** A list of key names as a simple array of strings. The tags with matching keys are removed from the specified OIDC provider. */
  TagKeys: string[];
}

export interface UntagPolicyRequest {
  /** The ARN of the IAM customer managed policy from which you want to remove tags. */
  PolicyArn: string;
  /** A list of key names as a simple array of strings. The tags with matching keys are removed from the specified policy. */
  TagKeys: string[];
}

export interface UntagRoleRequest {
  /** The name of the IAM role from which you want to remove tags. */
  RoleName: string;
  /** A list of key names as a simple array of strings. The tags with matching keys are removed from the specified role. */
  TagKeys: string[];
}

export interface UntagSAMLProviderRequest {
  /** The ARN of the SAML identity provider in IAM from which you want to remove tags. */
  SAMLProviderArn: string;
  /** A list of key names as a simple array of strings. The tags with matching keys are removed from the specified SAML identity provider. */
  TagKeys: string[];
}

export interface UntagServerCertificateRequest {
  /** The name of the IAM server certificate from which you want to remove tags. */
  ServerCertificateName: string;
  /** A list of key names as a simple array of strings. The tags with matching keys are removed from the specified IAM server certificate. */
  TagKeys: string[];
}

export interface UntagUserRequest {
  /** The name of the IAM user from which you want to remove tags. */
  UserName: string;
  /** A list of key names as a simple array of strings. The tags with matching keys are removed from the specified user. */
  TagKeys: string[];
}

export interface UpdateAccessKeyRequest {
  /** The name of the user whose key you want to update. */
  UserName?: string;
  /** The access key ID of the secret access key you want to update. */
  AccessKeyId: string;
  /** The status you want to assign to the secret access key. */
  Status: statusType;
}

export interface UpdateAccountPasswordPolicyRequest {
  /** The minimum number of characters allowed in an IAM user password. */
  MinimumPasswordLength?: number;
  /** Specifies whether IAM user passwords must contain at least one of the following non-alphanumeric characters: */
  RequireSymbols?: boolean;
  /** Specifies whether IAM user passwords must contain at least one numeric character (0 to 9). */
  RequireNumbers?: boolean;
  /** Specifies whether IAM user passwords must contain at least one uppercase character from the ISO basic Latin alphabet (A to Z). */
  RequireUppercaseCharacters?: boolean;
  /** Specifies whether IAM user passwords must contain at least one lowercase character from the ISO basic Latin alphabet (a to z). */
  RequireLowercaseCharacters?: boolean;
  /** Allows all IAM users in your account to use the Amazon Web Services Management Console to change their own passwords. */
  AllowUsersToChangePassword?: boolean;
  /** The number of days that an IAM user password is valid. */
  MaxPasswordAge?: number;
  /** Specifies the number of previous passwords that IAM users are prevented from reusing. */
  PasswordReusePrevention?: number;
  /** Prevents IAM users who are accessing the account via the Amazon Web Services Management Console from setting a new console password after their password has… */
  HardExpiry?: boolean;
}

export interface UpdateAssumeRolePolicyRequest {
  /** The name of the role to update with the new policy. */
  RoleName: string;
  /** The policy that grants an entity permission to assume the role. */
  PolicyDocument: string;
}

export interface UpdateDelegationRequestRequest {
  /** The unique identifier of the delegation request to update. */
  DelegationRequestId: string;
  /** Additional notes or comments to add to the delegation request. */
  Notes?: string;
}

export interface UpdateGroupRequest {
  /** Name of the IAM group to update. If you're changing the name of the group, this is the original name. */
  GroupName: string;
  /** New path for the IAM group. Only include this if changing the group's path. */
  NewPath?: string;
  /** New name for the IAM group. Only include this if changing the group's name. */
  NewGroupName?: string;
}

export interface UpdateLoginProfileRequest {
  /** The name of the user whose password you want to update. */
  UserName: string;
  /** The new password for the specified IAM user. */
  Password?: string;
  /** Allows this new password to be used only once by requiring the specified IAM user to set a new password on next sign-in. */
  PasswordResetRequired?: boolean;
}

export interface UpdateOpenIDConnectProviderThumbprintRequest {
  /** The Amazon Resource Name (ARN) of the IAM OIDC provider resource object for which you want to update the thumbprint. */
  OpenIDConnectProviderArn: string;
  /** A list of certificate thumbprints that are associated with the specified IAM OpenID Connect provider. For more information, see CreateOpenIDConnectProvider. */
  ThumbprintList: string[];
}

export interface UpdateRoleDescriptionRequest {
  /** The name of the role that you want to modify. */
  RoleName: string;
  /** The new description that you want to apply to the specified role. */
  Description: string;
}

export interface UpdateRoleDescriptionResponse {
  /** A structure that contains details about the modified role. */
  Role?: Role;
}

export interface UpdateRoleRequest {
  /** The name of the role that you want to modify. */
  RoleName: string;
  /** The new description that you want to apply to the specified role. */
  Description?: string;
  /** The maximum session duration (in seconds) that you want to set for the specified role. */
  MaxSessionDuration?: number;
}

export interface UpdateRoleResponse {}

export interface UpdateSAMLProviderRequest {
  /** An XML document generated by an identity provider (IdP) that supports SAML 2.0. */
  SAMLMetadataDocument?: string;
  /** The Amazon Resource Name (ARN) of the SAML provider to update. */
  SAMLProviderArn: string;
  /** Specifies the encryption setting for the SAML provider. */
  AssertionEncryptionMode?: assertionEncryptionModeType;
  /** Specifies the new private key from your external identity provider. */
  AddPrivateKey?: string;
  /** The Key ID of the private key to remove. */
  RemovePrivateKey?: string;
}

/** Contains the response to a successful UpdateSAMLProvider request. */
export interface UpdateSAMLProviderResponse {
  /** The Amazon Resource Name (ARN) of the SAML provider that was updated. */
  SAMLProviderArn?: string;
}

export interface UpdateSSHPublicKeyRequest {
  /** The name of the IAM user associated with the SSH public key. */
  UserName: string;
  /** The unique identifier for the SSH public key. */
  SSHPublicKeyId: string;
  /** The status to assign to the SSH public key. */
  Status: statusType;
}

export interface UpdateServerCertificateRequest {
  /** The name of the server certificate that you want to update. */
  ServerCertificateName: string;
  /** The new path for the server certificate. Include this only if you are updating the server certificate's path. */
  NewPath?: string;
  /** The new name for the server certificate. */
  NewServerCertificateName?: string;
}

export interface UpdateServiceSpecificCredentialRequest {
  /** The name of the IAM user associated with the service-specific credential. */
  UserName?: string;
  /** The unique identifier of the service-specific credential. */
  ServiceSpecificCredentialId: string;
  /** The status to be assigned to the service-specific credential. */
  Status: statusType;
}

export interface UpdateSigningCertificateRequest {
  /** The name of the IAM user the signing certificate belongs to. */
  UserName?: string;
  /** The ID of the signing certificate you want to update. */
  CertificateId: string;
  /** The status you want to assign to the certificate. */
  Status: statusType;
}

export interface UpdateUserRequest {
  /** Name of the user to update. If you're changing the name of the user, this is the original user name. */
  UserName: string;
  /** New path for the IAM user. Include this parameter only if you're changing the user's path. */
  NewPath?: string;
  /** New name for the user. Include this parameter only if you're changing the user's name. */
  NewUserName?: string;
}

export interface UploadSSHPublicKeyRequest {
  /** The name of the IAM user to associate the SSH public key with. */
  UserName: string;
  /** The SSH public key. The public key must be encoded in ssh-rsa format or PEM format. The minimum bit-length of the public key is 2048 bits. For example, you… */
  SSHPublicKeyBody: string;
}

/** Contains the response to a successful UploadSSHPublicKey request. */
export interface UploadSSHPublicKeyResponse {
  /** Contains information about the SSH public key. */
  SSHPublicKey?: SSHPublicKey;
}

export interface UploadServerCertificateRequest {
  /** The path for the server certificate. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path?: string;
  /** The name for the server certificate. Do not include the path in this value. The name of the certificate cannot contain any spaces. */
  ServerCertificateName: string;
  /** The contents of the public key certificate in PEM-encoded format. */
  CertificateBody: string;
  /** The contents of the private key in PEM-encoded format. */
  PrivateKey: string;
  /** The contents of the certificate chain. This is typically a concatenation of the PEM-encoded public key certificates of the chain. */
  CertificateChain?: string;
  /** A list of tags that you want to attach to the new IAM server certificate resource. */
  Tags?: Tag[];
}

/** Contains the response to a successful UploadServerCertificate request. */
export interface UploadServerCertificateResponse {
  /** The meta information of the uploaded server certificate without its certificate body, certificate chain, and private key. */
  ServerCertificateMetadata?: ServerCertificateMetadata;
  /** A list of tags that are attached to the new IAM server certificate. */
  Tags?: Tag[];
}

export interface UploadSigningCertificateRequest {
  /** The name of the user the signing certificate is for. */
  UserName?: string;
  /** The contents of the signing certificate. */
  CertificateBody: string;
}

/** Contains the response to a successful UploadSigningCertificate request. */
export interface UploadSigningCertificateResponse {
  /** Information about the certificate. */
  Certificate: SigningCertificate;
}

/** Contains information about an IAM user entity. */
export interface User {
  /** The path to the user. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path: string;
  /** The friendly name identifying the user. */
  UserName: string;
  /** The stable and unique string identifying the user. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  UserId: string;
  /** The Amazon Resource Name (ARN) that identifies the user. */
  Arn: string;
  /** The date and time, in ISO 8601 date-time format, when the user was created. */
  CreateDate: Date;
  /** The date and time, in ISO 8601 date-time format, when the user's password was last used to sign in to an Amazon Web Services website. */
  PasswordLastUsed?: Date;
  /** For more information about permissions boundaries, see Permissions boundaries for IAM identities in the IAM User Guide. */
  PermissionsBoundary?: AttachedPermissionsBoundary;
  /** A list of tags that are associated with the user. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  Tags?: Tag[];
}

/** Contains information about an IAM user, including all the user's policies and all the IAM groups the user is in. */
export interface UserDetail {
  /** The path to the user. For more information about paths, see IAM identifiers in the IAM User Guide. */
  Path?: string;
  /** The friendly name identifying the user. */
  UserName?: string;
  /** The stable and unique string identifying the user. For more information about IDs, see IAM identifiers in the IAM User Guide. */
  UserId?: string;
  /** The Amazon Resource Name (ARN). ARNs are unique identifiers for Amazon Web Services resources. */
  Arn?: string;
  /** The date and time, in ISO 8601 date-time format, when the user was created. */
  CreateDate?: Date;
  /** A list of the inline policies embedded in the user. */
  UserPolicyList?: PolicyDetail[];
  /** A list of IAM groups that the user is in. */
  GroupList?: string[];
  /** A list of the managed policies attached to the user. */
  AttachedManagedPolicies?: AttachedPolicy[];
  /** The ARN of the policy used to set the permissions boundary for the user. */
  PermissionsBoundary?: AttachedPermissionsBoundary;
  /** A list of tags that are associated with the user. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  Tags?: Tag[];
}

/** Contains information about a virtual MFA device. */
export interface VirtualMFADevice {
  /** The serial number associated with VirtualMFADevice. */
  SerialNumber: string;
  /** The base32 seed defined as specified in RFC3548. The Base32StringSeed is base32-encoded. */
  Base32StringSeed?: Buffer;
  /** A QR code PNG image that encodes otpauth://totp/$virtualMFADeviceName@$AccountName?secret=$Base32String where $virtualMFADeviceName is one of the create call… */
  QRCodePNG?: Buffer;
  /** The IAM user associated with this virtual MFA device. */
  User?: User;
  /** The date and time on which the virtual MFA device was enabled. */
  EnableDate?: Date;
  /** A list of tags that are attached to the virtual MFA device. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  Tags?: Tag[];
}

export type assertionEncryptionModeType = 'Required' | 'Allowed';
export const assertionEncryptionModeTypeValues = ['Required', 'Allowed'] as const;

export type assignmentStatusType = 'Assigned' | 'Unassigned' | 'Any';
export const assignmentStatusTypeValues = ['Assigned', 'Unassigned', 'Any'] as const;

export type encodingType = 'SSH' | 'PEM';
export const encodingTypeValues = ['SSH', 'PEM'] as const;

export type globalEndpointTokenVersion = 'v1Token' | 'v2Token';
export const globalEndpointTokenVersionValues = ['v1Token', 'v2Token'] as const;

export type jobStatusType = 'IN_PROGRESS' | 'COMPLETED' | 'FAILED';
export const jobStatusTypeValues = ['IN_PROGRESS', 'COMPLETED', 'FAILED'] as const;

export type permissionCheckResultType = 'ALLOWED' | 'DENIED' | 'UNSURE';
export const permissionCheckResultTypeValues = ['ALLOWED', 'DENIED', 'UNSURE'] as const;

export type permissionCheckStatusType = 'COMPLETE' | 'IN_PROGRESS' | 'FAILED';
export const permissionCheckStatusTypeValues = ['COMPLETE', 'IN_PROGRESS', 'FAILED'] as const;

export type policyOwnerEntityType = 'USER' | 'ROLE' | 'GROUP';
export const policyOwnerEntityTypeValues = ['USER', 'ROLE', 'GROUP'] as const;

export type policyScopeType = 'All' | 'AWS' | 'Local';
export const policyScopeTypeValues = ['All', 'AWS', 'Local'] as const;

export type policyType = 'INLINE' | 'MANAGED';
export const policyTypeValues = ['INLINE', 'MANAGED'] as const;

export type sortKeyType =
  | 'SERVICE_NAMESPACE_ASCENDING'
  | 'SERVICE_NAMESPACE_DESCENDING'
  | 'LAST_AUTHENTICATED_TIME_ASCENDING'
  | 'LAST_AUTHENTICATED_TIME_DESCENDING';
export const sortKeyTypeValues = [
  'SERVICE_NAMESPACE_ASCENDING',
  'SERVICE_NAMESPACE_DESCENDING',
  'LAST_AUTHENTICATED_TIME_ASCENDING',
  'LAST_AUTHENTICATED_TIME_DESCENDING',
] as const;

export type stateType =
  | 'UNASSIGNED'
  | 'ASSIGNED'
  | 'PENDING_APPROVAL'
  | 'FINALIZED'
  | 'ACCEPTED'
  | 'REJECTED'
  | 'EXPIRED';
export const stateTypeValues = [
  'UNASSIGNED',
  'ASSIGNED',
  'PENDING_APPROVAL',
  'FINALIZED',
  'ACCEPTED',
  'REJECTED',
  'EXPIRED',
] as const;

export type statusType = 'Active' | 'Inactive' | 'Expired';
export const statusTypeValues = ['Active', 'Inactive', 'Expired'] as const;

export type summaryKeyType =
  | 'Users'
  | 'UsersQuota'
  | 'Groups'
  | 'GroupsQuota'
  | 'ServerCertificates'
  | 'ServerCertificatesQuota'
  | 'UserPolicySizeQuota'
  | 'GroupPolicySizeQuota'
  | 'GroupsPerUserQuota'
  | 'SigningCertificatesPerUserQuota'
  | 'AccessKeysPerUserQuota'
  | 'MFADevices'
  | 'MFADevicesInUse'
  | 'AccountMFAEnabled'
  | 'AccountAccessKeysPresent'
  | 'AccountPasswordPresent'
  | 'AccountSigningCertificatesPresent'
  | 'AttachedPoliciesPerGroupQuota'
  | 'AttachedPoliciesPerRoleQuota'
  | 'AttachedPoliciesPerUserQuota'
  | 'Policies'
  | 'PoliciesQuota'
  | 'PolicySizeQuota'
  | 'PolicyVersionsInUse'
  | 'PolicyVersionsInUseQuota'
  | 'VersionsPerPolicyQuota'
  | 'GlobalEndpointTokenVersion'
  | 'AssumeRolePolicySizeQuota'
  | 'InstanceProfiles'
  | 'InstanceProfilesQuota'
  | 'Providers'
  | 'RolePolicySizeQuota'
  | 'Roles'
  | 'RolesQuota';
export const summaryKeyTypeValues = [
  'Users',
  'UsersQuota',
  'Groups',
  'GroupsQuota',
  'ServerCertificates',
  'ServerCertificatesQuota',
  'UserPolicySizeQuota',
  'GroupPolicySizeQuota',
  'GroupsPerUserQuota',
  'SigningCertificatesPerUserQuota',
  'AccessKeysPerUserQuota',
  'MFADevices',
  'MFADevicesInUse',
  'AccountMFAEnabled',
  'AccountAccessKeysPresent',
  'AccountPasswordPresent',
  'AccountSigningCertificatesPresent',
  'AttachedPoliciesPerGroupQuota',
  'AttachedPoliciesPerRoleQuota',
  'AttachedPoliciesPerUserQuota',
  'Policies',
  'PoliciesQuota',
  'PolicySizeQuota',
  'PolicyVersionsInUse',
  'PolicyVersionsInUseQuota',
  'VersionsPerPolicyQuota',
  'GlobalEndpointTokenVersion',
  'AssumeRolePolicySizeQuota',
  'InstanceProfiles',
  'InstanceProfilesQuota',
  'Providers',
  'RolePolicySizeQuota',
  'Roles',
  'RolesQuota',
] as const;

export type summaryStateType = 'AVAILABLE' | 'NOT_AVAILABLE' | 'NOT_SUPPORTED' | 'FAILED';
export const summaryStateTypeValues = ['AVAILABLE', 'NOT_AVAILABLE', 'NOT_SUPPORTED', 'FAILED'] as const;

/** The IAM API operations in the model. */
export type OperationName =
  | 'AcceptDelegationRequest'
  | 'AddClientIDToOpenIDConnectProvider'
  | 'AddRoleToInstanceProfile'
  | 'AddUserToGroup'
  | 'AssociateDelegationRequest'
  | 'AttachGroupPolicy'
  | 'AttachRolePolicy'
  | 'AttachUserPolicy'
  | 'ChangePassword'
  | 'CreateAccessKey'
  | 'CreateAccountAlias'
  | 'CreateDelegationRequest'
  | 'CreateGroup'
  | 'CreateInstanceProfile'
  | 'CreateLoginProfile'
  | 'CreateOpenIDConnectProvider'
  | 'CreatePolicy'
  | 'CreatePolicyVersion'
  | 'CreateRole'
  | 'CreateSAMLProvider'
  | 'CreateServiceLinkedRole'
  | 'CreateServiceSpecificCredential'
  | 'CreateUser'
  | 'CreateVirtualMFADevice'
  | 'DeactivateMFADevice'
  | 'DeleteAccessKey'
  | 'DeleteAccountAlias'
  | 'DeleteAccountPasswordPolicy'
  | 'DeleteGroup'
  | 'DeleteGroupPolicy'
  | 'DeleteInstanceProfile'
  | 'DeleteLoginProfile'
  | 'DeleteOpenIDConnectProvider'
  | 'DeletePolicy'
  | 'DeletePolicyVersion'
  | 'DeleteRole'
  | 'DeleteRolePermissionsBoundary'
  | 'DeleteRolePolicy'
  | 'DeleteSAMLProvider'
  | 'DeleteSSHPublicKey'
  | 'DeleteServerCertificate'
  | 'DeleteServiceLinkedRole'
  | 'DeleteServiceSpecificCredential'
  | 'DeleteSigningCertificate'
  | 'DeleteUser'
  | 'DeleteUserPermissionsBoundary'
  | 'DeleteUserPolicy'
  | 'DeleteVirtualMFADevice'
  | 'DetachGroupPolicy'
  | 'DetachRolePolicy'
  | 'DetachUserPolicy'
  | 'DisableOrganizationsRootCredentialsManagement'
  | 'DisableOrganizationsRootSessions'
  | 'DisableOutboundWebIdentityFederation'
  | 'EnableMFADevice'
  | 'EnableOrganizationsRootCredentialsManagement'
  | 'EnableOrganizationsRootSessions'
  | 'EnableOutboundWebIdentityFederation'
  | 'GenerateCredentialReport'
  | 'GenerateOrganizationsAccessReport'
  | 'GenerateServiceLastAccessedDetails'
  | 'GetAccessKeyLastUsed'
  | 'GetAccountAuthorizationDetails'
  | 'GetAccountPasswordPolicy'
  | 'GetAccountSummary'
  | 'GetContextKeysForCustomPolicy'
  | 'GetContextKeysForPrincipalPolicy'
  | 'GetCredentialReport'
  | 'GetDelegationRequest'
  | 'GetGroup'
  | 'GetGroupPolicy'
  | 'GetHumanReadableSummary'
  | 'GetInstanceProfile'
  | 'GetLoginProfile'
  | 'GetMFADevice'
  | 'GetOpenIDConnectProvider'
  | 'GetOrganizationsAccessReport'
  | 'GetOutboundWebIdentityFederationInfo'
  | 'GetPolicy'
  | 'GetPolicyVersion'
  | 'GetRole'
  | 'GetRolePolicy'
  | 'GetSAMLProvider'
  | 'GetSSHPublicKey'
  | 'GetServerCertificate'
  | 'GetServiceLastAccessedDetails'
  | 'GetServiceLastAccessedDetailsWithEntities'
  | 'GetServiceLinkedRoleDeletionStatus'
  | 'GetUser'
  | 'GetUserPolicy'
  | 'ListAccessKeys'
  | 'ListAccountAliases'
  | 'ListAttachedGroupPolicies'
  | 'ListAttachedRolePolicies'
  | 'ListAttachedUserPolicies'
  | 'ListDelegationRequests'
  | 'ListEntitiesForPolicy'
  | 'ListGroupPolicies'
  | 'ListGroups'
  | 'ListGroupsForUser'
  | 'ListInstanceProfileTags'
  | 'ListInstanceProfiles'
  | 'ListInstanceProfilesForRole'
  | 'ListMFADeviceTags'
  | 'ListMFADevices'
  | 'ListOpenIDConnectProviderTags'
  | 'ListOpenIDConnectProviders'
  | 'ListOrganizationsFeatures'
  | 'ListPolicies'
  | 'ListPoliciesGrantingServiceAccess'
  | 'ListPolicyTags'
  | 'ListPolicyVersions'
  | 'ListRolePolicies'
  | 'ListRoleTags'
  | 'ListRoles'
  | 'ListSAMLProviderTags'
  | 'ListSAMLProviders'
  | 'ListSSHPublicKeys'
  | 'ListServerCertificateTags'
  | 'ListServerCertificates'
  | 'ListServiceSpecificCredentials'
  | 'ListSigningCertificates'
  | 'ListUserPolicies'
  | 'ListUserTags'
  | 'ListUsers'
  | 'ListVirtualMFADevices'
  | 'PutGroupPolicy'
  | 'PutRolePermissionsBoundary'
  | 'PutRolePolicy'
  | 'PutUserPermissionsBoundary'
  | 'PutUserPolicy'
  | 'RejectDelegationRequest'
  | 'RemoveClientIDFromOpenIDConnectProvider'
  | 'RemoveRoleFromInstanceProfile'
  | 'RemoveUserFromGroup'
  | 'ResetServiceSpecificCredential'
  | 'ResyncMFADevice'
  | 'SendDelegationToken'
  | 'SetDefaultPolicyVersion'
  | 'SetSecurityTokenServicePreferences'
  | 'SimulateCustomPolicy'
  | 'SimulatePrincipalPolicy'
  | 'TagInstanceProfile'
  | 'TagMFADevice'
  | 'TagOpenIDConnectProvider'
  | 'TagPolicy'
  | 'TagRole'
  | 'TagSAMLProvider'
  | 'TagServerCertificate'
  | 'TagUser'
  | 'UntagInstanceProfile'
  | 'UntagMFADevice'
  | 'UntagOpenIDConnectProvider'
  | 'UntagPolicy'
  | 'UntagRole'
  | 'UntagSAMLProvider'
  | 'UntagServerCertificate'
  | 'UntagUser'
  | 'UpdateAccessKey'
  | 'UpdateAccountPasswordPolicy'
  | 'UpdateAssumeRolePolicy'
  | 'UpdateDelegationRequest'
  | 'UpdateGroup'
  | 'UpdateLoginProfile'
  | 'UpdateOpenIDConnectProviderThumbprint'
  | 'UpdateRole'
  | 'UpdateRoleDescription'
  | 'UpdateSAMLProvider'
  | 'UpdateSSHPublicKey'
  | 'UpdateServerCertificate'
  | 'UpdateServiceSpecificCredential'
  | 'UpdateSigningCertificate'
  | 'UpdateUser'
  | 'UploadSSHPublicKey'
  | 'UploadServerCertificate'
  | 'UploadSigningCertificate';

/** Input and output type of each operation (`void`: the operation has no input / output shape). */
export interface Operations {
  /** Accepts a delegation request, granting the requested temporary access. */
  AcceptDelegationRequest: { input: AcceptDelegationRequestRequest; output: void };
  /** Adds a new client ID (also known as audience) to the list of client IDs already registered for the specified IAM OpenID Connect (OIDC) provider resource. */
  AddClientIDToOpenIDConnectProvider: { input: AddClientIDToOpenIDConnectProviderRequest; output: void };
  /** Adds the specified IAM role to the specified instance profile. */
  AddRoleToInstanceProfile: { input: AddRoleToInstanceProfileRequest; output: void };
  /** Adds the specified user to the specified group. */
  AddUserToGroup: { input: AddUserToGroupRequest; output: void };
  /** Associates a delegation request with the current identity. */
  AssociateDelegationRequest: { input: AssociateDelegationRequestRequest; output: void };
  /** Attaches the specified managed policy to the specified IAM group. */
  AttachGroupPolicy: { input: AttachGroupPolicyRequest; output: void };
  /** Attaches the specified managed policy to the specified IAM role. */
  AttachRolePolicy: { input: AttachRolePolicyRequest; output: void };
  /** Attaches the specified managed policy to the specified user. */
  AttachUserPolicy: { input: AttachUserPolicyRequest; output: void };
  /** Changes the password of the IAM user who is calling this operation. */
  ChangePassword: { input: ChangePasswordRequest; output: void };
  /** Creates a new Amazon Web Services secret access key and corresponding Amazon Web Services access key ID for the specified user. */
  CreateAccessKey: { input: CreateAccessKeyRequest; output: CreateAccessKeyResponse };
  /** Creates an alias for your Amazon Web Services account. */
  CreateAccountAlias: { input: CreateAccountAliasRequest; output: void };
  /** Creates an IAM delegation request for temporary access delegation. */
  CreateDelegationRequest: { input: CreateDelegationRequestRequest; output: CreateDelegationRequestResponse };
  /** Creates a new group. */
  CreateGroup: { input: CreateGroupRequest; output: CreateGroupResponse };
  /** Creates a new instance profile. */
  CreateInstanceProfile: { input: CreateInstanceProfileRequest; output: CreateInstanceProfileResponse };
  /** Creates a password for the specified IAM user. */
  CreateLoginProfile: { input: CreateLoginProfileRequest; output: CreateLoginProfileResponse };
  /** Creates an IAM entity to describe an identity provider (IdP) that supports OpenID Connect (OIDC). */
  CreateOpenIDConnectProvider: {
    input: CreateOpenIDConnectProviderRequest;
    output: CreateOpenIDConnectProviderResponse;
  };
  /** Creates a new managed policy for your Amazon Web Services account. */
  CreatePolicy: { input: CreatePolicyRequest; output: CreatePolicyResponse };
  /** Creates a new version of the specified managed policy. */
  CreatePolicyVersion: { input: CreatePolicyVersionRequest; output: CreatePolicyVersionResponse };
  /** Creates a new role for your Amazon Web Services account. */
  CreateRole: { input: CreateRoleRequest; output: CreateRoleResponse };
  /** Creates an IAM resource that describes an identity provider (IdP) that supports SAML 2.0. */
  CreateSAMLProvider: { input: CreateSAMLProviderRequest; output: CreateSAMLProviderResponse };
  /** Creates an IAM role that is linked to a specific Amazon Web Services service. */
  CreateServiceLinkedRole: { input: CreateServiceLinkedRoleRequest; output: CreateServiceLinkedRoleResponse };
  /** Generates a set of credentials consisting of a user name and password that can be used to access the service specified in the request. */
  CreateServiceSpecificCredential: {
    input: CreateServiceSpecificCredentialRequest;
    output: CreateServiceSpecificCredentialResponse;
  };
  /** Creates a new IAM user for your Amazon Web Services account. */
  CreateUser: { input: CreateUserRequest; output: CreateUserResponse };
  /** Creates a new virtual MFA device for the Amazon Web Services account. */
  CreateVirtualMFADevice: { input: CreateVirtualMFADeviceRequest; output: CreateVirtualMFADeviceResponse };
  /** Deactivates the specified MFA device and removes it from association with the user name for which it was originally enabled. */
  DeactivateMFADevice: { input: DeactivateMFADeviceRequest; output: void };
  /** Deletes the access key pair associated with the specified IAM user. */
  DeleteAccessKey: { input: DeleteAccessKeyRequest; output: void };
  /** Deletes the specified Amazon Web Services account alias. */
  DeleteAccountAlias: { input: DeleteAccountAliasRequest; output: void };
  /** Deletes the password policy for the Amazon Web Services account. There are no parameters. */
  DeleteAccountPasswordPolicy: { input: void; output: void };
  /** Deletes the specified IAM group. The group must not contain any users or have any attached policies. */
  DeleteGroup: { input: DeleteGroupRequest; output: void };
  /** Deletes the specified inline policy that is embedded in the specified IAM group. */
  DeleteGroupPolicy: { input: DeleteGroupPolicyRequest; output: void };
  /** Deletes the specified instance profile. The instance profile must not have an associated role. */
  DeleteInstanceProfile: { input: DeleteInstanceProfileRequest; output: void };
  /** Deletes the password for the specified IAM user or root user, For more information, see Managing passwords for IAM users. */
  DeleteLoginProfile: { input: DeleteLoginProfileRequest; output: void };
  /** Deletes an OpenID Connect identity provider (IdP) resource object in IAM. */
  DeleteOpenIDConnectProvider: { input: DeleteOpenIDConnectProviderRequest; output: void };
  /** Deletes the specified managed policy. */
  DeletePolicy: { input: DeletePolicyRequest; output: void };
  /** Deletes the specified version from the specified managed policy. */
  DeletePolicyVersion: { input: DeletePolicyVersionRequest; output: void };
  /** Deletes the specified role. */
  DeleteRole: { input: DeleteRoleRequest; output: void };
  /** Deletes the permissions boundary for the specified IAM role. */
  DeleteRolePermissionsBoundary: { input: DeleteRolePermissionsBoundaryRequest; output: void };
  /** Deletes the specified inline policy that is embedded in the specified IAM role. */
  DeleteRolePolicy: { input: DeleteRolePolicyRequest; output: void };
  /** Deletes a SAML provider resource in IAM. */
  DeleteSAMLProvider: { input: DeleteSAMLProviderRequest; output: void };
  /** Deletes the specified SSH public key. */
  DeleteSSHPublicKey: { input: DeleteSSHPublicKeyRequest; output: void };
  /** Deletes the specified server certificate. */
  DeleteServerCertificate: { input: DeleteServerCertificateRequest; output: void };
  /** Submits a service-linked role deletion request and returns a DeletionTaskId, which you can use to check the status of the deletion. */
  DeleteServiceLinkedRole: { input: DeleteServiceLinkedRoleRequest; output: DeleteServiceLinkedRoleResponse };
  /** Deletes the specified service-specific credential. */
  DeleteServiceSpecificCredential: { input: DeleteServiceSpecificCredentialRequest; output: void };
  /** Deletes a signing certificate associated with the specified IAM user. */
  DeleteSigningCertificate: { input: DeleteSigningCertificateRequest; output: void };
  /** Deletes the specified IAM user. */
  DeleteUser: { input: DeleteUserRequest; output: void };
  /** Deletes the permissions boundary for the specified IAM user. */
  DeleteUserPermissionsBoundary: { input: DeleteUserPermissionsBoundaryRequest; output: void };
  /** Deletes the specified inline policy that is embedded in the specified IAM user. */
  DeleteUserPolicy: { input: DeleteUserPolicyRequest; output: void };
  /** Deletes a virtual MFA device. */
  DeleteVirtualMFADevice: { input: DeleteVirtualMFADeviceRequest; output: void };
  /** Removes the specified managed policy from the specified IAM group. */
  DetachGroupPolicy: { input: DetachGroupPolicyRequest; output: void };
  /** Removes the specified managed policy from the specified role. */
  DetachRolePolicy: { input: DetachRolePolicyRequest; output: void };
  /** Removes the specified managed policy from the specified user. */
  DetachUserPolicy: { input: DetachUserPolicyRequest; output: void };
  /** Disables the management of privileged root user credentials across member accounts in your organization. */
  DisableOrganizationsRootCredentialsManagement: {
    input: DisableOrganizationsRootCredentialsManagementRequest;
    output: DisableOrganizationsRootCredentialsManagementResponse;
  };
  /** Disables root user sessions for privileged tasks across member accounts in your organization. */
  DisableOrganizationsRootSessions: {
    input: DisableOrganizationsRootSessionsRequest;
    output: DisableOrganizationsRootSessionsResponse;
  };
  /** Disables the outbound identity federation feature for your Amazon Web Services account. */
  DisableOutboundWebIdentityFederation: { input: void; output: void };
  /** Enables the specified MFA device and associates it with the specified IAM user. */
  EnableMFADevice: { input: EnableMFADeviceRequest; output: void };
  /** Enables the management of privileged root user credentials across member accounts in your organization. */
  EnableOrganizationsRootCredentialsManagement: {
    input: EnableOrganizationsRootCredentialsManagementRequest;
    output: EnableOrganizationsRootCredentialsManagementResponse;
  };
  /** Allows the management account or delegated administrator to perform privileged tasks on member accounts in your organization. */
  EnableOrganizationsRootSessions: {
    input: EnableOrganizationsRootSessionsRequest;
    output: EnableOrganizationsRootSessionsResponse;
  };
  /** Enables the outbound identity federation feature for your Amazon Web Services account. */
  EnableOutboundWebIdentityFederation: { input: void; output: EnableOutboundWebIdentityFederationResponse };
  /** Generates a credential report for the Amazon Web Services account. */
  GenerateCredentialReport: { input: void; output: GenerateCredentialReportResponse };
  /** Generates a report for service last accessed data for Organizations. */
  GenerateOrganizationsAccessReport: {
    input: GenerateOrganizationsAccessReportRequest;
    output: GenerateOrganizationsAccessReportResponse;
  };
  /** Generates a report that includes details about when an IAM resource (user, group, role, or policy) was last used in an attempt to access Amazon Web Services… */
  GenerateServiceLastAccessedDetails: {
    input: GenerateServiceLastAccessedDetailsRequest;
    output: GenerateServiceLastAccessedDetailsResponse;
  };
  /** Retrieves information about when the specified access key was last used. */
  GetAccessKeyLastUsed: { input: GetAccessKeyLastUsedRequest; output: GetAccessKeyLastUsedResponse };
  /** Retrieves information about all IAM users, groups, roles, and policies in your Amazon Web Services account, including their relationships to one another. */
  GetAccountAuthorizationDetails: {
    input: GetAccountAuthorizationDetailsRequest;
    output: GetAccountAuthorizationDetailsResponse;
  };
  /** Retrieves the password policy for the Amazon Web Services account. */
  GetAccountPasswordPolicy: { input: void; output: GetAccountPasswordPolicyResponse };
  /** Retrieves information about IAM entity usage and IAM quotas in the Amazon Web Services account. */
  GetAccountSummary: { input: void; output: GetAccountSummaryResponse };
  /** Gets a list of all of the context keys referenced in the input policies. */
  GetContextKeysForCustomPolicy: {
    input: GetContextKeysForCustomPolicyRequest;
    output: GetContextKeysForPolicyResponse;
  };
  /** Gets a list of all of the context keys referenced in all the IAM policies that are attached to the specified IAM entity. */
  GetContextKeysForPrincipalPolicy: {
    input: GetContextKeysForPrincipalPolicyRequest;
    output: GetContextKeysForPolicyResponse;
  };
  /** Retrieves a credential report for the Amazon Web Services account. */
  GetCredentialReport: { input: void; output: GetCredentialReportResponse };
  /** Retrieves information about a specific delegation request. */
  GetDelegationRequest: { input: GetDelegationRequestRequest; output: GetDelegationRequestResponse };
  /** Returns a list of IAM users that are in the specified IAM group. You can paginate the results using the MaxItems and Marker parameters. */
  GetGroup: { input: GetGroupRequest; output: GetGroupResponse };
  /** Retrieves the specified inline policy document that is embedded in the specified IAM group. */
  GetGroupPolicy: { input: GetGroupPolicyRequest; output: GetGroupPolicyResponse };
  /** Retrieves a human readable summary for a given entity. At this time, the only supported entity type is delegation-request */
  GetHumanReadableSummary: { input: GetHumanReadableSummaryRequest; output: GetHumanReadableSummaryResponse };
  /** Retrieves information about the specified instance profile, including the instance profile's path, GUID, ARN, and role. */
  GetInstanceProfile: { input: GetInstanceProfileRequest; output: GetInstanceProfileResponse };
  /** Retrieves the user name for the specified IAM user. */
  GetLoginProfile: { input: GetLoginProfileRequest; output: GetLoginProfileResponse };
  /** Retrieves information about an MFA device for a specified user. */
  GetMFADevice: { input: GetMFADeviceRequest; output: GetMFADeviceResponse };
  /** Returns information about the specified OpenID Connect (OIDC) provider resource object in IAM. */
  GetOpenIDConnectProvider: { input: GetOpenIDConnectProviderRequest; output: GetOpenIDConnectProviderResponse };
  /** Retrieves the service last accessed data report for Organizations that was previously generated using the GenerateOrganizationsAccessReport operation. */
  GetOrganizationsAccessReport: {
    input: GetOrganizationsAccessReportRequest;
    output: GetOrganizationsAccessReportResponse;
  };
  /** Retrieves the configuration information for the outbound identity federation feature in your Amazon Web Services account. */
  GetOutboundWebIdentityFederationInfo: { input: void; output: GetOutboundWebIdentityFederationInfoResponse };
  /** Retrieves information about the specified managed policy, including the policy's default version and the total number of IAM users, groups, and roles to which… */
  GetPolicy: { input: GetPolicyRequest; output: GetPolicyResponse };
  /** Retrieves information about the specified version of the specified managed policy, including the policy document. */
  GetPolicyVersion: { input: GetPolicyVersionRequest; output: GetPolicyVersionResponse };
  /** Retrieves information about the specified role, including the role's path, GUID, ARN, and the role's trust policy that grants permission to assume the role. */
  GetRole: { input: GetRoleRequest; output: GetRoleResponse };
  /** Retrieves the specified inline policy document that is embedded with the specified IAM role. */
  GetRolePolicy: { input: GetRolePolicyRequest; output: GetRolePolicyResponse };
  /** Returns the SAML provider metadocument that was uploaded when the IAM SAML provider resource object was created or updated. */
  GetSAMLProvider: { input: GetSAMLProviderRequest; output: GetSAMLProviderResponse };
  /** Retrieves the specified SSH public key, including metadata about the key. */
  GetSSHPublicKey: { input: GetSSHPublicKeyRequest; output: GetSSHPublicKeyResponse };
  /** Retrieves information about the specified server certificate stored in IAM. */
  GetServerCertificate: { input: GetServerCertificateRequest; output: GetServerCertificateResponse };
  /** Retrieves a service last accessed report that was created using the GenerateServiceLastAccessedDetails operation. */
  GetServiceLastAccessedDetails: {
    input: GetServiceLastAccessedDetailsRequest;
    output: GetServiceLastAccessedDetailsResponse;
  };
  /** After you generate a group or policy report using the GenerateServiceLastAccessedDetails operation, you can use the JobId parameter in… */
  GetServiceLastAccessedDetailsWithEntities: {
    input: GetServiceLastAccessedDetailsWithEntitiesRequest;
    output: GetServiceLastAccessedDetailsWithEntitiesResponse;
  };
  /** Retrieves the status of your service-linked role deletion. */
  GetServiceLinkedRoleDeletionStatus: {
    input: GetServiceLinkedRoleDeletionStatusRequest;
    output: GetServiceLinkedRoleDeletionStatusResponse;
  };
  /** Retrieves information about the specified IAM user, including the user's creation date, path, unique ID, and ARN. */
  GetUser: { input: GetUserRequest; output: GetUserResponse };
  /** Retrieves the specified inline policy document that is embedded in the specified IAM user. */
  GetUserPolicy: { input: GetUserPolicyRequest; output: GetUserPolicyResponse };
  /** Returns information about the access key IDs associated with the specified IAM user. If there is none, the operation returns an empty list. */
  ListAccessKeys: { input: ListAccessKeysRequest; output: ListAccessKeysResponse };
  /** Lists the account alias associated with the Amazon Web Services account (Note: you can have only one). */
  ListAccountAliases: { input: ListAccountAliasesRequest; output: ListAccountAliasesResponse };
  /** Lists all managed policies that are attached to the specified IAM group. */
  ListAttachedGroupPolicies: { input: ListAttachedGroupPoliciesRequest; output: ListAttachedGroupPoliciesResponse };
  /** Lists all managed policies that are attached to the specified IAM role. */
  ListAttachedRolePolicies: { input: ListAttachedRolePoliciesRequest; output: ListAttachedRolePoliciesResponse };
  /** Lists all managed policies that are attached to the specified IAM user. */
  ListAttachedUserPolicies: { input: ListAttachedUserPoliciesRequest; output: ListAttachedUserPoliciesResponse };
  /** Lists delegation requests based on the specified criteria. */
  ListDelegationRequests: { input: ListDelegationRequestsRequest; output: ListDelegationRequestsResponse };
  /** Lists all IAM users, groups, and roles that the specified managed policy is attached to. */
  ListEntitiesForPolicy: { input: ListEntitiesForPolicyRequest; output: ListEntitiesForPolicyResponse };
  /** Lists the names of the inline policies that are embedded in the specified IAM group. */
  ListGroupPolicies: { input: ListGroupPoliciesRequest; output: ListGroupPoliciesResponse };
  /** Lists the IAM groups that have the specified path prefix. */
  ListGroups: { input: ListGroupsRequest; output: ListGroupsResponse };
  /** Lists the IAM groups that the specified IAM user belongs to. */
  ListGroupsForUser: { input: ListGroupsForUserRequest; output: ListGroupsForUserResponse };
  /** Lists the tags that are attached to the specified IAM instance profile. */
  ListInstanceProfileTags: { input: ListInstanceProfileTagsRequest; output: ListInstanceProfileTagsResponse };
  /** Lists the instance profiles that have the specified path prefix. */
  ListInstanceProfiles: { input: ListInstanceProfilesRequest; output: ListInstanceProfilesResponse };
  /** Lists the instance profiles that have the specified associated IAM role. */
  ListInstanceProfilesForRole: {
    input: ListInstanceProfilesForRoleRequest;
    output: ListInstanceProfilesForRoleResponse;
  };
  /** Lists the tags that are attached to the specified IAM virtual multi-factor authentication (MFA) device. */
  ListMFADeviceTags: { input: ListMFADeviceTagsRequest; output: ListMFADeviceTagsResponse };
  /** Lists the MFA devices for an IAM user. */
  ListMFADevices: { input: ListMFADevicesRequest; output: ListMFADevicesResponse };
  /** Lists the tags that are attached to the specified OpenID Connect (OIDC)-compatible identity provider. */
  ListOpenIDConnectProviderTags: {
    input: ListOpenIDConnectProviderTagsRequest;
    output: ListOpenIDConnectProviderTagsResponse;
  };
  /** Lists information about the IAM OpenID Connect (OIDC) provider resource objects defined in the Amazon Web Services account. */
  ListOpenIDConnectProviders: { input: ListOpenIDConnectProvidersRequest; output: ListOpenIDConnectProvidersResponse };
  /** Lists the centralized root access features enabled for your organization. For more information, see Centrally manage root access for member accounts. */
  ListOrganizationsFeatures: { input: ListOrganizationsFeaturesRequest; output: ListOrganizationsFeaturesResponse };
  /** Lists all the managed policies that are available in your Amazon Web Services account, including your own customer-defined managed policies and all Amazon Web… */
  ListPolicies: { input: ListPoliciesRequest; output: ListPoliciesResponse };
  /** Retrieves a list of policies that the IAM identity (user, group, or role) can use to access each specified service. */
  ListPoliciesGrantingServiceAccess: {
    input: ListPoliciesGrantingServiceAccessRequest;
    output: ListPoliciesGrantingServiceAccessResponse;
  };
  /** Lists the tags that are attached to the specified IAM customer managed policy. */
  ListPolicyTags: { input: ListPolicyTagsRequest; output: ListPolicyTagsResponse };
  /** Lists information about the versions of the specified managed policy, including the version that is currently set as the policy's default version. */
  ListPolicyVersions: { input: ListPolicyVersionsRequest; output: ListPolicyVersionsResponse };
  /** Lists the names of the inline policies that are embedded in the specified IAM role. */
  ListRolePolicies: { input: ListRolePoliciesRequest; output: ListRolePoliciesResponse };
  /** Lists the tags that are attached to the specified role. */
  ListRoleTags: { input: ListRoleTagsRequest; output: ListRoleTagsResponse };
  /** Lists the IAM roles that have the specified path prefix. */
  ListRoles: { input: ListRolesRequest; output: ListRolesResponse };
  /** Lists the tags that are attached to the specified Security Assertion Markup Language (SAML) identity provider. */
  ListSAMLProviderTags: { input: ListSAMLProviderTagsRequest; output: ListSAMLProviderTagsResponse };
  /** Lists the SAML provider resource objects defined in IAM in the account. */
  ListSAMLProviders: { input: ListSAMLProvidersRequest; output: ListSAMLProvidersResponse };
  /** Returns information about the SSH public keys associated with the specified IAM user. If none exists, the operation returns an empty list. */
  ListSSHPublicKeys: { input: ListSSHPublicKeysRequest; output: ListSSHPublicKeysResponse };
  /** Lists the tags that are attached to the specified IAM server certificate. */
  ListServerCertificateTags: { input: ListServerCertificateTagsRequest; output: ListServerCertificateTagsResponse };
  /** Lists the server certificates stored in IAM that have the specified path prefix. If none exist, the operation returns an empty list. */
  ListServerCertificates: { input: ListServerCertificatesRequest; output: ListServerCertificatesResponse };
  /** Returns information about the service-specific credentials associated with the specified IAM user. */
  ListServiceSpecificCredentials: {
    input: ListServiceSpecificCredentialsRequest;
    output: ListServiceSpecificCredentialsResponse;
  };
  /** Returns information about the signing certificates associated with the specified IAM user. If none exists, the operation returns an empty list. */
  ListSigningCertificates: { input: ListSigningCertificatesRequest; output: ListSigningCertificatesResponse };
  /** Lists the names of the inline policies embedded in the specified IAM user. */
  ListUserPolicies: { input: ListUserPoliciesRequest; output: ListUserPoliciesResponse };
  /** Lists the tags that are attached to the specified IAM user. */
  ListUserTags: { input: ListUserTagsRequest; output: ListUserTagsResponse };
  /** Lists the IAM users that have the specified path prefix. */
  ListUsers: { input: ListUsersRequest; output: ListUsersResponse };
  /** Lists the virtual MFA devices defined in the Amazon Web Services account by assignment status. */
  ListVirtualMFADevices: { input: ListVirtualMFADevicesRequest; output: ListVirtualMFADevicesResponse };
  /** Adds or updates an inline policy document that is embedded in the specified IAM group. */
  PutGroupPolicy: { input: PutGroupPolicyRequest; output: void };
  /** Adds or updates the policy that is specified as the IAM role's permissions boundary. */
  PutRolePermissionsBoundary: { input: PutRolePermissionsBoundaryRequest; output: void };
  /** Adds or updates an inline policy document that is embedded in the specified IAM role. */
  PutRolePolicy: { input: PutRolePolicyRequest; output: void };
  /** Adds or updates the policy that is specified as the IAM user's permissions boundary. */
  PutUserPermissionsBoundary: { input: PutUserPermissionsBoundaryRequest; output: void };
  /** Adds or updates an inline policy document that is embedded in the specified IAM user. */
  PutUserPolicy: { input: PutUserPolicyRequest; output: void };
  /** Rejects a delegation request, denying the requested temporary access. */
  RejectDelegationRequest: { input: RejectDelegationRequestRequest; output: void };
  /** Removes the specified client ID (also known as audience) from the list of client IDs registered for the specified IAM OpenID Connect (OIDC) provider resource… */
  RemoveClientIDFromOpenIDConnectProvider: { input: RemoveClientIDFromOpenIDConnectProviderRequest; output: void };
  /** Removes the specified IAM role from the specified Amazon EC2 instance profile. */
  RemoveRoleFromInstanceProfile: { input: RemoveRoleFromInstanceProfileRequest; output: void };
  /** Removes the specified user from the specified group. */
  RemoveUserFromGroup: { input: RemoveUserFromGroupRequest; output: void };
  /** Resets the password for a service-specific credential. */
  ResetServiceSpecificCredential: {
    input: ResetServiceSpecificCredentialRequest;
    output: ResetServiceSpecificCredentialResponse;
  };
  /** Synchronizes the specified MFA device with its IAM resource object on the Amazon Web Services servers. */
  ResyncMFADevice: { input: ResyncMFADeviceRequest; output: void };
  /** Sends the exchange token for an accepted delegation request. */
  SendDelegationToken: { input: SendDelegationTokenRequest; output: void };
  /** Sets the specified version of the specified policy as the policy's default (operative) version. */
  SetDefaultPolicyVersion: { input: SetDefaultPolicyVersionRequest; output: void };
  /** Sets the specified version of the global endpoint token as the token version used for the Amazon Web Services account. */
  SetSecurityTokenServicePreferences: { input: SetSecurityTokenServicePreferencesRequest; output: void };
  /** Simulate how a set of IAM policies and optionally a resource-based policy works with a list of API operations and Amazon Web Services resources to determine… */
  SimulateCustomPolicy: { input: SimulateCustomPolicyRequest; output: SimulatePolicyResponse };
  /** Simulate how a set of IAM policies attached to an IAM entity works with a list of API operations and Amazon Web Services resources to determine the policies'… */
  SimulatePrincipalPolicy: { input: SimulatePrincipalPolicyRequest; output: SimulatePolicyResponse };
  /** Adds one or more tags to an IAM instance profile. If a tag with the same key name already exists, then that tag is overwritten with the new value. */
  TagInstanceProfile: { input: TagInstanceProfileRequest; output: void };
  /** Adds one or more tags to an IAM virtual multi-factor authentication (MFA) device. */
  TagMFADevice: { input: TagMFADeviceRequest; output: void };
  /** Adds one or more tags to an OpenID Connect (OIDC)-compatible identity provider. */
  TagOpenIDConnectProvider: { input: TagOpenIDConnectProviderRequest; output: void };
  /** Adds one or more tags to an IAM customer managed policy. If a tag with the same key name already exists, then that tag is overwritten with the new value. */
  TagPolicy: { input: TagPolicyRequest; output: void };
  /** Adds one or more tags to an IAM role. */
  TagRole: { input: TagRoleRequest; output: void };
  /** Adds one or more tags to a Security Assertion Markup Language (SAML) identity provider. */
  TagSAMLProvider: { input: TagSAMLProviderRequest; output: void };
  /** Adds one or more tags to an IAM server certificate. If a tag with the same key name already exists, then that tag is overwritten with the new value. */
  TagServerCertificate: { input: TagServerCertificateRequest; output: void };
  /** Adds one or more tags to an IAM user. If a tag with the same key name already exists, then that tag is overwritten with the new value. */
  TagUser: { input: TagUserRequest; output: void };
  /** Removes the specified tags from the IAM instance profile. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  UntagInstanceProfile: { input: UntagInstanceProfileRequest; output: void };
  /** Removes the specified tags from the IAM virtual multi-factor authentication (MFA) device. */
  UntagMFADevice: { input: UntagMFADeviceRequest; output: void };
  /** Removes the specified tags from the specified OpenID Connect (OIDC)-compatible identity provider in IAM. */
  UntagOpenIDConnectProvider: { input: UntagOpenIDConnectProviderRequest; output: void };
  /** Removes the specified tags from the customer managed policy. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  UntagPolicy: { input: UntagPolicyRequest; output: void };
  /** Removes the specified tags from the role. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  UntagRole: { input: UntagRoleRequest; output: void };
  /** Removes the specified tags from the specified Security Assertion Markup Language (SAML) identity provider in IAM. */
  UntagSAMLProvider: { input: UntagSAMLProviderRequest; output: void };
  /** Removes the specified tags from the IAM server certificate. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  UntagServerCertificate: { input: UntagServerCertificateRequest; output: void };
  /** Removes the specified tags from the user. For more information about tagging, see Tagging IAM resources in the IAM User Guide. */
  UntagUser: { input: UntagUserRequest; output: void };
  /** Changes the status of the specified access key from Active to Inactive, or vice versa. */
  UpdateAccessKey: { input: UpdateAccessKeyRequest; output: void };
  /** Updates the password policy settings for the Amazon Web Services account. */
  UpdateAccountPasswordPolicy: { input: UpdateAccountPasswordPolicyRequest; output: void };
  /** Updates the policy that grants an IAM entity permission to assume a role. */
  UpdateAssumeRolePolicy: { input: UpdateAssumeRolePolicyRequest; output: void };
  /** Updates an existing delegation request with additional information. When the delegation request is updated, it reaches the PENDING_APPROVAL state. */
  UpdateDelegationRequest: { input: UpdateDelegationRequestRequest; output: void };
  /** Updates the name and/or the path of the specified IAM group. */
  UpdateGroup: { input: UpdateGroupRequest; output: void };
  /** Changes the password for the specified IAM user. */
  UpdateLoginProfile: { input: UpdateLoginProfileRequest; output: void };
  /** Replaces the existing list of server certificate thumbprints associated with an OpenID Connect (OIDC) provider resource object with a new list of thumbprints. */
  UpdateOpenIDConnectProviderThumbprint: { input: UpdateOpenIDConnectProviderThumbprintRequest; output: void };
  /** Updates the description or maximum session duration setting of a role. */
  UpdateRole: { input: UpdateRoleRequest; output: UpdateRoleResponse };
  /** Use UpdateRole instead. */
  UpdateRoleDescription: { input: UpdateRoleDescriptionRequest; output: UpdateRoleDescriptionResponse };
  /** Updates the metadata document, SAML encryption settings, and private keys for an existing SAML provider. */
  UpdateSAMLProvider: { input: UpdateSAMLProviderRequest; output: UpdateSAMLProviderResponse };
  /** Sets the status of an IAM user's SSH public key to active or inactive. */
  UpdateSSHPublicKey: { input: UpdateSSHPublicKeyRequest; output: void };
  /** Updates the name and/or the path of the specified server certificate stored in IAM. */
  UpdateServerCertificate: { input: UpdateServerCertificateRequest; output: void };
  /** Sets the status of a service-specific credential to Active or Inactive. */
  UpdateServiceSpecificCredential: { input: UpdateServiceSpecificCredentialRequest; output: void };
  /** Changes the status of the specified user signing certificate from active to disabled, or vice versa. */
  UpdateSigningCertificate: { input: UpdateSigningCertificateRequest; output: void };
  /** Updates the name and/or the path of the specified IAM user. */
  UpdateUser: { input: UpdateUserRequest; output: void };
  /** Uploads an SSH public key and associates it with the specified IAM user. */
  UploadSSHPublicKey: { input: UploadSSHPublicKeyRequest; output: UploadSSHPublicKeyResponse };
  /** Uploads a server certificate entity for the Amazon Web Services account. */
  UploadServerCertificate: { input: UploadServerCertificateRequest; output: UploadServerCertificateResponse };
  /** Uploads an X.509 signing certificate and associates it with the specified IAM user. */
  UploadSigningCertificate: { input: UploadSigningCertificateRequest; output: UploadSigningCertificateResponse };
}
