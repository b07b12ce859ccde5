// CreateEventSourceMapping, GetEventSourceMapping, UpdateEventSourceMapping, DeleteEventSourceMapping,
// ListEventSourceMappings, and tags on mapping ARNs. Queue mappings only (SQS). Writes answer 202 with the mapping
// in its transient state (Creating, Updating, Enabling, Disabling, Deleting); manager.ts settles it.
import { randomUUID } from 'node:crypto';
import { AwsError } from '../../../protocol/errors.js';
import type { CallerIdentity } from '../../identity.js';
import { mayOnQueue } from '../sqs-delivery.js';
import type { RequestContext } from '../../types.js';
import type {
  CreateEventSourceMappingRequest,
  DeleteEventSourceMappingRequest,
  EventSourceMappingConfiguration,
  FunctionConfiguration,
  GetEventSourceMappingRequest,
  ListEventSourceMappingsRequest,
  ListEventSourceMappingsResponse,
  UpdateEventSourceMappingRequest,
} from '../api-types.js';
import type { LambdaDeps } from '../deps.js';
import { LambdaErrors } from '../errors.js';
import { functionArn, resolveFunction, type ResolvedFunction } from '../function-ref.js';
import { loadQualified } from '../qualifiers.js';
import { compileFilters } from './filters.js';
import { mappingArn, queueUrlOf, type EventSourceMappings, type MappingDoc, type MappingRow } from './manager.js';
import { sqsQueryCode } from './poller.js';
import { isStable, transition, updateEvent } from './states.js';
import { checkBatching, checkQueueParameters, checkVisibility, parseEventSource, type QueueRef } from './validation.js';

const LIST_MAX = 100;
const MAX_TAGS = 50;
const MAPPING_ARN = /^arn:aws[a-zA-Z-]*:lambda:([^:]+):(\d{12}):event-source-mapping:([0-9a-fA-F-]{36})$/;

export function isMappingArn(resource: string): boolean {
  return resource.includes(':event-source-mapping:');
}

export class EventSourceMappingsApi {
  constructor(
    private readonly deps: LambdaDeps,
    private readonly mappings: EventSourceMappings,
  ) {}

  async create(req: CreateEventSourceMappingRequest, ctx: RequestContext): Promise<EventSourceMappingConfiguration> {
    const queue = parseEventSource(req.EventSourceArn, req.SelfManagedEventSource !== undefined);
    checkQueueParameters(req, queue.arn);
    const target = resolveFunction(req.FunctionName, ctx);
    const fn = await this.loadFunction(target);
    const { batchSize, window } = checkBatching(req.BatchSize, req.MaximumBatchingWindowInSeconds, queue.fifo);
    compileFilters(req.FilterCriteria);
    const fnArn = functionArn(ctx.region, target.key.accountId, target.key.name, target.qualifier);
    const duplicate = this.mappings.duplicateOf(queue.arn, fnArn);
    if (duplicate) throw LambdaErrors.duplicateQueueMapping(queue.arn, target.key.name, duplicate.uuid);
    await this.checkQueue(queue, fn, target, ctx);

    const uuid = randomUUID();
    const config: MappingDoc = {
      UUID: uuid,
      BatchSize: batchSize,
      MaximumBatchingWindowInSeconds: window,
      EventSourceArn: queue.arn,
      ...(req.FilterCriteria?.Filters && req.FilterCriteria.Filters.length > 0 ? { FilterCriteria: req.FilterCriteria } : {}),
      FunctionArn: fnArn,
      LastModified: Date.now() / 1000,
      State: 'Creating',
      StateTransitionReason: 'USER_INITIATED',
      FunctionResponseTypes: req.FunctionResponseTypes ?? [],
      ...(req.ScalingConfig?.MaximumConcurrency !== undefined ? { ScalingConfig: req.ScalingConfig } : {}),
      EventSourceMappingArn: mappingArn(ctx.region, ctx.accountId, uuid),
      Enabled: req.Enabled ?? true,
    };
    const row: MappingRow = {
      uuid,
      accountId: ctx.accountId,
      region: ctx.region,
      eventSourceArn: queue.arn,
      functionArn: fnArn,
      config,
      tags: req.Tags ?? {},
    };
    return this.mappings.view(await this.mappings.create(row));
  }

  async get(req: GetEventSourceMappingRequest, ctx: RequestContext): Promise<EventSourceMappingConfiguration> {
    return this.mappings.view(this.load(req.UUID, ctx));
  }

