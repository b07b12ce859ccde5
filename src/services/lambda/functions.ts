// Function resources: CreateFunction, GetFunction, GetFunctionConfiguration,
// ListFunctions, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction,
// each addressing versions and aliases by qualifier where AWS allows it.
import { CommonErrors } from '../../protocol/errors.js';
import { StoreConflictError, type FunctionKey, type VersionRow } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import type {
  CreateFunctionRequest,
  DeleteFunctionRequest,
  FunctionConfiguration,
  GetFunctionConfigurationRequest,
  GetFunctionRequest,
  GetFunctionResponse,
  ListFunctionsRequest,
  ListFunctionsResponse,
  UpdateFunctionCodeRequest,
  UpdateFunctionConfigurationRequest,
} from './api-types.js';
import { acceptZip } from './code-upload.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import {
  applyConfigurationUpdate,
  checkDeadLetterQueue,
  checkSettings,
  deadLetterToCheck,
  initialConfiguration,
  listView,
  markUpdating,
} from './function-config.js';
import { functionArn, resolveFunction, type ResolvedFunction } from './function-ref.js';
import { isAliasName, LATEST, loadQualified } from './qualifiers.js';
import { versionListView, versionRow, type VersionsApi } from './versions.js';

export class FunctionsApi {
  constructor(
    private readonly deps: LambdaDeps,
    private readonly versions: VersionsApi,
  ) {}

  async create(req: CreateFunctionRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const { name } = parseNewName(req.FunctionName, ctx);
    req = { ...req, FunctionName: name };
    if (req.PackageType === 'Image' || req.Code.ImageUri) {
      throw LambdaErrors.unsupported('PackageType Image (container images)');
    }
    if (req.Code.S3Bucket || req.Code.S3Key) {
      throw LambdaErrors.unsupported('Code from S3 (S3Bucket/S3Key); upload the package as Code.ZipFile');
    }
    if (!req.Code.ZipFile) throw LambdaErrors.invalidParameter('Please provide a source for function code.');
    if (!req.Runtime || !req.Handler) {
      throw LambdaErrors.invalidParameter(
        'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
      );
    }
    if (req.CodeSigningConfigArn) throw LambdaErrors.unsupported('CodeSigningConfigArn');
    checkSettings(req);

    const key: FunctionKey = { accountId: ctx.accountId, region: ctx.region, name };
    if (await this.deps.store.functions.get(key)) throw LambdaErrors.functionExists(name);
    await this.checkRole(req.Role, ctx);
    await checkDeadLetterQueue(this.deps, { role: req.Role, functionName: name, region: ctx.region, deadLetterArn: req.DeadLetterConfig?.TargetArn });

    const stored = await acceptZip(req.Code.ZipFile, this.deps.code);
    try {
      const config = initialConfiguration({
        arn: functionArn(ctx.region, ctx.accountId, name),
        region: ctx.region,
        request: req,
        codeSha256Base64: stored.sha256Base64,
        codeSize: stored.size,
      });
      // With Publish, version 1 is created with the function, Pending until the code is ready.
      const first = req.Publish ? versionRow(key, config, stored.sha256Hex, '1', { pending: true }) : undefined;
      try {
        await this.deps.store.functions.create(
          { ...key, createdAt: config.LastModified ?? '', tags: req.Tags ?? {} },
          { ...key, version: LATEST, config, codeSha256: stored.sha256Hex, revisionId: config.RevisionId ?? '' },
          first,
        );
      } catch (e) {
        if (e instanceof StoreConflictError) throw LambdaErrors.functionExists(name);
        throw e;
      }
      this.deps.lifecycle.schedule(key);
      if (!first) return this.withRuntimeVersion(config, ctx.region);
      this.deps.lifecycle.schedule(first);
      // AWS answers the version's document, but under the unqualified function ARN.
      return { ...first.config, FunctionArn: config.FunctionArn ?? '' };
    } finally {
      this.deps.code.unpin(stored.sha256Hex);
    }
  }

