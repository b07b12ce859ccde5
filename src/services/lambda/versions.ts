// Function versions: PublishVersion, ListVersionsByFunction, and the
// publishing CreateFunction/UpdateFunctionCode do with Publish: true. A version
// is an immutable snapshot of $LATEST's code and configuration, numbered 1, 2,
// ... per function (numbers are never reused, even after deletion).
import { createHash } from 'node:crypto';
import type { FunctionKey, VersionRow } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import type {
  FunctionConfiguration,
  ListVersionsByFunctionRequest,
  ListVersionsByFunctionResponse,
  PublishVersionRequest,
} from './api-types.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { lambdaTimestamp, listView, newRevisionId } from './function-config.js';
import { functionArn, resolveFunction } from './function-ref.js';
import { LATEST } from './qualifiers.js';

/** ListVersionsByFunction answers at most 50 versions per page, whatever MaxItems says. */
const LIST_PAGE_MAX = 50;
const PUBLISH_ATTEMPTS = 5;

/** Fields that change without the function's code or configuration changing. */
const VOLATILE_FIELDS = [
  'FunctionArn', 'Version', 'RevisionId', 'LastModified', 'State', 'StateReason', 'StateReasonCode',
  'LastUpdateStatus', 'LastUpdateStatusReason', 'LastUpdateStatusReasonCode',
] as const;

/**
 * Digest of what a version would freeze: code and configuration of $LATEST, without state and
 * revision fields. Publishing when it equals the last version's source returns that version.
 */
