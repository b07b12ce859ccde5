// AddPermission, RemovePermission and GetPolicy: the resource-based policy of a function (unqualified), a published
// version or an alias. Each policy has its own revision id, renewed at every change; a write compares it (or,
// before the first statement, the version's or alias's revision) with the caller's RevisionId.
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
      const resourceRevision = await this.resourceRevision(target);
      const current = await this.deps.store.policies.get(key, qualifier);
      if (req.RevisionId !== undefined && req.RevisionId !== (current?.revisionId ?? resourceRevision)) {
        throw revisionMismatch(target);
      }
      const doc = current ? parsePolicyText(current.policy) : emptyPolicy();
      if (doc.Statement.some((s) => s.Sid === req.StatementId)) throw LambdaErrors.statementExists(req.StatementId);
      doc.Statement.push(statement);
      const policy = policyText(doc);
      const written = await this.deps.store.policies.put({ ...key, qualifier, policy, revisionId: newRevisionId() }, current?.revisionId);
      if (written === 'ok') break;
      if (written === 'missing') throw LambdaErrors.functionNotFound(target.arn);
      if (req.RevisionId !== undefined || attempt >= WRITE_ATTEMPTS) throw revisionMismatch(target);
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
    if (target.qualifier !== undefined && isAliasName(target.qualifier) && !(await this.deps.store.functions.getAlias(key, target.qualifier))) {
      throw LambdaErrors.aliasNotFound(target.arn);
    }
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.store.policies.get(key, qualifier);
      if (!current) throw LambdaErrors.noPolicy();
      if (req.RevisionId !== undefined && req.RevisionId !== current.revisionId) throw revisionMismatch(target);
      const doc = parsePolicyText(current.policy);
      const kept = doc.Statement.filter((s) => s.Sid !== req.StatementId);
      if (kept.length === doc.Statement.length) throw LambdaErrors.statementNotFound(req.StatementId);
      // The last statement takes the policy with it: GetPolicy then answers "does not exist", as on AWS.
      const written = kept.length === 0
        ? await this.deps.store.policies.delete(key, qualifier, current.revisionId)
        : await this.deps.store.policies.put(
          { ...key, qualifier, policy: policyText({ ...doc, Statement: kept }), revisionId: newRevisionId() },
          current.revisionId,
        );
      if (written === 'ok') break;
      if (req.RevisionId !== undefined || attempt >= WRITE_ATTEMPTS) throw revisionMismatch(target);
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
   * The revision of the function ($LATEST), version or alias a policy is added to; throws AWS's not-found errors
   * ("Function not found: ARN" with the qualifier the caller used, "Cannot find alias arn: ARN").
   */
  private async resourceRevision(target: ResolvedFunction): Promise<string> {
    const { key, qualifier } = target;
    if (qualifier !== undefined && isAliasName(qualifier)) {
      const alias = await this.deps.store.functions.getAlias(key, qualifier);
      if (!alias || !(await this.deps.store.functions.get(key))) throw LambdaErrors.aliasNotFound(target.arn);
      return alias.revisionId;
    }
    const version = qualifier ?? LATEST;
    const row = version === LATEST || isVersionNumber(version) ? await this.deps.store.functions.getVersion(key, version) : undefined;
    if (!row) throw LambdaErrors.functionNotFound(target.arn);
    return row.revisionId;
  }
}

/**
 * AWS names GetFunction/GetAlias for the function's own policy and GetPolicy for a version's or alias's (recorded
 * responses in shared/parity).
 */
function revisionMismatch(target: ResolvedFunction): Error {
  return target.qualifier === undefined ? LambdaErrors.revisionMismatch() : LambdaErrors.policyRevisionMismatch();
}