  async get(req: GetFunctionRequest, ctx: RequestContext): Promise<GetFunctionResponse> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    const { row, fn } = await this.load(target);
    const out: GetFunctionResponse = {
      Configuration: this.withRuntimeVersion(qualifiedView(row, target), ctx.region),
      Code: { RepositoryType: 'S3', Location: this.deps.codeLocations.url(ctx.endpoint, row.codeSha256) },
    };
    if (Object.keys(fn.tags).length > 0) out.Tags = fn.tags;
    const reserved = this.deps.concurrency.reserved(functionArn(fn.region, fn.accountId, fn.name));
    if (reserved !== undefined) out.Concurrency = { ReservedConcurrentExecutions: reserved };
    return out;
  }

  async getConfiguration(req: GetFunctionConfigurationRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    return this.withRuntimeVersion(qualifiedView((await this.load(target)).row, target), ctx.region);
  }

  async list(req: ListFunctionsRequest, ctx: RequestContext): Promise<ListFunctionsResponse> {
    if (req.FunctionVersion === 'ALL') return this.listAllVersions(req, ctx);
    const max = req.MaxItems ?? 50;
    const after = req.Marker ? decodeMarker(req.Marker) : undefined;
    const rows = await this.deps.store.functions.listLatest<FunctionConfiguration>(ctx.accountId, ctx.region, after, max + 1);
    const page = rows.slice(0, max);
    const out: ListFunctionsResponse = { Functions: page.map((r) => listView(r.config)) };
    const last = page[page.length - 1];
    if (rows.length > max && last) out.NextMarker = encodeMarker(last.name);
    return out;
  }

  /** FunctionVersion=ALL: every version of every function, each under its qualified ARN. */
  private async listAllVersions(req: ListFunctionsRequest, ctx: RequestContext): Promise<ListFunctionsResponse> {
    const max = req.MaxItems ?? 50;
    const after = req.Marker ? decodeVersionsMarker(req.Marker) : undefined;
    const rows = await this.deps.store.functions.listAllVersions<FunctionConfiguration>(ctx.accountId, ctx.region, after, max + 1);
    const page = rows.slice(0, max);
    const out: ListFunctionsResponse = { Functions: page.map(versionListView) };
    const last = page[page.length - 1];
    if (rows.length > max && last) out.NextMarker = encodeMarker(`${last.name}:${last.version}`);
    return out;
  }

  async updateCode(req: UpdateFunctionCodeRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const target = resolveFunction(req.FunctionName, ctx);
    if (target.qualifier !== undefined && target.qualifier !== LATEST) throw qualifiedUpdate();
    if (req.ImageUri) throw LambdaErrors.invalidParameter("Please don't provide ImageUri when updating a function with packageType Zip.");
    if (req.S3Bucket || req.S3Key) throw LambdaErrors.unsupported('Code from S3 (S3Bucket/S3Key); upload the package as ZipFile');
    if (!req.ZipFile) throw LambdaErrors.invalidParameter('Please provide a source for function code.');
    const { row } = await this.load(target);
    this.checkUpdatable(row, req.RevisionId);
    const stored = await acceptZip(req.ZipFile, this.deps.code);
    try {
      if (req.DryRun) {
        return { ...row.config, CodeSha256: stored.sha256Base64, CodeSize: stored.size };
      }
      const next = markUpdating({
        ...row.config,
        CodeSha256: stored.sha256Base64,
        CodeSize: stored.size,
        ...(req.Architectures ? { Architectures: req.Architectures } : {}),
      });
      if (req.Publish) {
        // $LATEST and the new version change together; AWS answers the version (Pending).
        const published = await this.versions.publishUpdate(row, next, stored.sha256Hex);
        if (!published) throw LambdaErrors.updateInProgress(row.config.FunctionArn ?? '');
        if (stored.sha256Hex !== row.codeSha256) this.deps.onCodeReleased();
        return published;
      }
      await this.commit(row, next, stored.sha256Hex);
      return next;
    } finally {
      this.deps.code.unpin(stored.sha256Hex);
    }
  }

  async updateConfiguration(req: UpdateFunctionConfigurationRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const target = resolveFunction(req.FunctionName, ctx);
    if (target.qualifier !== undefined && target.qualifier !== LATEST) throw qualifiedUpdate();
    checkSettings(req);
    if (req.ImageConfig) throw LambdaErrors.invalidParameter('ImageConfig applies only to functions with PackageType Image.');
    const { row } = await this.load(target);
    this.checkUpdatable(row, req.RevisionId);
    if (req.Role !== undefined) await this.checkRole(req.Role, ctx);
    const role = req.Role ?? row.config.Role ?? '';
    await checkDeadLetterQueue(this.deps, { role, functionName: row.name, region: row.region, deadLetterArn: deadLetterToCheck(row.config, req) });
    const next = applyConfigurationUpdate(row.config, req, ctx.region);
    await this.commit(row, next, row.codeSha256);
    return this.withRuntimeVersion(next, ctx.region);
  }

  async delete(req: DeleteFunctionRequest, ctx: RequestContext): Promise<{ StatusCode: number }> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    const { key, qualifier } = target;
    const unqualifiedArn = functionArn(key.region, key.accountId, key.name);
    if (qualifier === undefined) {
      if (!(await this.deps.store.functions.delete(key))) throw LambdaErrors.functionNotFound(unqualifiedArn);
      // Its policies (function, versions, aliases) went with it.
      this.deps.policies.changed();
      this.deps.onFunctionDeleted(key);
      return { StatusCode: 204 };
    }
    // One version. AWS checks in this order and names the function unqualified when it is missing.
    if (isAliasName(qualifier)) throw LambdaErrors.aliasDeletionUnsupported();
    if (qualifier === LATEST) {
      throw LambdaErrors.invalidParameter('$LATEST version cannot be deleted without deleting the function.');
    }
    if (!(await this.deps.store.functions.get(key))) throw LambdaErrors.functionNotFound(unqualifiedArn);
    const { deleted, referencedBy } = await this.deps.store.functions.deleteVersion(key, qualifier);
    if (referencedBy.length > 0) throw LambdaErrors.versionReferencedByAliases(referencedBy);
    // Deleting a version that does not exist succeeds, as on AWS.
    if (deleted) {
      this.deps.policies.changed();
      this.deps.onVersionDeleted(key, qualifier);
    }
    return { StatusCode: 204 };
  }

  /**
   * AWS's checks of an execution role (iam:PassRole aside, which the authorizer asks for): the role is in the
   * caller's account, exists, and trusts lambda.amazonaws.com.
   */
  private async checkRole(role: string, ctx: RequestContext): Promise<void> {
    switch (await this.deps.executionRoles.check(role, ctx.accountId)) {
      case 'ok':
        return;
      case 'cross-account':
        throw LambdaErrors.crossAccountPassRole();
      case 'cannot-assume':
        throw LambdaErrors.roleCannotBeAssumed();
    }
  }

  /** RuntimeVersionConfig names the interpreter that runs the runtime now (an install may have changed it). */
  private withRuntimeVersion(cfg: FunctionConfiguration, region: string): FunctionConfiguration {
    const rv = cfg.Runtime ? this.deps.runtimeVersion?.(region, cfg.Runtime) : undefined;
    return rv ? { ...cfg, RuntimeVersionConfig: rv } : cfg;
  }

  /** Loads the addressed version: $LATEST, a published version, or an alias's version. */
  async load(target: ResolvedFunction): Promise<{
    row: VersionRow<FunctionConfiguration>;
    fn: NonNullable<Awaited<ReturnType<LambdaDeps['store']['functions']['get']>>>;
  }> {
    const fn = await this.deps.store.functions.get(target.key);
    const found = fn ? await loadQualified(this.deps.store.functions, target) : undefined;
    if (!fn || !found) throw LambdaErrors.functionNotFound(target.arn);
    return { row: found.row, fn };
  }

  private checkUpdatable(row: VersionRow<FunctionConfiguration>, revisionId: string | undefined): void {
    if (revisionId !== undefined && revisionId !== row.revisionId) throw LambdaErrors.revisionMismatch();
    const arn = row.config.FunctionArn ?? '';
    if (row.config.State === 'Pending') throw LambdaErrors.pendingState(arn);
    if (row.config.LastUpdateStatus === 'InProgress') throw LambdaErrors.updateInProgress(arn);
  }

  private async commit(row: VersionRow<FunctionConfiguration>, next: FunctionConfiguration, codeSha256: string): Promise<void> {
    const ok = await this.deps.store.functions.replaceVersion(
      { ...row, config: next, codeSha256, revisionId: next.RevisionId ?? '' },
      row.revisionId,
    );
    if (!ok) throw LambdaErrors.updateInProgress(row.config.FunctionArn ?? '');
    this.deps.lifecycle.schedule(row);
    if (codeSha256 !== row.codeSha256) this.deps.onCodeReleased();
  }
}