export function contentDigest(cfg: FunctionConfiguration): string {
  const content: Record<string, unknown> = { ...cfg };
  for (const k of VOLATILE_FIELDS) delete content[k];
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * The document of a version published from `latest`: its own ARN and revision, Active when
 * published from a ready $LATEST, Pending while the code of a create/update-and-publish is prepared.
 */
export function versionConfiguration(
  latest: FunctionConfiguration,
  p: { arn: string; version: string; description?: string; pending: boolean },
): FunctionConfiguration {
  const cfg: FunctionConfiguration = {
    ...latest,
    FunctionArn: p.arn,
    Version: p.version,
    LastModified: lambdaTimestamp(),
    RevisionId: newRevisionId(),
  };
  if (p.description !== undefined) cfg.Description = p.description;
  if (latest.SnapStart) {
    cfg.SnapStart = {
      ApplyOn: latest.SnapStart.ApplyOn ?? 'None',
      OptimizationStatus: latest.SnapStart.ApplyOn === 'PublishedVersions' ? 'On' : 'Off',
    };
  }
  delete cfg.StateReason;
  delete cfg.StateReasonCode;
  delete cfg.LastUpdateStatusReason;
  delete cfg.LastUpdateStatusReasonCode;
  if (p.pending) {
    // A version published with its code still being prepared has no update status yet (as AWS answers).
    delete cfg.LastUpdateStatus;
    cfg.State = 'Pending';
    cfg.StateReason = 'The function is being created.';
    cfg.StateReasonCode = 'Creating';
  } else {
    cfg.State = 'Active';
    cfg.LastUpdateStatus = 'Successful';
  }
  return cfg;
}

/** The row of a version published from the $LATEST document `latest`. */
export function versionRow(
  key: FunctionKey,
  latest: FunctionConfiguration,
  codeSha256Hex: string,
  version: string,
  opts: { description?: string; pending: boolean },
): VersionRow<FunctionConfiguration> {
  const config = versionConfiguration(latest, {
    arn: functionArn(key.region, key.accountId, key.name, version),
    version,
    pending: opts.pending,
    ...(opts.description !== undefined ? { description: opts.description } : {}),
  });
  return {
    accountId: key.accountId,
    region: key.region,
    name: key.name,
    version,
    config,
    codeSha256: codeSha256Hex,
    revisionId: config.RevisionId ?? '',
    publishedFrom: contentDigest(latest),
  };
}

export class VersionsApi {
  constructor(private readonly deps: LambdaDeps) {}

  async publish(req: PublishVersionRequest, ctx: RequestContext): Promise<FunctionConfiguration> {
    const target = resolveFunction(req.FunctionName, ctx);
    if (target.qualifier !== undefined && target.qualifier !== LATEST) {
      throw LambdaErrors.invalidParameter('PublishVersion publishes $LATEST; specify the function without a version or alias.');
    }
    if (req.PublishTo) throw LambdaErrors.unsupported('PublishTo (LATEST_PUBLISHED)');
    const key = target.key;
    const arn = functionArn(key.region, key.accountId, key.name);
    const store = this.deps.store.functions;
    for (let attempt = 1; ; attempt++) {
      const latest = await store.getVersion<FunctionConfiguration>(key, LATEST);
      if (!latest) throw LambdaErrors.functionNotFound(arn);
      if (req.RevisionId && req.RevisionId !== latest.revisionId) throw LambdaErrors.revisionMismatch();
      const currentSha = latest.config.CodeSha256 ?? '';
      if (req.CodeSha256 && req.CodeSha256 !== currentSha) throw LambdaErrors.codeSha256Mismatch(req.CodeSha256, currentSha);
      if (latest.config.State === 'Pending') throw LambdaErrors.pendingState(arn);
      if (latest.config.LastUpdateStatus === 'InProgress') throw LambdaErrors.updateInProgress(arn);
      if (latest.config.State !== undefined && latest.config.State !== 'Active') {
        throw LambdaErrors.notActive(latest.config.State);
      }

      // Nothing changed since the last version: Lambda answers that version instead of a new one.
      const last = await store.lastPublished<FunctionConfiguration>(key);
      if (last && last.publishedFrom === contentDigest(latest.config)) return last.config;

      // Publishing gives $LATEST a new revision id, as on AWS.
      const revisionId = newRevisionId();
      const published = await store.publishVersion<FunctionConfiguration>(
        { ...latest, config: { ...latest.config, RevisionId: revisionId }, revisionId },
        latest.revisionId,
        (version) =>
          versionRow(key, latest.config, latest.codeSha256, version, {
            pending: false,
            ...(req.Description !== undefined ? { description: req.Description } : {}),
          }),
      );
      if (published) return published.config;
      // $LATEST changed while we published: look again (a RevisionId precondition then fails).
      if (attempt >= PUBLISH_ATTEMPTS) throw LambdaErrors.updateInProgress(arn);
    }
  }

  /**
   * UpdateFunctionCode with Publish: replaces $LATEST with `next` and publishes it as a new version
   * in one step; both are prepared in the background. Answers the version (or, when nothing changed
   * since the last version, that version). Undefined when $LATEST moved on meanwhile.
   */
  async publishUpdate(
    current: VersionRow<FunctionConfiguration>,
    next: FunctionConfiguration,
    codeSha256Hex: string,
  ): Promise<FunctionConfiguration | undefined> {
    const store = this.deps.store.functions;
    const latestRow: VersionRow<FunctionConfiguration> = {
      ...current,
      config: next,
      codeSha256: codeSha256Hex,
      revisionId: next.RevisionId ?? '',
    };
    const last = await store.lastPublished<FunctionConfiguration>(current);
    if (last && last.publishedFrom === contentDigest(next)) {
      if (!(await store.replaceVersion(latestRow, current.revisionId))) return undefined;
      this.deps.lifecycle.schedule(latestRow);
      return last.config;
    }
    const published = await store.publishVersion<FunctionConfiguration>(latestRow, current.revisionId, (version) =>
      versionRow(current, next, codeSha256Hex, version, { pending: true }),
    );
    if (!published) return undefined;
    this.deps.lifecycle.schedule(latestRow);
    this.deps.lifecycle.schedule(published);
    return published.config;
  }

  async list(req: ListVersionsByFunctionRequest, ctx: RequestContext): Promise<ListVersionsByFunctionResponse> {
    const target = resolveFunction(req.FunctionName, ctx);
    const key = target.key;
    if (!(await this.deps.store.functions.get(key))) {
      throw LambdaErrors.functionNotFound(functionArn(key.region, key.accountId, key.name));
    }
    const max = Math.min(req.MaxItems ?? LIST_PAGE_MAX, LIST_PAGE_MAX);
    const after = req.Marker !== undefined ? decodeVersionMarker(req.Marker) : undefined;
    const rows = await this.deps.store.functions.listVersions<FunctionConfiguration>(key, after, max + 1);
    const page = rows.slice(0, max);
    const out: ListVersionsByFunctionResponse = { Versions: page.map(versionListView) };
    const last = page[page.length - 1];
    if (rows.length > max && last) out.NextMarker = encodeVersionMarker(last.version);
    return out;
  }
}

/** A version as listings show it: no state fields, FunctionArn qualified (also for $LATEST). */
export function versionListView(row: VersionRow<FunctionConfiguration>): FunctionConfiguration {
  const v = listView(row.config);
  if (row.version === LATEST) v.FunctionArn = functionArn(row.region, row.accountId, row.name, LATEST);
  return v;
}

function encodeVersionMarker(version: string): string {
  return Buffer.from(version, 'utf8').toString('base64url');
}

function decodeVersionMarker(marker: string): string {
  const version = Buffer.from(marker, 'base64url').toString('utf8');
  if (version !== LATEST && !/^[0-9]{1,10}$/.test(version)) throw LambdaErrors.invalidParameter(`Invalid marker: ${marker}`);
  return version;
}
