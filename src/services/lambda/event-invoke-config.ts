// Asynchronous invocation settings per function and qualifier:
// PutFunctionEventInvokeConfig, UpdateFunctionEventInvokeConfig,
// GetFunctionEventInvokeConfig, DeleteFunctionEventInvokeConfig and
// ListFunctionEventInvokeConfigs, with AWS's checks and wording (recorded
// responses in shared/parity: test_lambda_api TestLambdaEventInvokeConfig).
// Destinations are Lambda functions or SQS queues; a queue must exist and the
// function's execution role must be allowed sqs:SendMessage on it (sqs-delivery.ts).
import { AwsError } from '../../protocol/errors.js';
import { StoreMissingError, type EventInvokeConfigRow, type FunctionKey, type VersionRow } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import type {
  DeleteFunctionEventInvokeConfigRequest,
  DestinationConfig,
  FunctionConfiguration,
  FunctionEventInvokeConfig,
  GetFunctionEventInvokeConfigRequest,
  ListFunctionEventInvokeConfigsRequest,
  ListFunctionEventInvokeConfigsResponse,
  PutFunctionEventInvokeConfigRequest,
  UpdateFunctionEventInvokeConfigRequest,
} from './api-types.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { functionArn, parseFunctionRef, resolveFunction, type ResolvedFunction } from './function-ref.js';
import { decodeQualifierMarker, encodeQualifierMarker, LATEST, loadQualified } from './qualifiers.js';
import { parseQueueArn } from '../../store/queue-types.js';
import { sqsTargetsOf } from './sqs-delivery.js';

const LIST_MAX = 50;

/** The stored document: the settings as the caller gave them (absent ones use Lambda's defaults). */
export interface EventInvokeConfigDoc {
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig?: { OnSuccess?: { Destination?: string }; OnFailure?: { Destination?: string } };
}

/** Lambda's defaults: two retries, six hours in the queue. */
export const ASYNC_DEFAULTS = { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 21600 } as const;

const Errors = {
  noSettings(): AwsError {
    return new AwsError('InvalidParameterValueException', 'You must specify at least one of error handling or destination setting.');
  },
  functionMissing(): AwsError {
    return new AwsError('ResourceNotFoundException', "The function doesn't exist.");
  },
  noConfig(qualifiedArn: string): AwsError {
    return new AwsError('ResourceNotFoundException', `The function ${qualifiedArn} doesn't have an EventInvokeConfig`);
  },
  destinationInvalid(arn: string): AwsError {
    return new AwsError('InvalidParameterValueException', `The destination ARN ${arn} is invalid.`);
  },
  destinationIsSelf(): AwsError {
    return new AwsError('InvalidParameterValueException', "You can't specify the function as a destination for itself.");
  },
  destinationConfigInvalid(dc: DestinationConfig): AwsError {
    const part = (kind: 'OnSuccess' | 'OnFailure', d: { Destination?: string } | undefined): string =>
      d === undefined ? 'null' : `${kind}(destination=${d.Destination ?? 'null'})`;
    return new AwsError(
      'InvalidParameterValueException',
      `The provided destination config DestinationConfig(onSuccess=${part('OnSuccess', dc.OnSuccess)}, onFailure=${part('OnFailure', dc.OnFailure)}) is invalid.`,
    );
  },
  destinationUnsupported(arn: string, kind: string): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      `The destination ${arn} (${kind}) is not supported by Lambent yet; use a Lambda function ARN as the destination.`,
    );
  },
} as const;

/** Destination services AWS accepts that Lambent does not deliver to yet. */
const UNSUPPORTED_TARGETS: Record<string, string> = {
  sns: 'an Amazon SNS topic',
  events: 'an Amazon EventBridge event bus',
  s3: 'an Amazon S3 bucket',
};

export class EventInvokeConfigApi {
  constructor(private readonly deps: LambdaDeps) {}

