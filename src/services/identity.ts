// Identity contracts shared by the gateway and every service: who is calling
// (CallerIdentity), what an operation asks IAM for (AccessRequest), who decides
// (Authorizer), and what IAM and STS offer other services (IamDirectory,
// ExecutionRoles, resource policies). Implementations live in services/iam and
// services/sts; main.ts wires them. Nothing here imports an implementation.
import type { Credential, CredentialStore } from '../protocol/sigv4.js';

/** The principal behind a verified request, as every service's handlers and IAM see it. */
export interface CallerIdentity {
  /**
   * root: the account's own keys (configured keys, the loopback dev keys); user: an IAM user's access key;
   * assumed-role: temporary credentials from AssumeRole (execution environments included); session: root or user
   * credentials from GetSessionToken (act as the user/root that asked for them).
   */
  kind: 'root' | 'user' | 'assumed-role';
  accountId: string;
  /**
   * root: arn:aws:iam::ACCOUNT:root; user: arn:aws:iam::ACCOUNT:user/PATH/NAME;
   * assumed-role: arn:aws:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION-NAME.
   */
  arn: string;
  /** GetCallerIdentity's UserId: the account id (root), AIDA… (user), AROA…:SESSION-NAME (role session). */
  userId: string;
  accessKeyId: string;
  /** Users: the user name. Assumed roles: the role name. */
  name?: string;
  /** Assumed roles: arn:aws:iam::ACCOUNT:role/PATH/NAME (aws:PrincipalArn is this, not `arn`). */
  roleArn?: string;
  /** Assumed roles: the role's unique id (AROA…). */
  roleId?: string;
  sessionName?: string;
  /** Session tags (aws:PrincipalTag/… for a role session, with the role's own tags under them). */
  sessionTags?: Record<string, string>;
  /** A session policy passed to AssumeRole (JSON text): it only ever narrows what the role allows. */
  sessionPolicy?: string;
  /** Temporary credentials: when they stop working (ms since the epoch). */
  expiresAt?: number;
}

/** One thing an operation needs permission for. An operation may need several (AWS's dependent actions). */
export interface AccessRequest {
  /** The IAM action as AWS writes it in messages, e.g. "lambda:InvokeFunction" (Invoke), "iam:CreateRole". */
  action: string;
  /** The resource ARN the action is on (function, role…), or "*" for actions without resource types. */
  resource: string;
  /** The account owning the resource; defaults to the account field of `resource` (or the caller's for "*"). */
  resourceAccount?: string;
  /** Service condition keys of this request (e.g. "lambda:FunctionUrlAuthType", "iam:PassedToService"). */
  conditions?: Record<string, string | string[]>;
}

/** Facts about the request that global condition keys read (aws:SourceIp, aws:CurrentTime…). */
export interface RequestFacts {
  region: string;
  sourceIp: string;
  /** ms since the epoch; from the injectable clock. */
  now: number;
  secureTransport: boolean;
  userAgent?: string;
  /** Set when a service calls on behalf of another resource (aws:SourceArn / aws:SourceAccount). */
  sourceArn?: string;
  sourceAccount?: string;
}

/** Why a request was refused, and AWS's sentence for it. */
export interface Denial {
  action: string;
  resource: string;
  /** Which kind of policy AWS names in its message. */
  policyType: 'identity-based' | 'resource-based' | 'session' | 'permissions boundary';
  explicit: boolean;
  /**
   * AWS's wording: "User: ARN is not authorized to perform: ACTION on resource: RESOURCE because no identity-based
   * policy allows the ACTION action" or "… with an explicit deny in an identity-based policy".
   */
  message: string;
}

export interface Authorizer {
  /**
   * Undefined when every request is allowed, else the first denial. Synchronous when everything it needs is
   * cached (the warm path of an assumed-role caller), so it costs no promise there.
   */
  authorize(caller: CallerIdentity, requests: readonly AccessRequest[], facts: RequestFacts): Denial | undefined | Promise<Denial | undefined>;
  /** Audit mode (--iam audit): decisions are computed and logged, denials counted, nothing refused. */
  readonly mode: 'enforce' | 'audit';
}

