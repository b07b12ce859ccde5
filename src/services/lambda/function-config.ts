// The FunctionConfiguration document Lambent stores per function version, with
// AWS's defaults and the rules the model alone cannot express (limits enforced
// by the service, environment size, reserved keys, runtimes).
import { createHash, randomUUID } from 'node:crypto';
import { CommonErrors } from '../../protocol/errors.js';
import { isDeprecatedRuntime, runtimeInfo, supportedRuntimeIds } from '../../runtimes/catalog.js';
import type { CreateFunctionRequest, FunctionConfiguration, UpdateFunctionConfigurationRequest } from './api-types.js';
import { LambdaErrors } from './errors.js';
import { parseQueueArn } from '../../store/queue-types.js';
import { arnService, sqsTargetsOf, type LambdaQueueAccess } from './sqs-delivery.js';

export const LIMITS = {
  timeoutMax: 900,
  memoryMin: 128,
  memoryMax: 10240,
  envBytes: 4096,
  zippedBytes: 52428800,
  createRequestBytes: 70167211,
  unzippedBytes: 262144000,
} as const;

/** Keys Lambda sets itself and refuses in Environment.Variables. */
const RESERVED_ENV_KEYS = new Set([
  '_HANDLER', '_X_AMZN_TRACE_ID', 'AWS_DEFAULT_REGION', 'AWS_REGION', 'AWS_EXECUTION_ENV',
  'AWS_LAMBDA_FUNCTION_NAME', 'AWS_LAMBDA_FUNCTION_MEMORY_SIZE', 'AWS_LAMBDA_FUNCTION_VERSION',
  'AWS_LAMBDA_INITIALIZATION_TYPE', 'AWS_LAMBDA_LOG_GROUP_NAME', 'AWS_LAMBDA_LOG_STREAM_NAME',
  'AWS_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN',
  'AWS_LAMBDA_RUNTIME_API', 'LAMBDA_TASK_ROOT', 'LAMBDA_RUNTIME_DIR',
]);

/** Lambda's timestamp format: 2026-01-01T00:00:00.000+0000. */
export function lambdaTimestamp(d = new Date()): string {
  return d.toISOString().replace('Z', '+0000');
}

export function newRevisionId(): string {
  return randomUUID();
}

export function runtimeVersionArn(region: string, runtime: string): string {
  const digest = createHash('sha256').update(`${runtime}/${process.version}`).digest('hex');
  return `arn:aws:lambda:${region}::runtime:${digest}`;
}

/** Checks the limits Lambda enforces beyond the model for settings shared by create and update. */
export function checkSettings(input: Partial<UpdateFunctionConfigurationRequest>): void {
  const problems: string[] = [];
  if (input.Timeout !== undefined && input.Timeout > LIMITS.timeoutMax) {
    problems.push(`Value '${input.Timeout}' at 'timeout' failed to satisfy constraint: Member must have value less than or equal to ${LIMITS.timeoutMax}`);
  }
  if (input.MemorySize !== undefined && input.MemorySize > LIMITS.memoryMax) {
    problems.push(`Value '${input.MemorySize}' at 'memorySize' failed to satisfy constraint: Member must have value less than or equal to ${LIMITS.memoryMax}`);
  }
  if (problems.length > 0) throw CommonErrors.validation(problems);
  if (input.Runtime !== undefined) checkRuntime(input.Runtime);
  const vars = input.Environment?.Variables;
  if (vars) {
    const measured = JSON.stringify(vars);
    if (Buffer.byteLength(measured) > LIMITS.envBytes) {
      throw LambdaErrors.invalidParameter(
        `Lambda was unable to configure your environment variables because the environment variables you have provided exceeded the 4KB limit. String measured: ${measured}`,
      );
    }
    const reserved = Object.keys(vars).filter((k) => RESERVED_ENV_KEYS.has(k));
    if (reserved.length > 0) {
      throw LambdaErrors.invalidParameter(
        `Lambda was unable to configure your environment variables because the environment variables you have provided contains reserved keys that are currently not supported for modification. Reserved keys used in this request: ${reserved.join(', ')}`,
      );
    }
  }
  if (input.Layers && input.Layers.length > 0) throw LambdaErrors.unsupported('Layers');
  if (input.FileSystemConfigs && input.FileSystemConfigs.length > 0) throw LambdaErrors.unsupported('FileSystemConfigs (EFS)');
  if (input.DeadLetterConfig?.TargetArn) checkDeadLetterTarget(input.DeadLetterConfig.TargetArn);
}

/**
 * Dead letters go to SQS queues (as on AWS) or, a Lambent extension, to Lambda functions (an async event with the
 * original payload); SNS topics are refused until Lambent has SNS.
 */
