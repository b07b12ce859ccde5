// Provisioned concurrency: PutProvisionedConcurrencyConfig,
// GetProvisionedConcurrencyConfig, DeleteProvisionedConcurrencyConfig and
// ListProvisionedConcurrencyConfigs on a published version or an alias (never
// $LATEST), with AWS's checks and wording (shared/parity:
// TestLambdaProvisionedConcurrency, TestLambdaConcurrency).
//
// The store keeps the requested amounts; reconcileProvisioned() turns them into
// engine pools per version (an alias's configuration provisions the version it
// points at; its routing weights are not split, the primary version gets all)
// and keeps ConcurrencyLimits' per-function total in step. Status is live:
// READY once the engine has initialized as many environments as requested.
import type { ConcurrencyLimits } from '../../invocation/concurrency.js';
import type { InvocationEngine } from '../../invocation/engine.js';
import { AwsError } from '../../protocol/errors.js';
import { StoreMissingError, type FunctionKey, type ProvisionedConcurrencyRow, type Store } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import type {
  AliasConfiguration,
  DeleteProvisionedConcurrencyConfigRequest,
  FunctionConfiguration,
  GetProvisionedConcurrencyConfigRequest,
  GetProvisionedConcurrencyConfigResponse,
  ListProvisionedConcurrencyConfigsRequest,
  ListProvisionedConcurrencyConfigsResponse,
  ProvisionedConcurrencyConfigListItem,
  PutProvisionedConcurrencyConfigRequest,
  PutProvisionedConcurrencyConfigResponse,
} from './api-types.js';
import { ConcurrencyErrors } from './concurrency.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { functionArn, resolveFunction, type ResolvedFunction } from './function-ref.js';
import { decodeQualifierMarker, encodeQualifierMarker, isVersionNumber, LATEST } from './qualifiers.js';
import { buildSnapshot } from './snapshot.js';

const LIST_MAX = 50;
/** More configurations than any function has (one per version or alias). */
const ALL = 100_000;

const Errors = {
  latestOnPut(): AwsError {
    return LambdaErrors.invalidParameter('Provisioned Concurrency Configs cannot be applied to unpublished function versions.');
  },
  latest(): AwsError {
    return LambdaErrors.invalidParameter('The function resource provided must be an alias or a published version.');
  },
  notFound(): AwsError {
    return new AwsError('ProvisionedConcurrencyConfigNotFoundException', 'No Provisioned Concurrency Config found for this function');
  },
  aliasOnProvisionedVersion(): AwsError {
    return new AwsError(
      'ResourceConflictException',
      "Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version",
    );
  },
  versionPointedByAlias(): AwsError {
    return new AwsError('ResourceConflictException', 'Version is pointed by a Provisioned Concurrency alias');
  },
  aboveReserved(): AwsError {
    return LambdaErrors.invalidParameter(
      'Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function',
    );
  },
  aboveUnreserved(unreserved: number): AwsError {
    return LambdaErrors.invalidParameter(
      `Specified ConcurrentExecutions for function is greater than account's unreserved concurrency [${unreserved}].`,
    );
  },
} as const;

export class ProvisionedConcurrencyApi {
  constructor(
    private readonly deps: LambdaDeps,
    private readonly engine: InvocationEngine,
  ) {}