/**
 * The credentials the gateway verifies signatures with, and who they belong to: account root keys (configured),
 * IAM users' access keys, and temporary credentials (ASIA…) from STS.
 */
export interface IdentityProvider extends CredentialStore {
  /**
   * Who signed a request whose signature verified with `credential`. `securityToken` is the request's
   * X-Amz-Security-Token (header or presigned query parameter). Throws AwsError: temporary credentials without
   * their token or with a forged one → UnrecognizedClientException (the query codec writes InvalidClientTokenId),
   * expired → ExpiredTokenException ("The security token included in the request is expired"); a token on
   * long-term keys is ignored, as AWS does.
   */
  identify(credential: Credential, securityToken: string | undefined): CallerIdentity;
}

/** An IAM role as other services need it. */
export interface RoleRecord {
  accountId: string;
  roleName: string;
  path: string;
  arn: string;
  /** AROA… */
  roleId: string;
  /** The trust policy document (JSON text, decoded). */
  assumeRolePolicyDocument: string;
  maxSessionDurationSeconds: number;
  tags: Record<string, string>;
}

/** A user's access key as the credential lookup needs it (kept in memory: signature checks are synchronous). */
export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  status: 'Active' | 'Inactive';
  accountId: string;
  userName: string;
  /** AIDA… */
  userId: string;
  userArn: string;
}

/** One policy document that applies to a principal, with where it came from (for the simulator and logs). */
export interface AppliedPolicy {
  /** e.g. "arn:aws:iam::aws:policy/ReadOnlyAccess", "role/NAME/inline/POLICY", "user/NAME/inline/POLICY". */
  source: string;
  document: string;
}

/** What IAM offers the rest of Lambent (implemented by services/iam over its store). */
export interface IamDirectory {
  getRole(accountId: string, roleName: string): Promise<RoleRecord | undefined>;
  /** Synchronous: every access key is held in memory, written through on create/update/delete. */
  accessKey(accessKeyId: string): AccessKeyRecord | undefined;
  /**
   * The identity-based policies of a principal: a user's inline, attached managed and its groups' policies; a role
   * session's role's inline and attached managed policies. Plus the permissions boundary, when one is set.
   */
  identityPolicies(caller: CallerIdentity): Promise<{ policies: AppliedPolicy[]; permissionsBoundary?: AppliedPolicy }>;
  /**
   * Grows with every IAM write that can change a decision (policies, attachments, memberships, roles, users, keys):
   * caches of parsed policies keyed by principal are valid while it is unchanged.
   */
  generation(): number;
}

/** Resource-based policies other services own (Lambda function policies now; queues, topics, buckets later). */
export interface ResourcePolicySource {
  /** The policy of the resource `arn` (qualified ARNs for versions and aliases), or undefined. */
  policyFor(arn: string): Promise<string | undefined>;
  /** Grows with every write of a resource policy of this source. */
  generation(): number;
}

export interface TemporaryCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** What Lambda needs of IAM/STS for execution roles. */
export interface ExecutionRoles {
  /**
   * AWS's checks at CreateFunction / UpdateFunctionConfiguration: 'ok'; 'cross-account' (the role's account is not
   * the caller's: AccessDeniedException "Cross-account pass role is not allowed."); 'cannot-assume' (no such role,
   * or its trust policy does not let lambda.amazonaws.com assume it: InvalidParameterValueException "The role
   * defined for the function cannot be assumed by Lambda.").
   */
  check(roleArn: string, callerAccountId: string): Promise<'ok' | 'cross-account' | 'cannot-assume'>;
  /**
   * Credentials of the role for one execution environment (Lambda's own session: the trust policy was checked when
   * the role was given to the function). Session name: the function's name, as on AWS. Called on cold starts
   * only (one role read; minting is an HMAC). Rejects when the role no longer exists.
   */
  credentialsFor(roleArn: string, sessionName: string, durationSeconds: number): Promise<TemporaryCredentials>;
  /**
   * The caller Lambda acts as for a function outside its environments (event source mapping pollers reading a
   * queue, async destinations and dead-letter queues): a session of the execution role named `sessionName`, with
   * the role's tags as session tags. Rejects when the role no longer exists.
   */
  identityFor(roleArn: string, sessionName: string): Promise<CallerIdentity>;
}