  async update(req: UpdateEventSourceMappingRequest, ctx: RequestContext): Promise<EventSourceMappingConfiguration> {
    const row = this.load(req.UUID, ctx);
    const c = row.config;
    if (!isStable(c.State)) throw LambdaErrors.mappingInUse(c.State);
    checkQueueParameters(req, row.eventSourceArn);
    const queue = parseEventSource(row.eventSourceArn, false);

    let fnArn = row.functionArn;
    if (req.FunctionName !== undefined) {
      const target = resolveFunction(req.FunctionName, ctx);
      const fn = await this.loadFunction(target);
      fnArn = functionArn(ctx.region, target.key.accountId, target.key.name, target.qualifier);
      if (fnArn !== row.functionArn) {
        const duplicate = this.mappings.duplicateOf(queue.arn, fnArn, row.uuid);
        if (duplicate) throw LambdaErrors.duplicateQueueMapping(queue.arn, target.key.name, duplicate.uuid);
        // Another function means another execution role: its permissions on the queue are checked again.
        await this.checkQueue(queue, fn, target, ctx);
      }
    }
    const { batchSize, window } = checkBatching(
      req.BatchSize ?? c.BatchSize,
      req.MaximumBatchingWindowInSeconds ?? c.MaximumBatchingWindowInSeconds,
      queue.fifo,
    );
    if (req.FilterCriteria !== undefined) compileFilters(req.FilterCriteria);

    const wasEnabled = c.State === 'Enabled';
    const enabled = req.Enabled ?? wasEnabled;
    const state = transition(c.State, updateEvent(wasEnabled, req.Enabled), enabled);
    if (state === undefined) throw LambdaErrors.mappingInUse(c.State);
    const next: MappingDoc = {
      ...c,
      BatchSize: batchSize,
      MaximumBatchingWindowInSeconds: window,
      FunctionArn: fnArn,
      LastModified: Date.now() / 1000,
      State: state,
      StateTransitionReason: 'USER_INITIATED',
      Enabled: enabled,
    };
    if (req.FunctionResponseTypes !== undefined) next.FunctionResponseTypes = req.FunctionResponseTypes;
    // An empty FilterCriteria or ScalingConfig removes it (AWS: "To remove the configuration, pass an empty value").
    if (req.FilterCriteria !== undefined) {
      if ((req.FilterCriteria.Filters ?? []).length > 0) next.FilterCriteria = req.FilterCriteria;
      else delete next.FilterCriteria;
    }
    if (req.ScalingConfig !== undefined) {
      if (req.ScalingConfig.MaximumConcurrency !== undefined) next.ScalingConfig = req.ScalingConfig;
      else delete next.ScalingConfig;
    }
    return this.mappings.view(await this.mappings.update({ ...row, functionArn: fnArn, config: next }));
  }

  async delete(req: DeleteEventSourceMappingRequest, ctx: RequestContext): Promise<EventSourceMappingConfiguration> {
    const row = this.load(req.UUID, ctx);
    if (!isStable(row.config.State)) throw LambdaErrors.mappingInUse(row.config.State);
    const state = transition(row.config.State, 'delete', row.config.Enabled);
    if (state === undefined) throw LambdaErrors.mappingInUse(row.config.State);
    const next: MappingDoc = { ...row.config, State: state, StateTransitionReason: 'USER_INITIATED', LastModified: Date.now() / 1000 };
    return this.mappings.view(await this.mappings.update({ ...row, config: next }));
  }

  async list(req: ListEventSourceMappingsRequest, ctx: RequestContext): Promise<ListEventSourceMappingsResponse> {
    const limit = Math.min(LIST_MAX, Math.max(1, req.MaxItems ?? LIST_MAX));
    let fnArn: string | undefined;
    if (req.FunctionName !== undefined) {
      const t = resolveFunction(req.FunctionName, ctx);
      fnArn = functionArn(ctx.region, t.key.accountId, t.key.name, t.qualifier);
    }
    const after = req.Marker === undefined ? undefined : decodeMarker(req.Marker);
    const rows = await this.deps.store.eventSourceMappings.list<MappingDoc>(ctx.accountId, ctx.region, {
      ...(req.EventSourceArn !== undefined ? { eventSourceArn: req.EventSourceArn } : {}),
      ...(fnArn !== undefined ? { functionArn: fnArn } : {}),
      ...(after !== undefined ? { after } : {}),
      limit: limit + 1,
    });
    const page = rows.slice(0, limit);
    const out: ListEventSourceMappingsResponse = {
      // The in-memory row carries the latest state (a settle may be writing it right now).
      EventSourceMappings: page.map((r) => this.mappings.view(this.mappings.get(r.uuid) ?? r)),
    };
    const last = page[page.length - 1];
    if (rows.length > limit && last) out.NextMarker = Buffer.from(last.uuid, 'utf8').toString('base64url');
    return out;
  }

