// The Principal / NotPrincipal element: which callers a resource-based or trust policy statement names, and
// whether a given caller is one of them. AWS's rules: an account id and `arn:aws:iam::ID:root` both name the
// account (any principal of it, whose own account then decides through identity policies); a role ARN names every
// session of that role; an assumed-role ARN names one session; `"*"` names everyone.
import { PolicySyntaxError } from './errors.js';
import type { EvalPrincipal } from './types.js';

export interface PrincipalSpec {
  /** `"Principal": "*"` or `{"AWS": "*"}`. */
  readonly everyone: boolean;
  /** Account ids named by id or root ARN. */
  readonly accounts: ReadonlySet<string>;
  /** User, role and assumed-role ARNs named exactly. */
  readonly arns: ReadonlySet<string>;
  /** Service principals, lower-case (lambda.amazonaws.com). */
  readonly services: ReadonlySet<string>;
  readonly federated: readonly string[];
  readonly canonicalUsers: readonly string[];
}

/** How a statement's principal named the caller; decides which guardrails still apply (see evaluate.ts). */
export type PrincipalMatch = 'none' | 'everyone' | 'account' | 'role' | 'exact' | 'service';

const ACCOUNT_ID = /^\d{12}$/;
// arn:aws:iam::123456789012:root | user/… | role/… ; arn:aws:sts::123456789012:assumed-role/ROLE/SESSION | federated-user/NAME
const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):(root|user\/[\w+=,.@/-]*[\w+=,.@-]|role\/[\w+=,.@/-]*[\w+=,.@-])$/;
const STS_PRINCIPAL_ARN = /^arn:aws[a-z-]*:sts::(\d{12}):(assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+|federated-user\/[\w+=,.@-]+)$/;

function invalid(type: string, value: string): PolicySyntaxError {
  return new PolicySyntaxError(`Invalid principal in policy: "${type}":${JSON.stringify(value)}`);
}

export function parsePrincipal(raw: unknown): PrincipalSpec {
  const accounts = new Set<string>();
  const arns = new Set<string>();
  const services = new Set<string>();
  const federated: string[] = [];
  const canonicalUsers: string[] = [];
  let everyone = false;
  if (raw === '*') {
    everyone = true;
  } else if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
    const entries = Object.entries(raw as Record<string, unknown>);
    if (entries.length === 0) throw new PolicySyntaxError('Syntax errors in policy.');
    for (const [type, value] of entries) {
      const values = Array.isArray(value) ? value : [value];
      if (values.length === 0) throw new PolicySyntaxError('Syntax errors in policy.');
      for (const v of values) {
        if (typeof v !== 'string') throw new PolicySyntaxError('Syntax errors in policy.');
        switch (type) {
          case 'AWS': {
            if (v === '*') {
              everyone = true;
            } else if (ACCOUNT_ID.test(v)) {
              accounts.add(v);
            } else {
              const iam = IAM_PRINCIPAL_ARN.exec(v);
              const sts = iam ? null : STS_PRINCIPAL_ARN.exec(v);
              if (iam?.[2] === 'root') accounts.add(iam[1]!);
              else if (iam || sts) arns.add(v);
              else throw invalid(type, v);
            }
            break;
          }
          case 'Service':
            if (v.length === 0 || /\s/.test(v)) throw invalid('SERVICE', v);
            services.add(v.toLowerCase());
            break;
          case 'Federated':
            if (v.length === 0) throw invalid('FEDERATED', v);
            federated.push(v);
            break;
          case 'CanonicalUser':
            if (v.length === 0) throw invalid('CANONICALUSER', v);
            canonicalUsers.push(v);
            break;
          default:
            throw new PolicySyntaxError('Syntax errors in policy.');
        }
      }
    }
  } else {
    throw new PolicySyntaxError('Syntax errors in policy.');
  }
  return { everyone, accounts, arns, services, federated, canonicalUsers };
}

/** How `spec` names `principal`, most specific first ('none' when it does not). */
export function principalMatch(spec: PrincipalSpec, principal: EvalPrincipal): PrincipalMatch {
  if (principal.kind === 'service') {
    if (spec.services.has(principal.service.toLowerCase())) return 'service';
    return spec.everyone ? 'everyone' : 'none';
  }
  if (principal.kind === 'anonymous') return spec.everyone ? 'everyone' : 'none';
  const id = principal.identity;
  if (spec.arns.size > 0) {
    if (spec.arns.has(id.arn)) return 'exact';
    if (id.roleArn !== undefined && spec.arns.has(id.roleArn)) return 'role';
  }
  if (spec.accounts.has(id.accountId)) return 'account';
  return spec.everyone ? 'everyone' : 'none';
}
