// Roles, users and groups share inline policies, attached managed policies and permissions boundaries; these
// helpers find one by kind and name with IAM's NoSuchEntity, and build the rows that store one.
import { IamErrors, type IamEntityType } from './errors.js';
import { awsManagedPolicy, isAwsManagedArn } from './aws-managed.js';
import type { AccountIam, GroupDoc, IamChange, RoleDoc, UserDoc } from './state.js';

export type PrincipalDoc = RoleDoc | UserDoc | GroupDoc;

/** The request member naming the principal of a per-kind operation (PutRolePolicy's RoleName…). */
export const NAME_MEMBER: Record<IamEntityType, 'RoleName' | 'UserName' | 'GroupName'> = {
  role: 'RoleName',
  user: 'UserName',
  group: 'GroupName',
};

export function findPrincipal(a: AccountIam, type: IamEntityType, name: string): PrincipalDoc | undefined {
  return type === 'role' ? a.role(name) : type === 'user' ? a.user(name) : a.group(name);
}

export function requirePrincipal(a: AccountIam, type: 'role', name: string): RoleDoc;
export function requirePrincipal(a: AccountIam, type: 'user', name: string): UserDoc;
export function requirePrincipal(a: AccountIam, type: 'group', name: string): GroupDoc;
export function requirePrincipal(a: AccountIam, type: IamEntityType, name: string): PrincipalDoc;
export function requirePrincipal(a: AccountIam, type: IamEntityType, name: string): PrincipalDoc {
  const p = findPrincipal(a, type, name);
  if (p === undefined) throw IamErrors.noSuchEntity(type, name);
  return p;
}

export function putPrincipal(type: IamEntityType, doc: PrincipalDoc): IamChange {
  return { put: [{ kind: type, key: doc.name.toLowerCase(), doc }] };
}

/** The user, group or role an ARN of this account names (the simulator's PolicySourceArn). */
export function principalFromArn(a: AccountIam, arn: string): { type: IamEntityType; entity: PrincipalDoc } {
  const m = /^arn:aws:iam::(\d{12}):(user|group|role)\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (m === null || m[1] !== a.accountId) throw IamErrors.invalidInput(`Invalid ARN: ${arn}`);
  const type = m[2] as IamEntityType;
  return { type, entity: requirePrincipal(a, type, m[3]!) };
}

/** A managed policy this account may attach (its own, or an AWS managed one Lambent knows). */
export function requireAttachable(a: AccountIam, arn: string): { name: string; arn: string } {
  if (isAwsManagedArn(arn)) {
    const p = awsManagedPolicy(arn);
    if (p !== undefined && p.IsAttachable) return { name: p.PolicyName, arn };
  } else {
    const p = a.policies.get(arn);
    if (p !== undefined) return { name: p.name, arn };
  }
  throw IamErrors.policyNotAttachable(arn);
}

/** A permissions boundary must be a managed policy that exists (AWS's message names it a "Scope ARN"). */
export function requireBoundary(a: AccountIam, arn: string): string {
  const known = isAwsManagedArn(arn) ? awsManagedPolicy(arn) !== undefined : a.policies.has(arn);
  if (!known) throw IamErrors.noSuchEntityMessage(`Scope ARN: ${arn} does not exist or is not attachable.`);
  return arn;
}
