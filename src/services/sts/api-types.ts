// Generated from models/sts/service-2.json (API version 2011-06-15) by scripts/gen-api-types.mjs. Do not edit.
// Regenerate with: node scripts/gen-api-types.mjs sts

export interface AssumeRoleRequest {
  /** The Amazon Resource Name (ARN) of the role to assume. */
  RoleArn: string;
  /** An identifier for the assumed role session. */
  RoleSessionName: string;
  /** The Amazon Resource Names (ARNs) of the IAM managed policies that you want to use as managed session policies. */
  PolicyArns?: PolicyDescriptorType[];
  /** An IAM policy in JSON format that you want to use as an inline session policy. */
  Policy?: string;
  /** The duration, in seconds, of the role session. */
  DurationSeconds?: number;
  /** A list of session tags that you want to pass. */
  Tags?: Tag[];
  /** A list of keys for session tags that you want to set as transitive. */
  TransitiveTagKeys?: string[];
  /** A unique identifier that might be required when you assume a role in another account. */
  ExternalId?: string;
  /** The identification number of the MFA device that is associated with the user who is making the AssumeRole call. */
  SerialNumber?: string;
  /** The value provided by the MFA device, if the trust policy of the role being assumed requires MFA. */
  TokenCode?: string;
  /** The source identity specified by the principal that is calling the AssumeRole operation. The source identity value persists across chained role sessions. */
  SourceIdentity?: string;
  /** A list of previously acquired trusted context assertions in the format of a JSON array. */
  ProvidedContexts?: ProvidedContext[];
}

/** Contains the response to a successful AssumeRole request, including temporary Amazon Web Services credentials that can be used to make Amazon Web Services… */
export interface AssumeRoleResponse {
  /** The temporary security credentials, which include an access key ID, a secret access key, and a security (or session) token. */
  Credentials?: Credentials;
  /** The Amazon Resource Name (ARN) and the assumed role ID, which are identifiers that you can use to refer to the resulting temporary security credentials. */
  AssumedRoleUser?: AssumedRoleUser;
  /** A percentage value that indicates the packed size of the session policies and session tags combined passed in the request. */
  PackedPolicySize?: number;
  /** The source identity specified by the principal that is calling the AssumeRole operation. */
  SourceIdentity?: string;
}

export interface AssumeRoleWithSAMLRequest {
  /** The Amazon Resource Name (ARN) of the role that the caller is assuming. */
  RoleArn: string;
  /** The Amazon Resource Name (ARN) of the SAML provider in IAM that describes the IdP. */
  PrincipalArn: string;
  /** The base64 encoded SAML authentication response provided by the IdP. */
  SAMLAssertion: string;
  /** The Amazon Resource Names (ARNs) of the IAM managed policies that you want to use as managed session policies. */
  PolicyArns?: PolicyDescriptorType[];
  /** An IAM policy in JSON format that you want to use as an inline session policy. */
  Policy?: string;
  /** The duration, in seconds, of the role session. */
  DurationSeconds?: number;
}

/** Contains the response to a successful AssumeRoleWithSAML request, including temporary Amazon Web Services credentials that can be used to make Amazon Web… */
export interface AssumeRoleWithSAMLResponse {
  /** The temporary security credentials, which include an access key ID, a secret access key, and a security (or session) token. */
  Credentials?: Credentials;
  /** The identifiers for the temporary security credentials that the operation returns. */
  AssumedRoleUser?: AssumedRoleUser;
  /** A percentage value that indicates the packed size of the session policies and session tags combined passed in the request. */
  PackedPolicySize?: number;
  /** The value of the NameID element in the Subject element of the SAML assertion. */
  Subject?: string;
  /** The format of the name ID, as defined by the Format attribute in the NameID element of the SAML assertion. */
  SubjectType?: string;
  /** The value of the Issuer element of the SAML assertion. */
  Issuer?: string;
  /** The value of the Recipient attribute of the SubjectConfirmationData element of the SAML assertion. */
  Audience?: string;
  /** A hash value based on the concatenation of the following: */
  NameQualifier?: string;
  /** The value in the SourceIdentity attribute in the SAML assertion. The source identity value persists across chained role sessions. */
  SourceIdentity?: string;
}