function checkDeadLetterTarget(arn: string): void {
  const service = arnService(arn);
  if (service === 'sqs' && parseQueueArn(arn)) return;
  if (service === 'lambda' && /^arn:[^:]+:lambda:[^:]+:\d{12}:function:[a-zA-Z0-9-_]+(:[a-zA-Z0-9-_$]+)?$/.test(arn)) return;
  const kind = service === 'sns' ? 'an Amazon SNS topic' : service === 'sqs' ? 'not a valid SQS queue ARN' : 'not an SQS queue nor a Lambda function';
  throw LambdaErrors.invalidParameter(
    `The dead-letter target ${arn} (${kind}) is not supported by Lambent yet; use an SQS queue or a Lambda function ARN as DeadLetterConfig.TargetArn.`,
  );
}

/**
 * AWS's check of an SQS dead-letter queue at CreateFunction and UpdateFunctionConfiguration: the execution role
 * (the new one, or the function's) must be allowed sqs:SendMessage on it. A queue that does not exist fails the
 * same way (AWS answers it with the same sentence: nothing can be sent there). Other targets pass.
 */
export async function checkDeadLetterQueue(
  deps: LambdaQueueAccess,
  target: { role: string; functionName: string; region: string; deadLetterArn: string | undefined },
): Promise<void> {
  const arn = target.deadLetterArn;
  if (!arn || arnService(arn) !== 'sqs') return;
  if (await sqsTargetsOf(deps).problem(arn, target.role, target.functionName, target.region)) {
    throw LambdaErrors.deadLetterQueueNotWritable();
  }
}

/**
 * The dead-letter target an UpdateFunctionConfiguration must check: the new one, or the current one when only the
 * role changes (the new role must be able to send there too); undefined when neither changes.
 */
export function deadLetterToCheck(current: FunctionConfiguration, u: UpdateFunctionConfigurationRequest): string | undefined {
  if (u.DeadLetterConfig !== undefined) return u.DeadLetterConfig.TargetArn;
  return u.Role !== undefined ? current.DeadLetterConfig?.TargetArn : undefined;
}

function checkRuntime(runtime: string): void {
  if (isDeprecatedRuntime(runtime)) {
    throw LambdaErrors.invalidParameter(
      `The runtime parameter of ${runtime} is no longer supported for creating or updating AWS Lambda functions. We recommend you use a supported runtime while creating or updating functions.`,
    );
  }
  if (!runtimeInfo(runtime)) {
    throw LambdaErrors.invalidParameter(
      `The runtime ${runtime} is not supported by Lambent yet. Supported runtimes: ${supportedRuntimeIds().join(', ')}.`,
    );
  }
}

export interface NewFunctionParams {
  arn: string;
  region: string;
  request: CreateFunctionRequest;
  codeSha256Base64: string;
  codeSize: number;
}

/** The $LATEST document of a function just created: State Pending until its code is prepared. */
export function initialConfiguration(p: NewFunctionParams): FunctionConfiguration {
  const r = p.request;
  const cfg: FunctionConfiguration = {
    FunctionName: r.FunctionName,
    FunctionArn: p.arn,
    Runtime: r.Runtime,
    Role: r.Role,
    Handler: r.Handler,
    CodeSize: p.codeSize,
    Description: r.Description ?? '',
    Timeout: r.Timeout ?? 3,
    MemorySize: r.MemorySize ?? 128,
    LastModified: lambdaTimestamp(),
    CodeSha256: p.codeSha256Base64,
    Version: '$LATEST',
    TracingConfig: { Mode: r.TracingConfig?.Mode ?? 'PassThrough' },
    RevisionId: newRevisionId(),
    State: 'Pending',
    StateReason: 'The function is being created.',
    StateReasonCode: 'Creating',
    PackageType: 'Zip',
    Architectures: r.Architectures ?? ['x86_64'],
    EphemeralStorage: { Size: r.EphemeralStorage?.Size ?? 512 },
    SnapStart: { ApplyOn: r.SnapStart?.ApplyOn ?? 'None', OptimizationStatus: 'Off' },
    LoggingConfig: {
      LogFormat: r.LoggingConfig?.LogFormat ?? 'Text',
      LogGroup: r.LoggingConfig?.LogGroup ?? `/aws/lambda/${r.FunctionName}`,
      ...(r.LoggingConfig?.ApplicationLogLevel ? { ApplicationLogLevel: r.LoggingConfig.ApplicationLogLevel } : {}),
      ...(r.LoggingConfig?.SystemLogLevel ? { SystemLogLevel: r.LoggingConfig.SystemLogLevel } : {}),
    },
  };
  if (r.Runtime) cfg.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(p.region, r.Runtime) };
  if (r.Environment) cfg.Environment = { Variables: r.Environment.Variables ?? {} };
  if (r.DeadLetterConfig) cfg.DeadLetterConfig = r.DeadLetterConfig;
  if (r.KMSKeyArn) cfg.KMSKeyArn = r.KMSKeyArn;
  if (r.VpcConfig) {
    cfg.VpcConfig = {
      SubnetIds: r.VpcConfig.SubnetIds ?? [],
      SecurityGroupIds: r.VpcConfig.SecurityGroupIds ?? [],
      Ipv6AllowedForDualStack: r.VpcConfig.Ipv6AllowedForDualStack ?? false,
      VpcId: '',
    };
  }
  return cfg;
}