/**
 * A version's document as GetFunction/GetFunctionConfiguration answer it: FunctionArn carries the
 * qualifier the caller used ("$LATEST", a version or an alias); unqualified requests get $LATEST as stored.
 */
function qualifiedView(row: VersionRow<FunctionConfiguration>, target: ResolvedFunction): FunctionConfiguration {
  if (target.qualifier === undefined) return row.config;
  return { ...row.config, FunctionArn: functionArn(row.region, row.accountId, row.name, target.qualifier) };
}

function qualifiedUpdate(): Error {
  return LambdaErrors.invalidParameter('Updating a function version or alias is not allowed; update $LATEST.');
}

/** CreateFunction accepts a name or an ARN whose account and region must be the caller's. */
function parseNewName(id: string, ctx: RequestContext): { name: string } {
  const target = resolveFunction(id, ctx);
  if (target.qualifier !== undefined) {
    throw LambdaErrors.invalidParameter('Function name with a qualifier cannot be used when creating a function.');
  }
  if (target.key.accountId !== ctx.accountId) throw LambdaErrors.invalidParameter('The account ID in the ARN does not match the caller.');
  if (target.key.name.length > 64) {
    throw CommonErrors.validation([
      `Value '${target.key.name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    ]);
  }
  return { name: target.key.name };
}

function encodeMarker(name: string): string {
  return Buffer.from(name, 'utf8').toString('base64url');
}

function decodeVersionsMarker(marker: string): { name: string; version: string } {
  const m = /^([a-zA-Z0-9-_]{1,64}):(\$LATEST|[0-9]{1,10})$/.exec(Buffer.from(marker, 'base64url').toString('utf8'));
  if (!m) throw LambdaErrors.invalidParameter(`Invalid marker: ${marker}`);
  return { name: m[1] as string, version: m[2] as string };
}

function decodeMarker(marker: string): string {
  const name = Buffer.from(marker, 'base64url').toString('utf8');
  if (!/^[a-zA-Z0-9-_]{1,64}$/.test(name)) throw LambdaErrors.invalidParameter(`Invalid marker: ${marker}`);
  return name;
}