export interface AssumeRoleWithWebIdentityRequest {
  /** The Amazon Resource Name (ARN) of the role that the caller is assuming. */
  RoleArn: string;
  /** An identifier for the assumed role session. */
  RoleSessionName: string;
  /** The OAuth 2.0 access token or OpenID Connect ID token that is provided by the identity provider. */
  WebIdentityToken: string;
  /** The fully qualified host component of the domain name of the OAuth 2.0 identity provider. Do not specify this value for an OpenID Connect identity provider. */
  ProviderId?: string;
  /** The Amazon Resource Names (ARNs) of the IAM managed policies that you want to use as managed session policies. */
  PolicyArns?: PolicyDescriptorType[];
  /** An IAM policy in JSON format that you want to use as an inline session policy. */
  Policy?: string;
  /** The duration, in seconds, of the role session. */
  DurationSeconds?: number;
}

/** Contains the response to a successful AssumeRoleWithWebIdentity request, including temporary Amazon Web Services credentials that can be used to make Amazon… */
export interface AssumeRoleWithWebIdentityResponse {
  /** The temporary security credentials, which include an access key ID, a secret access key, and a security token. */
  Credentials?: Credentials;
  /** The unique user identifier that is returned by the identity provider. */
  SubjectFromWebIdentityToken?: string;
  /** The Amazon Resource Name (ARN) and the assumed role ID, which are identifiers that you can use to refer to the resulting temporary security credentials. */
  AssumedRoleUser?: AssumedRoleUser;
  /** A percentage value that indicates the packed size of the session policies and session tags combined passed in the request. */
  PackedPolicySize?: number;
  /** The issuing authority of the web identity token presented. */
  Provider?: string;
  /** The intended audience (also known as client ID) of the web identity token. */
  Audience?: string;
  /** The value of the source identity that is returned in the JSON web token (JWT) from the identity provider. */
  SourceIdentity?: string;
}

export interface AssumeRootRequest {
  /** The member account principal ARN or account ID. */
  TargetPrincipal: string;
  /** The identity based policy that scopes the session to the privileged tasks that can be performed. */
  TaskPolicyArn: PolicyDescriptorType;
  /** The duration, in seconds, of the privileged session. */
  DurationSeconds?: number;
}

export interface AssumeRootResponse {
  /** The temporary security credentials, which include an access key ID, a secret access key, and a security token. */
  Credentials?: Credentials;
  /** The source identity specified by the principal that is calling the AssumeRoot operation. */
  SourceIdentity?: string;
}

/** The identifiers for the temporary security credentials that the operation returns. */
export interface AssumedRoleUser {
  /** A unique identifier that contains the role ID and the role session name of the role that is being assumed. */
  AssumedRoleId: string;
  /** The ARN of the temporary security credentials that are returned from the AssumeRole action. */
  Arn: string;
}

/** Amazon Web Services credentials for API authentication. */
export interface Credentials {
  /** The access key ID that identifies the temporary security credentials. */
  AccessKeyId: string;
  /** The secret access key that can be used to sign requests. */
  SecretAccessKey: string;
  /** The token that users must pass to the service API to use the temporary credentials. */
  SessionToken: string;
  /** The date on which the current credentials expire. */
  Expiration: Date;
}

export interface DecodeAuthorizationMessageRequest {
  /** The encoded message that was returned with the response. */
  EncodedMessage: string;
}

/** A document that contains additional information about the authorization status of a request from an encoded message that is returned in response to an Amazon… */
export interface DecodeAuthorizationMessageResponse {
  /** The API returns a response with the decoded message. */
  DecodedMessage?: string;
}

/** Error shape. The web identity token that was passed is expired or is not valid. Get a new identity token from the identity provider and then retry the request. */
export interface ExpiredTokenException {
  message?: string;
}

/** Error shape. The trade-in token provided in the request has expired and can no longer be exchanged for credentials. Request a new token and retry the operation. */
export interface ExpiredTradeInTokenException {
  message?: string;
}

/** Identifiers for the federated user that is associated with the credentials. */
export interface FederatedUser {
  /** The string that identifies the federated user associated with the credentials, similar to the unique ID of an IAM user. */
  FederatedUserId: string;
  /** The ARN that specifies the federated user that is associated with the credentials. */
  Arn: string;
}

export interface GetAccessKeyInfoRequest {
  /** The identifier of an access key. */
  AccessKeyId: string;
}

export interface GetAccessKeyInfoResponse {
  /** The number used to identify the Amazon Web Services account. */
  Account?: string;
}

