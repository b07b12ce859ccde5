// AddPermission, RemovePermission and GetPolicy: the resource-based policy of a function (unqualified), a published
// version or an alias. As on AWS, a policy's revision is its resource's: every change gives the function ($LATEST),
// version or alias a new RevisionId, and a RevisionId given with a change is compared with the resource's.
import type { RequestContext } from '../types.js';
import type {
  AddPermissionRequest,
  AddPermissionResponse,
  GetPolicyRequest,
  GetPolicyResponse,
  RemovePermissionRequest,
} from './api-types.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { newRevisionId } from './function-config.js';
import { buildStatement, emptyPolicy, parsePolicyText, policyText } from './function-policies.js';
import { functionArn, resolveFunction, type ResolvedFunction } from './function-ref.js';
import { isAliasName, isVersionNumber, LATEST } from './qualifiers.js';

/** A concurrent writer moved the policy on between our read and write: read again, this many times at most. */
const WRITE_ATTEMPTS = 3;

export class PermissionsApi {
  constructor(private readonly deps: LambdaDeps) {}

  async add(req: AddPermissionRequest, ctx: RequestContext): Promise<AddPermissionResponse> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    if (target.qualifier === LATEST) throw LambdaErrors.permissionOnLatest();
    const qualifier = target.qualifier ?? '';
    const { key } = target;
    const statement = buildStatement(req, functionArn(key.region, key.accountId, key.name, target.qualifier));
    for (let attempt = 1; ; attempt++) {
      const revision = await this.resourceRevision(target);
      if (req.RevisionId !== undefined && req.RevisionId !== revision) throw LambdaErrors.policyRevisionMismatch();
      const current = await this.deps.store.policies.get(key, qualifier);
      const doc = current ? parsePolicyText(current.policy) : emptyPolicy();
      if (doc.Statement.some((s) => s.Sid === req.StatementId)) throw LambdaErrors.statementExists(req.StatementId);
      doc.Statement.push(statement);
      const written = await this.deps.store.policies.write(key, qualifier, policyText(doc), newRevisionId(), revision);
      if (written === 'ok') break;
      if (written === 'missing') throw notFound(target);
      if (req.RevisionId !== undefined || attempt >= WRITE_ATTEMPTS) throw LambdaErrors.policyRevisionMismatch();
    }
    this.deps.policies.changed();
    return { Statement: JSON.stringify(statement) };
  }

  async remove(req: RemovePermissionRequest, ctx: RequestContext): Promise<{ StatusCode: number }> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    if (target.qualifier === LATEST) throw LambdaErrors.permissionOnLatest();
    const qualifier = target.qualifier ?? '';
    const { key } = target;
    if (!(await this.deps.store.functions.get(key))) throw LambdaErrors.noPolicyFound(target.arn);
    for (let attempt = 1; ; attempt++) {
      const revision = await this.deps.store.policies.resourceRevision(key, qualifier);
      if (revision === undefined) {
        throw isAliasName(qualifier) ? LambdaErrors.aliasNotFound(target.arn) : LambdaErrors.noPolicyFound(target.arn);
      }
      const current = await this.deps.store.policies.get(key, qualifier);
      if (!current) throw LambdaErrors.noPolicy();
      if (req.RevisionId !== undefined && req.RevisionId !== revision) throw LambdaErrors.policyRevisionMismatch();
      const doc = parsePolicyText(current.policy);
      const kept = doc.Statement.filter((s) => s.Sid !== req.StatementId);
      if (kept.length === doc.Statement.length) throw LambdaErrors.statementNotFound(req.StatementId);
      // The last statement takes the policy with it: GetPolicy then answers "does not exist", as on AWS.
      const policy = kept.length === 0 ? undefined : policyText({ ...doc, Statement: kept });
      const written = await this.deps.store.policies.write(key, qualifier, policy, newRevisionId(), revision);
      if (written === 'ok') break;
      if (written === 'missing') throw LambdaErrors.noPolicyFound(target.arn);
      if (req.RevisionId !== undefined || attempt >= WRITE_ATTEMPTS) throw LambdaErrors.policyRevisionMismatch();
    }
    this.deps.policies.changed();
    return { StatusCode: 204 };
  }

  async get(req: GetPolicyRequest, ctx: RequestContext): Promise<GetPolicyResponse> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    // `:$LATEST` is the function itself; a missing function, version or alias has no policy row (cascade, triggers).
    const qualifier = target.qualifier === undefined || target.qualifier === LATEST ? '' : target.qualifier;
    const row = await this.deps.store.policies.get(target.key, qualifier);
    if (!row) throw LambdaErrors.policyResourceNotFound();
    return { Policy: row.policy, RevisionId: row.revisionId };
  }

  /**
   * The revision of the function ($LATEST), version or alias a policy is added to (a policy write renews it);
   * AWS's not-found errors when it does not exist.
   */
  private async resourceRevision(target: ResolvedFunction): Promise<string> {
    const qualifier = target.qualifier;
    if (qualifier !== undefined && !isAliasName(qualifier) && !isVersionNumber(qualifier)) throw notFound(target);
    const revision = await this.deps.store.policies.resourceRevision(target.key, qualifier ?? '');
    if (revision === undefined) throw notFound(target);
    return revision;
  }
}

/** "Function not found: ARN" with the qualifier the caller used, or "Cannot find alias arn: ARN". */
function notFound(target: ResolvedFunction): Error {
  const q = target.qualifier;
  return q !== undefined && isAliasName(q) ? LambdaErrors.aliasNotFound(target.arn) : LambdaErrors.functionNotFound(target.arn);
}
