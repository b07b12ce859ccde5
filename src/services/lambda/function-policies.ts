// Functions' resource-based policies as AWS writes them (AddPermission's statement, GetPolicy's document) and as
// the authorizer reads them (FunctionPolicies, a ResourcePolicySource over the store).
import type { FunctionPolicyStore } from '../../store/types.js';
import type { ResourcePolicySource } from '../identity.js';
import type { AddPermissionRequest } from './api-types.js';
import { LambdaErrors } from './errors.js';
import { parseFunctionRef } from './function-ref.js';
import { LATEST } from './qualifiers.js';

/** AWS's limit on a function policy (the whole document, in bytes). */
export const POLICY_LIMIT_BYTES = 20480;

export interface PolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Principal: '*' | { Service: string } | { AWS: string };
  Action: string;
  Resource: string;
  Condition?: Record<string, Record<string, string>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Id: 'default';
  Statement: PolicyStatement[];
}

// Service principals: AWS services (…amazonaws.com, China's …amazonaws.com.cn) and Alexa's (…amazon.com).
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9.-]*\.(amazonaws\.com(\.cn)?|amazon\.com)$/;
const ACCOUNT_ID = /^\d{12}$/;
const IAM_ARN = /^arn:aws[a-z-]*:(iam|sts)::\d{12}:.+$/;

/** AddPermission's Principal as the statement writes it; InvalidParameterValueException for anything else. */
export function statementPrincipal(principal: string): PolicyStatement['Principal'] {
  if (principal === '*') return '*';
  if (ACCOUNT_ID.test(principal)) return { AWS: `arn:aws:iam::${principal}:root` };
  if (IAM_ARN.test(principal)) return { AWS: principal };
  if (SERVICE_PRINCIPAL.test(principal)) return { Service: principal };
  throw LambdaErrors.invalidPrincipal();
}

/**
 * The statement AddPermission adds (and answers, as JSON text): the request's optional fields become conditions in
 * AWS's own keys and order (StringEquals, then ArnLike, then Bool).
 */
export function buildStatement(req: AddPermissionRequest, resourceArn: string): PolicyStatement {
  const statement: PolicyStatement = {
    Sid: req.StatementId,
    Effect: 'Allow',
    Principal: statementPrincipal(req.Principal),
    Action: req.Action,
    Resource: resourceArn,
  };
  const equals: Record<string, string> = {};
  if (req.SourceAccount !== undefined) equals['AWS:SourceAccount'] = req.SourceAccount;
  if (req.FunctionUrlAuthType !== undefined) equals['lambda:FunctionUrlAuthType'] = req.FunctionUrlAuthType;
  if (req.EventSourceToken !== undefined) equals['lambda:EventSourceToken'] = req.EventSourceToken;
  if (req.PrincipalOrgID !== undefined) equals['aws:PrincipalOrgID'] = req.PrincipalOrgID;
  const condition: Record<string, Record<string, string>> = {};
  if (Object.keys(equals).length > 0) condition['StringEquals'] = equals;
  if (req.SourceArn !== undefined) condition['ArnLike'] = { 'AWS:SourceArn': req.SourceArn };
  if (req.InvokedViaFunctionUrl === true) condition['Bool'] = { 'lambda:InvokedViaFunctionUrl': 'true' };
  if (Object.keys(condition).length > 0) statement.Condition = condition;
  return statement;
}

export function emptyPolicy(): PolicyDocument {
  return { Version: '2012-10-17', Id: 'default', Statement: [] };
}

/** A stored policy (written by this module only, so its shape is known). */
export function parsePolicyText(text: string): PolicyDocument {
  return JSON.parse(text) as PolicyDocument;
}

/**
 * The principal of statement `sid` as lambda:Principal reads it at RemovePermission: the service name, the AWS
 * principal as stored, or "*"; undefined without such a statement.
 */
export function principalOfStatement(text: string | undefined, sid: string): string | undefined {
  if (text === undefined) return undefined;
  const st = parsePolicyText(text).Statement.find((x) => x.Sid === sid);
  if (st === undefined) return undefined;
  const p = st.Principal;
  return p === '*' ? '*' : 'Service' in p ? p.Service : p.AWS;
}

/** The policy as GetPolicy returns it, checked against AWS's size limit. */
export function policyText(doc: PolicyDocument): string {
  const text = JSON.stringify(doc);
  const size = Buffer.byteLength(text);
  if (size > POLICY_LIMIT_BYTES) throw LambdaErrors.policyTooLarge(size, POLICY_LIMIT_BYTES);
  return text;
}

/** Cached answers kept at most (ARNs of functions that do not exist are cached too: bounded). */
const CACHE_ENTRIES = 10_000;

/**
 * The resource policies of functions for the authorizer. Parsed answers are cached per ARN and dropped at every
 * policy write and every deletion of a function, version or alias (`changed()`), which also grows `generation()`.
 */
export class FunctionPolicies implements ResourcePolicySource {
  private gen = 0;
  private readonly cache = new Map<string, string | undefined>();

  constructor(private readonly store: FunctionPolicyStore) {}

  generation(): number {
    return this.gen;
  }

  /** A policy was written or a resource that could hold one was deleted. */
  changed(): void {
    this.gen++;
    this.cache.clear();
  }

  /** The policy of a function (unqualified or `:$LATEST`), a version or an alias, by ARN; undefined without one. */
  async policyFor(arn: string): Promise<string | undefined> {
    if (this.cache.has(arn)) return this.cache.get(arn);
    const ref = parseFunctionRef(arn);
    if (!ref.accountId || !ref.region || !arn.startsWith('arn:')) return undefined;
    const gen = this.gen;
    const qualifier = ref.qualifier === undefined || ref.qualifier === LATEST ? '' : ref.qualifier;
    const row = await this.store.get({ accountId: ref.accountId, region: ref.region, name: ref.name }, qualifier);
    // A write that happened while reading must not leave the older answer cached.
    if (gen === this.gen) {
      if (this.cache.size >= CACHE_ENTRIES) this.cache.clear();
      this.cache.set(arn, row?.policy);
    }
    return row?.policy;
  }
}