export interface GetCallerIdentityRequest {}

/** Contains the response to a successful GetCallerIdentity request, including information about the entity making the request. */
export interface GetCallerIdentityResponse {
  /** The unique identifier of the calling entity. */
  UserId?: string;
  /** The Amazon Web Services account ID number of the account that owns or contains the calling entity. */
  Account?: string;
  /** The Amazon Web Services ARN associated with the calling entity. */
  Arn?: string;
}

export interface GetDelegatedAccessTokenRequest {
  /** The token to exchange for temporary Amazon Web Services credentials. This token must be valid and unexpired at the time of the request. */
  TradeInToken: string;
}

export interface GetDelegatedAccessTokenResponse {
  Credentials?: Credentials;
  /** The percentage of the maximum policy size that is used by the session policy. */
  PackedPolicySize?: number;
  /** The Amazon Resource Name (ARN) of the principal that was assumed when obtaining the delegated access token. */
  AssumedPrincipal?: string;
}

export interface GetFederationTokenRequest {
  /** The name of the federated user. */
  Name: string;
  /** An IAM policy in JSON format that you want to use as an inline session policy. */
  Policy?: string;
  /** The Amazon Resource Names (ARNs) of the IAM managed policies that you want to use as a managed session policy. */
  PolicyArns?: PolicyDescriptorType[];
  /** The duration, in seconds, that the session should last. */
  DurationSeconds?: number;
  /** A list of session tags. */
  Tags?: Tag[];
}

/** Contains the response to a successful GetFederationToken request, including temporary Amazon Web Services credentials that can be used to make Amazon Web… */
export interface GetFederationTokenResponse {
  /** The temporary security credentials, which include an access key ID, a secret access key, and a security (or session) token. */
  Credentials?: Credentials;
  /** Identifiers for the federated user associated with the credentials (such as arn:aws:sts::123456789012:federated-user/Bob or 123456789012:Bob). */
  FederatedUser?: FederatedUser;
  /** A percentage value that indicates the packed size of the session policies and session tags combined passed in the request. */
  PackedPolicySize?: number;
}

export interface GetSessionTokenRequest {
  /** The duration, in seconds, that the credentials should remain valid. */
  DurationSeconds?: number;
  /** The identification number of the MFA device that is associated with the IAM user who is making the GetSessionToken call. */
  SerialNumber?: string;
  /** The value provided by the MFA device, if MFA is required. */
  TokenCode?: string;
}

/** Contains the response to a successful GetSessionToken request, including temporary Amazon Web Services credentials that can be used to make Amazon Web… */
export interface GetSessionTokenResponse {
  /** The temporary security credentials, which include an access key ID, a secret access key, and a security (or session) token. */
  Credentials?: Credentials;
}

export interface GetWebIdentityTokenRequest {
  /** The intended recipient of the web identity token. */
  Audience: string[];
  /** The duration, in seconds, for which the JSON Web Token (JWT) will remain valid. */
  DurationSeconds?: number;
  /** The cryptographic algorithm to use for signing the JSON Web Token (JWT). */
  SigningAlgorithm: string;
  /** An optional list of tags to include in the JSON Web Token (JWT). */
  Tags?: Tag[];
}

export interface GetWebIdentityTokenResponse {
  /** A signed JSON Web Token (JWT) that represents the caller's Amazon Web Services identity. */
  WebIdentityToken?: string;
  /** The date and time when the web identity token expires, in UTC. */
  Expiration?: Date;
}

/** Error shape. The request could not be fulfilled because the identity provider (IDP) that was asked to verify the incoming identity token could not be reached. */
export interface IDPCommunicationErrorException {
  message?: string;
}

/** Error shape. The identity provider (IdP) reported that authentication failed. This might be because the claim is invalid. */
export interface IDPRejectedClaimException {
  message?: string;
}

/** Error shape. The error returned if the message passed to DecodeAuthorizationMessage was invalid. */
export interface InvalidAuthorizationMessageException {
  message?: string;
}

/** Error shape. The web identity token that was passed could not be validated by Amazon Web Services. */
export interface InvalidIdentityTokenException {
  message?: string;
}

/** Error shape. The requested token payload size exceeds the maximum allowed size. */
export interface JWTPayloadSizeExceededException {
  message?: string;
}