/** Applies an UpdateFunctionConfiguration request; the result is InProgress until applied. */
export function applyConfigurationUpdate(
  current: FunctionConfiguration,
  u: UpdateFunctionConfigurationRequest,
  region: string,
): FunctionConfiguration {
  const next: FunctionConfiguration = { ...current };
  if (u.Role !== undefined) next.Role = u.Role;
  if (u.Handler !== undefined) next.Handler = u.Handler;
  if (u.Description !== undefined) next.Description = u.Description;
  if (u.Timeout !== undefined) next.Timeout = u.Timeout;
  if (u.MemorySize !== undefined) next.MemorySize = u.MemorySize;
  if (u.Runtime !== undefined) {
    next.Runtime = u.Runtime;
    next.RuntimeVersionConfig = { RuntimeVersionArn: runtimeVersionArn(region, u.Runtime) };
  }
  if (u.Environment !== undefined) next.Environment = { Variables: u.Environment.Variables ?? {} };
  if (u.TracingConfig?.Mode !== undefined) next.TracingConfig = { Mode: u.TracingConfig.Mode };
  if (u.DeadLetterConfig !== undefined) next.DeadLetterConfig = u.DeadLetterConfig;
  if (u.KMSKeyArn !== undefined) next.KMSKeyArn = u.KMSKeyArn;
  if (u.EphemeralStorage !== undefined) next.EphemeralStorage = { Size: u.EphemeralStorage.Size };
  if (u.SnapStart !== undefined) next.SnapStart = { ApplyOn: u.SnapStart.ApplyOn ?? 'None', OptimizationStatus: 'Off' };
  if (u.LoggingConfig !== undefined) {
    next.LoggingConfig = { ...current.LoggingConfig, ...u.LoggingConfig };
  }
  if (u.VpcConfig !== undefined) {
    next.VpcConfig = {
      SubnetIds: u.VpcConfig.SubnetIds ?? [],
      SecurityGroupIds: u.VpcConfig.SecurityGroupIds ?? [],
      Ipv6AllowedForDualStack: u.VpcConfig.Ipv6AllowedForDualStack ?? false,
      VpcId: '',
    };
  }
  return markUpdating(next);
}

export function markUpdating(cfg: FunctionConfiguration): FunctionConfiguration {
  return {
    ...cfg,
    LastModified: lambdaTimestamp(),
    RevisionId: newRevisionId(),
    LastUpdateStatus: 'InProgress',
    LastUpdateStatusReason: 'The function is being created.',
    // AWS really answers "Creating" here (recorded responses), though the model's enum lacks it.
    LastUpdateStatusReasonCode: 'Creating' as FunctionConfiguration['LastUpdateStatusReasonCode'],
  };
}

/** The document once its code is ready: Active / Successful, with a new revision. */
export function markReady(cfg: FunctionConfiguration): FunctionConfiguration {
  const next: FunctionConfiguration = { ...cfg, State: 'Active', LastUpdateStatus: 'Successful', RevisionId: newRevisionId() };
  delete next.StateReason;
  delete next.StateReasonCode;
  delete next.LastUpdateStatusReason;
  delete next.LastUpdateStatusReasonCode;
  return next;
}

export function markFailed(cfg: FunctionConfiguration, reason: string): FunctionConfiguration {
  const next: FunctionConfiguration = { ...cfg, RevisionId: newRevisionId() };
  if (cfg.State === 'Pending') {
    next.State = 'Failed';
    next.StateReason = reason;
    next.StateReasonCode = 'InternalError';
  } else {
    next.LastUpdateStatus = 'Failed';
    next.LastUpdateStatusReason = reason;
    next.LastUpdateStatusReasonCode = 'InternalError';
  }
  return next;
}

export function needsPreparation(cfg: FunctionConfiguration): boolean {
  return cfg.State === 'Pending' || cfg.LastUpdateStatus === 'InProgress';
}

/** ListFunctions leaves out state and runtime-version fields (as AWS does). */
export function listView(cfg: FunctionConfiguration): FunctionConfiguration {
  const v: FunctionConfiguration = { ...cfg };
  for (const k of [
    'State', 'StateReason', 'StateReasonCode', 'LastUpdateStatus', 'LastUpdateStatusReason',
    'LastUpdateStatusReasonCode', 'RuntimeVersionConfig',
  ] as const) {
    delete v[k];
  }
  return v;
}
