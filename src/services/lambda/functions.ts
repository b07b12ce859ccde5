// Function resources: CreateFunction, GetFunction, GetFunctionConfiguration,
// ListFunctions, UpdateFunctionCode, UpdateFunctionConfiguration, DeleteFunction.
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
  checkSettings,
  initialConfiguration,
  listView,
  markUpdating,
} from './function-config.js';
import { functionArn, resolveFunction, type ResolvedFunction } from './function-ref.js';

const LATEST = '$LATEST';

export class FunctionsApi {
  constructor(private readonly deps: LambdaDeps) {}

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
    if (req.Publish) throw LambdaErrors.unsupported('Publish (function versions)');
    if (req.CodeSigningConfigArn) throw LambdaErrors.unsupported('CodeSigningConfigArn');
    checkSettings(req);

    const key: FunctionKey = { accountId: ctx.accountId, region: ctx.region, name };
    if (await this.deps.store.functions.get(key)) throw LambdaErrors.functionExists(name);

    const stored = await acceptZip(req.Code.ZipFile, this.deps.code);
    try {
      const config = initialConfiguration({
        arn: functionArn(ctx.region, ctx.accountId, name),
        region: ctx.region,
        request: req,
        codeSha256Base64: stored.sha256Base64,
        codeSize: stored.size,
      });
      try {
        await this.deps.store.functions.create(
          { ...key, createdAt: config.LastModified ?? '', tags: req.Tags ?? {} },
          { ...key, version: LATEST, config, codeSha256: stored.sha256Hex, revisionId: config.RevisionId ?? '' },
        );
      } catch (e) {
        if (e instanceof StoreConflictError) throw LambdaErrors.functionExists(name);
        throw e;
      }
      this.deps.lifecycle.schedule(key);
      return config;
    } finally {
      this.deps.code.unpin(stored.sha256Hex);
    }
  }

  async get(req: GetFunctionRequest, ctx: RequestContext): Promise<GetFunctionResponse> {
    const { row, fn } = await this.load(resolveFunction(req.FunctionName, ctx, req.Qualifier));
    const out: GetFunctionResponse = {
      Configuration: row.config,
      Code: { RepositoryType: 'S3', Location: this.deps.codeLocations.url(ctx.endpoint, row.codeSha256) },
    };
    if (Object.keys(fn.tags).length > 0) out.Tags = fn.tags;
    return out;
  }

  async getConfiguration(req: GetFunctionConfigurationRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    return (await this.load(resolveFunction(req.FunctionName, ctx, req.Qualifier))).row.config;
  }

  async list(req: ListFunctionsRequest, ctx: RequestContext): Promise<ListFunctionsResponse> {
    const max = req.MaxItems ?? 50;
    const after = req.Marker ? decodeMarker(req.Marker) : undefined;
    const rows = await this.deps.store.functions.listLatest<FunctionConfiguration>(ctx.accountId, ctx.region, after, max + 1);
    const page = rows.slice(0, max);
    const out: ListFunctionsResponse = {
      Functions: page.map((r) => {
        const v = listView(r.config);
        // With FunctionVersion=ALL, AWS lists each version under its qualified ARN.
        if (req.FunctionVersion === 'ALL') v.FunctionArn = `${v.FunctionArn}:${LATEST}`;
        return v;
      }),
    };
    const last = page[page.length - 1];
    if (rows.length > max && last) out.NextMarker = encodeMarker(last.name);
    return out;
  }

  async updateCode(req: UpdateFunctionCodeRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const target = resolveFunction(req.FunctionName, ctx);
    if (target.qualifier !== undefined && target.qualifier !== LATEST) throw qualifiedUpdate();
    if (req.ImageUri) throw LambdaErrors.invalidParameter("Please don't provide ImageUri when updating a function with packageType Zip.");
    if (req.S3Bucket || req.S3Key) throw LambdaErrors.unsupported('Code from S3 (S3Bucket/S3Key); upload the package as ZipFile');
    if (!req.ZipFile) throw LambdaErrors.invalidParameter('Please provide a source for function code.');
    if (req.Publish) throw LambdaErrors.unsupported('Publish (function versions)');
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
    const next = applyConfigurationUpdate(row.config, req, ctx.region);
    await this.commit(row, next, row.codeSha256);
    return next;
  }

  async delete(req: DeleteFunctionRequest, ctx: RequestContext): Promise<{ StatusCode: number }> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    if (target.qualifier === LATEST) {
      throw LambdaErrors.invalidParameter('$LATEST version cannot be deleted without deleting the function.');
    }
    if (target.qualifier !== undefined) {
      // Published versions arrive with the versions feature; none can exist yet.
      throw LambdaErrors.functionNotFound(target.arn);
    }
    if (!(await this.deps.store.functions.delete(target.key))) throw LambdaErrors.functionNotFound(target.arn);
    this.deps.onFunctionDeleted(target.key);
    return { StatusCode: 204 };
  }

  /** Loads the addressed version (only $LATEST exists until versions land). */
  async load(target: ResolvedFunction): Promise<{
    row: VersionRow<FunctionConfiguration>;
    fn: NonNullable<Awaited<ReturnType<LambdaDeps['store']['functions']['get']>>>;
  }> {
    const fn = await this.deps.store.functions.get(target.key);
    const version = target.qualifier ?? LATEST;
    const row = fn ? await this.deps.store.functions.getVersion<FunctionConfiguration>(target.key, version) : undefined;
    if (!fn || !row) throw LambdaErrors.functionNotFound(target.arn);
    return { row, fn };
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

function decodeMarker(marker: string): string {
  const name = Buffer.from(marker, 'base64url').toString('utf8');
  if (!/^[a-zA-Z0-9-_]{1,64}$/.test(name)) throw LambdaErrors.invalidParameter(`Invalid marker: ${marker}`);
  return name;
}