/** Error shape. The request was rejected because the policy document was malformed. The error message describes the specific error. */
export interface MalformedPolicyDocumentException {
  message?: string;
}

/** Error shape. The outbound web identity federation feature is not enabled for this account. */
export interface OutboundWebIdentityFederationDisabledException {
  message?: string;
}

/** Error shape. The request was rejected because the total packed size of the session policies and session tags combined was too large. */
export interface PackedPolicyTooLargeException {
  message?: string;
}

/** A reference to the IAM managed policy that is passed as a session policy for a role session or a federated user session. */
export interface PolicyDescriptorType {
  /** The Amazon Resource Name (ARN) of the IAM managed policy to use as a session policy for the role. */
  arn?: string;
}

/** Contains information about the provided context. */
export interface ProvidedContext {
  /** The context provider ARN from which the trusted context assertion was generated. */
  ProviderArn?: string;
  /** The signed and encrypted trusted context assertion generated by the context provider. */
  ContextAssertion?: string;
}

/** Error shape. STS is not activated in the requested region for the account that is being asked to generate credentials. */
export interface RegionDisabledException {
  message?: string;
}

/** Error shape. The requested token duration would extend the session beyond its original expiration time. */
export interface SessionDurationEscalationException {
  message?: string;
}

/** You can pass custom key-value pair attributes when you assume a role or federate a user. */
export interface Tag {
  /** The key for a session tag. */
  Key: string;
  /** The value for a session tag. */
  Value: string;
}

/** The STS API operations in the model. */
export type OperationName =
  | 'AssumeRole'
  | 'AssumeRoleWithSAML'
  | 'AssumeRoleWithWebIdentity'
  | 'AssumeRoot'
  | 'DecodeAuthorizationMessage'
  | 'GetAccessKeyInfo'
  | 'GetCallerIdentity'
  | 'GetDelegatedAccessToken'
  | 'GetFederationToken'
  | 'GetSessionToken'
  | 'GetWebIdentityToken';

/** Input and output type of each operation (`void`: the operation has no input / output shape). */
export interface Operations {
  /** Returns a set of temporary security credentials that you can use to access Amazon Web Services resources. */
  AssumeRole: { input: AssumeRoleRequest; output: AssumeRoleResponse };
  /** Returns a set of temporary security credentials for users who have been authenticated via a SAML authentication response. */
  AssumeRoleWithSAML: { input: AssumeRoleWithSAMLRequest; output: AssumeRoleWithSAMLResponse };
  /** Returns a set of temporary security credentials for users who have been authenticated in a mobile or web application with a web identity provider. */
  AssumeRoleWithWebIdentity: { input: AssumeRoleWithWebIdentityRequest; output: AssumeRoleWithWebIdentityResponse };
  /** Returns a set of short term credentials you can use to perform privileged tasks on a member account in your organization. */
  AssumeRoot: { input: AssumeRootRequest; output: AssumeRootResponse };
  /** Decodes additional information about the authorization status of a request from an encoded message returned in response to an Amazon Web Services request. */
  DecodeAuthorizationMessage: { input: DecodeAuthorizationMessageRequest; output: DecodeAuthorizationMessageResponse };
  /** Returns the account identifier for the specified access key ID. */
  GetAccessKeyInfo: { input: GetAccessKeyInfoRequest; output: GetAccessKeyInfoResponse };
  /** Returns details about the IAM user or role whose credentials are used to call the operation. */
  GetCallerIdentity: { input: GetCallerIdentityRequest; output: GetCallerIdentityResponse };
  /** Exchanges a trade-in token for temporary Amazon Web Services credentials with the permissions associated with the assumed principal. */
  GetDelegatedAccessToken: { input: GetDelegatedAccessTokenRequest; output: GetDelegatedAccessTokenResponse };
  /** Returns a set of temporary security credentials (consisting of an access key ID, a secret access key, and a security token) for a user. */
  GetFederationToken: { input: GetFederationTokenRequest; output: GetFederationTokenResponse };
  /** Returns a set of temporary credentials for an Amazon Web Services account or IAM user. */
  GetSessionToken: { input: GetSessionTokenRequest; output: GetSessionTokenResponse };
  /** Returns a signed JSON Web Token (JWT) that represents the calling Amazon Web Services identity. */
  GetWebIdentityToken: { input: GetWebIdentityTokenRequest; output: GetWebIdentityTokenResponse };
}