  async put(req: PutProvisionedConcurrencyConfigRequest, ctx: RequestContext): Promise<PutProvisionedConcurrencyConfigResponse> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    const qualifier = target.qualifier ?? LATEST;
    if (qualifier === LATEST) throw Errors.latestOnPut();
    const version = await this.versionOf(target, qualifier);
    const { key } = target;
    const store = this.deps.store;
    const rows = await store.concurrency.listProvisioned(key, undefined, ALL);
    if (!isVersionNumber(qualifier)) {
      if (rows.some((r) => r.qualifier === version)) throw Errors.aliasOnProvisionedVersion();
    } else {
      for (const r of rows) {
        if (isVersionNumber(r.qualifier)) continue;
        const alias = await store.functions.getAlias<AliasConfiguration>(key, r.qualifier);
        if (alias?.functionVersion === version) throw Errors.versionPointedByAlias();
      }
    }
    const requested = req.ProvisionedConcurrentExecutions;
    const total = rows.reduce((n, r) => (r.qualifier === qualifier ? n : n + r.requested), requested);
    const arn = functionArn(key.region, key.accountId, key.name);
    const check = this.deps.concurrency.checkProvisioned(key.accountId, key.region, arn, total);
    if (!check.ok) {
      if (check.kind === 'above-reserved') throw Errors.aboveReserved();
      if (check.kind === 'above-unreserved') throw Errors.aboveUnreserved(check.unreserved);
      throw ConcurrencyErrors.belowMinimum('ConcurrentExecutions', check.minimum);
    }
    const row: ProvisionedConcurrencyRow = { ...key, qualifier, requested, lastModified: Date.now() };
    try {
      await store.concurrency.putProvisioned(row);
    } catch (e) {
      if (e instanceof StoreMissingError) throw LambdaErrors.functionNotFound(target.arn);
      throw e;
    }
    await reconcileProvisioned(store, this.engine, this.deps.concurrency, key);
    return this.view(row, version);
  }

  async get(req: GetProvisionedConcurrencyConfigRequest, ctx: RequestContext): Promise<GetProvisionedConcurrencyConfigResponse> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    const qualifier = target.qualifier ?? LATEST;
    if (qualifier === LATEST) throw Errors.latest();
    const version = await this.versionOf(target, qualifier);
    const row = await this.deps.store.concurrency.getProvisioned(target.key, qualifier);
    if (!row) throw Errors.notFound();
    return this.view(row, version);
  }

  async delete(req: DeleteProvisionedConcurrencyConfigRequest, ctx: RequestContext): Promise<void> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    const qualifier = target.qualifier ?? LATEST;
    if (qualifier === LATEST) throw Errors.latest();
    await this.versionOf(target, qualifier);
    // Deleting a configuration that does not exist succeeds, as on AWS.
    if (await this.deps.store.concurrency.deleteProvisioned(target.key, qualifier)) {
      await reconcileProvisioned(this.deps.store, this.engine, this.deps.concurrency, target.key);
    }
  }

  async list(req: ListProvisionedConcurrencyConfigsRequest, ctx: RequestContext): Promise<ListProvisionedConcurrencyConfigsResponse> {
    const target = resolveFunction(req.FunctionName, ctx);
    const { key } = target;
    if (!(await this.deps.store.functions.get(key))) {
      throw LambdaErrors.functionNotFound(functionArn(key.region, key.accountId, key.name));
    }
    const max = req.MaxItems ?? LIST_MAX;
    const after = req.Marker === undefined ? undefined : decodeQualifierMarker(req.Marker);
    const rows = await this.deps.store.concurrency.listProvisioned(key, after, max + 1);
    const page = rows.slice(0, max);
    const items: ProvisionedConcurrencyConfigListItem[] = [];
    for (const r of page) {
      const version = isVersionNumber(r.qualifier)
        ? r.qualifier
        : (await this.deps.store.functions.getAlias<AliasConfiguration>(key, r.qualifier))?.functionVersion;
      if (version === undefined) continue;
      items.push({ FunctionArn: functionArn(key.region, key.accountId, key.name, r.qualifier), ...this.view(r, version) });
    }
    const out: ListProvisionedConcurrencyConfigsResponse = { ProvisionedConcurrencyConfigs: items };
    const last = page[page.length - 1];
    if (rows.length > max && last) out.NextMarker = encodeQualifierMarker(last.qualifier);
    return out;
  }

  /** The published version a qualifier names (an alias: the version it points at), or AWS's not-found error. */
  private async versionOf(target: ResolvedFunction, qualifier: string): Promise<string> {
    if (isVersionNumber(qualifier)) {
      const row = await this.deps.store.functions.getVersion(target.key, qualifier);
      if (!row) throw LambdaErrors.functionNotFound(target.arn);
      return qualifier;
    }
    const alias = await this.deps.store.functions.getAlias<AliasConfiguration>(target.key, qualifier);
    if (!alias) throw LambdaErrors.aliasNotFound(target.arn);
    return alias.functionVersion;
  }

  private view(row: ProvisionedConcurrencyRow, version: string): GetProvisionedConcurrencyConfigResponse {
    const arn = functionArn(row.region, row.accountId, row.name);
    const status = this.engine.provisionedStatus(arn, version);
    const allocated = Math.min(status?.allocated ?? 0, row.requested);
    const out: GetProvisionedConcurrencyConfigResponse = {
      RequestedProvisionedConcurrentExecutions: row.requested,
      AvailableProvisionedConcurrentExecutions: allocated,
      AllocatedProvisionedConcurrentExecutions: allocated,
      Status: status?.failure ? 'FAILED' : allocated >= row.requested ? 'READY' : 'IN_PROGRESS',
      LastModified: provisionedTimestamp(row.lastModified),
    };
    if (status?.failure) out.StatusReason = status.failure;
    return out;
  }
}

/**
 * Makes the engine's provisioned pools of a function match its stored configurations (an alias's
 * goes to the version it points at now; configurations of deleted aliases go with them) and sets
 * the function's provisioned total in the concurrency limits.
 */
export async function reconcileProvisioned(
  store: Store,
  engine: InvocationEngine,
  limits: ConcurrencyLimits,
  key: FunctionKey,
): Promise<void> {
  const arn = functionArn(key.region, key.accountId, key.name);
  const want = new Map<string, number>();
  let total = 0;
  for (const r of await store.concurrency.listProvisioned(key, undefined, ALL)) {
    let version = r.qualifier;
    if (!isVersionNumber(version)) {
      const alias = await store.functions.getAlias<AliasConfiguration>(key, r.qualifier);
      if (!alias) {
        await store.concurrency.deleteProvisioned(key, r.qualifier);
        continue;
      }
      version = alias.functionVersion;
    }
    const row = await store.functions.getVersion<FunctionConfiguration>(key, version);
    if (!row) {
      if (version === r.qualifier) await store.concurrency.deleteProvisioned(key, r.qualifier);
      continue;
    }
    total += r.requested;
    const n = (want.get(version) ?? 0) + r.requested;
    want.set(version, n);
    engine.provision(buildSnapshot(row), n);
  }
  for (const v of engine.provisionedVersions(arn)) if (!want.has(v)) engine.unprovision(arn, v);
  limits.setProvisioned(key.accountId, key.region, arn, total);
}

/** Re-creates every stored configuration's environments (start-up). */
export async function restoreProvisionedConcurrency(store: Store, engine: InvocationEngine, limits: ConcurrencyLimits): Promise<void> {
  const seen = new Set<string>();
  for (const r of await store.concurrency.allProvisioned()) {
    const id = `${r.accountId}:${r.region}:${r.name}`;
    if (seen.has(id)) continue;
    seen.add(id);
    await reconcileProvisioned(store, engine, limits, { accountId: r.accountId, region: r.region, name: r.name });
  }
}

/**
 * AWS writes this LastModified to the second ("2019-12-31T20:28:49+0000", botocore's examples for these
 * operations), unlike a function's LastModified, which has milliseconds.
 */
export function provisionedTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