  // Tags on mapping ARNs (TagResource, UntagResource, ListTags route here for arn:…:event-source-mapping:UUID).
  async tag(resource: string, tags: Record<string, string>, ctx: RequestContext): Promise<void> {
    const row = this.loadByArn(resource, ctx);
    const next = { ...row.tags, ...tags };
    if (Object.keys(next).length > MAX_TAGS) throw LambdaErrors.invalidParameter('Number of tags exceeds resource tag limit.');
    await this.mappings.setTags(row.uuid, next);
  }

  async untag(resource: string, keys: readonly string[], ctx: RequestContext): Promise<void> {
    const row = this.loadByArn(resource, ctx);
    const next = { ...row.tags };
    for (const k of keys) delete next[k];
    await this.mappings.setTags(row.uuid, next);
  }

  listTags(resource: string, ctx: RequestContext): Record<string, string> {
    return this.loadByArn(resource, ctx).tags;
  }

  private load(uuid: string, ctx: RequestContext): MappingRow {
    const row = this.mappings.get(uuid);
    if (!row || row.accountId !== ctx.accountId || row.region !== ctx.region) throw LambdaErrors.mappingNotFound();
    return row;
  }

  private loadByArn(resource: string, ctx: RequestContext): MappingRow {
    const m = MAPPING_ARN.exec(resource);
    const row = m?.[3] === undefined ? undefined : this.mappings.get(m[3]);
    if (!row || row.accountId !== ctx.accountId || row.region !== ctx.region || m?.[1] !== row.region || m[2] !== row.accountId) {
      throw LambdaErrors.mappingArnNotFound(resource);
    }
    return row;
  }

  private async loadFunction(target: ResolvedFunction): Promise<FunctionConfiguration> {
    const found = await loadQualified(this.deps.store.functions, target);
    if (!found) throw LambdaErrors.mappingFunctionMissing();
    return found.row.config;
  }

  /**
   * What Lambda checks of the queue as the function's execution role before it maps it: that the role may call
   * ReceiveMessage and DeleteMessage on it (the authorizer's decision for a session of the role, without making the
   * calls: nothing may be leased or deleted by a check), then GetQueueAttributes, made through SQS as the role, which
   * also tells whether the queue exists and whether its visibility timeout covers the function's timeout.
   */
  private async checkQueue(queue: QueueRef, fn: FunctionConfiguration, target: ResolvedFunction, ctx: RequestContext): Promise<void> {
    const calls = this.deps.serviceCalls?.();
    if (!calls) return;
    if (queue.region !== ctx.region) {
      throw LambdaErrors.mappingSqsError('ReceiveMessage', sqsQueryCode('QueueDoesNotExist'), 'The specified queue does not exist.');
    }
    let caller: CallerIdentity;
    try {
      caller = await this.deps.executionRoles.identityFor(fn.Role ?? '', target.key.name);
    } catch {
      throw LambdaErrors.roleCannotBeAssumed();
    }
    const url = queueUrlOf(queue.arn);
    const facts = { region: queue.region };
    const probe = async (operation: string, input: Record<string, unknown>): Promise<Record<string, unknown> | undefined> => {
      try {
        return await calls.call('sqs', operation, { QueueUrl: url, ...input }, caller, facts);
      } catch (e) {
        if (!(e instanceof AwsError)) throw e;
        if (e.code === 'AccessDenied' || e.code === 'AccessDeniedException' || e.status === 403) {
          throw LambdaErrors.mappingRolePermission(operation);
        }
        if (e.code === 'QueueDoesNotExist' || e.code === 'AWS.SimpleQueueService.NonExistentQueue') {
          // AWS names ReceiveMessage, its first call, whatever call found the queue missing (shared/parity).
          throw LambdaErrors.mappingSqsError('ReceiveMessage', sqsQueryCode(e.code), e.message);
        }
        // Any other refusal came after authorization: the probe did what it was for.
        return undefined;
      }
    };
    const authorizer = this.deps.authorizer;
    if (authorizer) {
      for (const operation of ['ReceiveMessage', 'DeleteMessage']) {
        if (!(await mayOnQueue(authorizer, caller, `sqs:${operation}`, queue.arn, queue.region))) throw LambdaErrors.mappingRolePermission(operation);
      }
    }
    const attrs = await probe('GetQueueAttributes', { AttributeNames: ['VisibilityTimeout'] });
    const visibility = Number((attrs?.['Attributes'] as Record<string, string> | undefined)?.['VisibilityTimeout']);
    if (Number.isFinite(visibility)) checkVisibility(visibility, fn.Timeout ?? 3);
  }
}

function decodeMarker(marker: string): string {
  const uuid = Buffer.from(marker, 'base64url').toString('utf8');
  if (!/^[0-9a-fA-F-]{36}$/.test(uuid)) throw LambdaErrors.invalidParameter(`Invalid marker: ${marker}`);
  return uuid;
}