  async put(req: PutFunctionEventInvokeConfigRequest, ctx: RequestContext): Promise<FunctionEventInvokeConfig> {
    if (req.MaximumRetryAttempts === undefined && req.MaximumEventAgeInSeconds === undefined && req.DestinationConfig === undefined) {
      throw Errors.noSettings();
    }
    const target = this.resolve(req.FunctionName, ctx, req.Qualifier);
    const row = await this.requireTarget(target);
    const doc: EventInvokeConfigDoc = {};
    if (req.MaximumRetryAttempts !== undefined) doc.MaximumRetryAttempts = req.MaximumRetryAttempts;
    if (req.MaximumEventAgeInSeconds !== undefined) doc.MaximumEventAgeInSeconds = req.MaximumEventAgeInSeconds;
    if (req.DestinationConfig !== undefined) doc.DestinationConfig = await this.checkDestinations(target, row, req.DestinationConfig);
    return this.save(target, doc);
  }

  async update(req: UpdateFunctionEventInvokeConfigRequest, ctx: RequestContext): Promise<FunctionEventInvokeConfig> {
    if (req.MaximumRetryAttempts === undefined && req.MaximumEventAgeInSeconds === undefined && req.DestinationConfig === undefined) {
      throw Errors.noSettings();
    }
    const target = this.resolve(req.FunctionName, ctx, req.Qualifier);
    const row = await this.requireTarget(target);
    const existing = await this.deps.store.eventInvokeConfigs.get<EventInvokeConfigDoc>(target.key, qualifierOf(target));
    if (!existing) throw Errors.noConfig(qualifiedArn(target));
    const doc: EventInvokeConfigDoc = { ...existing.config };
    if (req.MaximumRetryAttempts !== undefined) doc.MaximumRetryAttempts = req.MaximumRetryAttempts;
    if (req.MaximumEventAgeInSeconds !== undefined) doc.MaximumEventAgeInSeconds = req.MaximumEventAgeInSeconds;
    if (req.DestinationConfig !== undefined) doc.DestinationConfig = await this.checkDestinations(target, row, req.DestinationConfig);
    return this.save(target, doc);
  }

  async get(req: GetFunctionEventInvokeConfigRequest, ctx: RequestContext): Promise<FunctionEventInvokeConfig> {
    const target = this.resolve(req.FunctionName, ctx, req.Qualifier);
    const row = await this.deps.store.eventInvokeConfigs.get<EventInvokeConfigDoc>(target.key, qualifierOf(target));
    if (!row) throw Errors.noConfig(qualifiedArn(target));
    return view(row);
  }

  async delete(req: DeleteFunctionEventInvokeConfigRequest, ctx: RequestContext): Promise<void> {
    const target = this.resolve(req.FunctionName, ctx, req.Qualifier);
    if (!(await this.deps.store.eventInvokeConfigs.delete(target.key, qualifierOf(target)))) {
      throw Errors.noConfig(qualifiedArn(target));
    }
  }

  async list(req: ListFunctionEventInvokeConfigsRequest, ctx: RequestContext): Promise<ListFunctionEventInvokeConfigsResponse> {
    const target = this.resolve(req.FunctionName, ctx);
    if (!(await this.deps.store.functions.get(target.key))) throw Errors.functionMissing();
    const max = req.MaxItems ?? LIST_MAX;
    const after = req.Marker ? decodeQualifierMarker(req.Marker) : undefined;
    const rows = await this.deps.store.eventInvokeConfigs.list<EventInvokeConfigDoc>(target.key, after, max + 1);
    const page = rows.slice(0, max);
    const out: ListFunctionEventInvokeConfigsResponse = { FunctionEventInvokeConfigs: page.map(view) };
    const last = page[page.length - 1];
    if (rows.length > max && last) out.NextMarker = encodeQualifierMarker(last.qualifier);
    return out;
  }

  /** Names are resolved as everywhere, except that another region is "not found" for these operations. */
  private resolve(id: string, ctx: RequestContext, qualifier?: string): ResolvedFunction {
    const region = parseFunctionRef(id).region;
    if (region && region !== ctx.region) throw LambdaErrors.regionNotReachable(region, ctx.region);
    return resolveFunction(id, ctx, qualifier);
  }

  /** The function and the version or alias the qualifier names must exist: that version's row. */
  private async requireTarget(target: ResolvedFunction): Promise<VersionRow<FunctionConfiguration>> {
    const found = await loadQualified(this.deps.store.functions, target);
    if (!found) throw Errors.functionMissing();
    return found.row;
  }

  /**
   * Validates destinations: Lambda functions that exist (and are not this one), SQS queues that exist and the
   * execution role of the configured version may send to; other services are refused.
   */
  private async checkDestinations(
    target: ResolvedFunction,
    row: VersionRow<FunctionConfiguration>,
    dc: DestinationConfig,
  ): Promise<NonNullable<EventInvokeConfigDoc['DestinationConfig']>> {
    const out: NonNullable<EventInvokeConfigDoc['DestinationConfig']> = {};
    for (const kind of ['OnSuccess', 'OnFailure'] as const) {
      const arn = dc[kind]?.Destination;
      if (dc[kind] === undefined) continue;
      out[kind] = {};
      if (!arn) continue;
      const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/.exec(arn);
      const service = m?.[2] ?? '';
      if (service === 'lambda') {
        await this.checkFunctionDestination(target, arn);
      } else if (service === 'sqs') {
        await this.checkQueueDestination(row, arn);
      } else if (UNSUPPORTED_TARGETS[service]) {
        throw Errors.destinationUnsupported(arn, UNSUPPORTED_TARGETS[service] ?? service);
      } else {
        throw Errors.destinationConfigInvalid(dc);
      }
      out[kind] = { Destination: arn };
    }
    return out;
  }

  private async checkFunctionDestination(target: ResolvedFunction, arn: string): Promise<void> {
    const m = /^arn:[^:]+:lambda:([^:]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/.exec(arn);
    if (!m) throw Errors.destinationInvalid(arn);
    const key: FunctionKey = { region: m[1] ?? '', accountId: m[2] ?? '', name: m[3] ?? '' };
    const qualifier = m[4];
    if (key.accountId === target.key.accountId && key.region === target.key.region && key.name === target.key.name) {
      throw Errors.destinationIsSelf();
    }
    if (!(await loadQualified(this.deps.store.functions, { key, qualifier, arn }))) throw Errors.destinationInvalid(arn);
  }

  /**
   * AWS answers a queue it cannot use as invalid (FIFO queues included: Lambda sends no MessageGroupId, and AWS
   * refuses them with InvalidParameterValueException), and one the role may not send to with the role's sentence.
   */
  private async checkQueueDestination(row: VersionRow<FunctionConfiguration>, arn: string): Promise<void> {
    if (!parseQueueArn(arn) || arn.endsWith('.fifo')) throw Errors.destinationInvalid(arn);
    const problem = await sqsTargetsOf(this.deps).problem(arn, row.config.Role ?? '', row.name, row.region);
    if (problem === 'missing') throw Errors.destinationInvalid(arn);
    if (problem === 'denied') throw LambdaErrors.destinationQueueNotWritable(arn);
  }

  private async save(target: ResolvedFunction, doc: EventInvokeConfigDoc): Promise<FunctionEventInvokeConfig> {
    const row: EventInvokeConfigRow<EventInvokeConfigDoc> = {
      ...target.key,
      qualifier: qualifierOf(target),
      config: doc,
      lastModified: Date.now(),
    };
    try {
      await this.deps.store.eventInvokeConfigs.put(row);
    } catch (e) {
      if (e instanceof StoreMissingError) throw Errors.functionMissing();
      throw e;
    }
    return view(row);
  }
}

function qualifierOf(target: ResolvedFunction): string {
  return target.qualifier ?? LATEST;
}

function qualifiedArn(target: ResolvedFunction): string {
  return functionArn(target.key.region, target.key.accountId, target.key.name, qualifierOf(target));
}

/** The API view: FunctionArn qualified ($LATEST when unqualified), both destination slots always present. */
function view(row: EventInvokeConfigRow<EventInvokeConfigDoc>): FunctionEventInvokeConfig {
  const c = row.config;
  const out: FunctionEventInvokeConfig = {
    LastModified: new Date(row.lastModified),
    FunctionArn: functionArn(row.region, row.accountId, row.name, row.qualifier),
    DestinationConfig: {
      OnSuccess: c.DestinationConfig?.OnSuccess?.Destination ? { Destination: c.DestinationConfig.OnSuccess.Destination } : {},
      OnFailure: c.DestinationConfig?.OnFailure?.Destination ? { Destination: c.DestinationConfig.OnFailure.Destination } : {},
    },
  };
  if (c.MaximumRetryAttempts !== undefined) out.MaximumRetryAttempts = c.MaximumRetryAttempts;
  if (c.MaximumEventAgeInSeconds !== undefined) out.MaximumEventAgeInSeconds = c.MaximumEventAgeInSeconds;
  return out;
}
