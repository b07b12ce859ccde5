// Invoke (synchronous RequestResponse and DryRun): resolves the function
// version, checks the request as Lambda does, and hands it to the engine.
import { createHash } from 'node:crypto';
import type { InvocationEngine } from '../../invocation/engine.js';
import type { FunctionSnapshot } from '../../invocation/types.js';
import { AwsError } from '../../protocol/errors.js';
import { CONTENT_TYPE } from '../../protocol/rest-json/codec.js';
import type { VersionRow } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import type { FunctionConfiguration, InvocationRequest, InvocationResponse } from './api-types.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { resolveFunction } from './function-ref.js';

const EMPTY_EVENT = Buffer.from('{}');
const CLIENT_CONTEXT_MAX = 3583;

export class InvokeApi {
  private readonly snapshots = new Map<string, { revisionId: string; snapshot: FunctionSnapshot }>();

  constructor(
    private readonly deps: LambdaDeps,
    private readonly engine: InvocationEngine,
  ) {}

  async invoke(req: InvocationRequest, ctx: RequestContext): Promise<InvocationResponse> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    const version = target.qualifier ?? '$LATEST';
    const row = await this.deps.store.functions.getVersion<FunctionConfiguration>(target.key, version);
    if (!row) throw LambdaErrors.functionNotFound(target.arn);
    const state = row.config.State;
    if (state !== 'Active') {
      throw new AwsError(
        'ResourceConflictException',
        `The operation cannot be performed at this time. The function is currently in the following state: ${state ?? 'Pending'}`,
      );
    }

    const type = req.InvocationType ?? 'RequestResponse';
    if (type === 'Event') {
      throw LambdaErrors.unsupported('InvocationType Event (asynchronous invocation)');
    }
    const clientContext = req.ClientContext;
    if (clientContext !== undefined) checkClientContext(clientContext);
    const payload = req.Payload && req.Payload.length > 0 ? req.Payload : EMPTY_EVENT;
    checkJsonPayload(payload);
    if (type === 'DryRun') return { StatusCode: 204 };

    const result = await this.engine.invoke(this.snapshot(row), {
      requestId: ctx.requestId,
      payload,
      invokedArn: target.arn,
      tailLogs: req.LogType === 'Tail',
      ...(clientContext !== undefined ? { clientContextBase64: clientContext } : {}),
    });
    const out: InvocationResponse & { [CONTENT_TYPE]?: string } = {
      StatusCode: 200,
      Payload: result.payload,
      ExecutedVersion: result.executedVersion,
      [CONTENT_TYPE]: result.contentType,
    };
    if (result.functionError) out.FunctionError = result.functionError;
    if (result.logResult !== undefined) out.LogResult = result.logResult;
    return out;
  }

  /** Immutable engine view of a version, rebuilt only when its revision changes. */
  private snapshot(row: VersionRow<FunctionConfiguration>): FunctionSnapshot {
    const id = `${row.accountId}/${row.region}/${row.name}/${row.version}`;
    const cached = this.snapshots.get(id);
    if (cached && cached.revisionId === row.revisionId) return cached.snapshot;
    const c = row.config;
    const shaping = {
      runtime: c.Runtime ?? 'provided.al2023',
      handler: c.Handler ?? '',
      memoryMb: c.MemorySize ?? 128,
      timeoutSec: c.Timeout ?? 3,
      ephemeralStorageMb: c.EphemeralStorage?.Size ?? 512,
      environment: c.Environment?.Variables ?? {},
      codeSha256Hex: row.codeSha256,
      logGroup: c.LoggingConfig?.LogGroup ?? `/aws/lambda/${row.name}`,
    };
    const snapshot: FunctionSnapshot = {
      accountId: row.accountId,
      region: row.region,
      name: row.name,
      version: row.version,
      arn: `arn:aws:lambda:${row.region}:${row.accountId}:function:${row.name}`,
      ...shaping,
      fingerprint: createHash('sha256').update(JSON.stringify(shaping)).digest('hex').slice(0, 16),
    };
    this.snapshots.set(id, { revisionId: row.revisionId, snapshot });
    return snapshot;
  }
}

function checkClientContext(value: string): void {
  let ok = value.length <= CLIENT_CONTEXT_MAX;
  if (ok) {
    try {
      const parsed: unknown = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
      ok = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    } catch {
      ok = false;
    }
  }
  if (!ok) throw LambdaErrors.invalidRequestContent('Client context must be a valid Base64-encoded JSON object.');
}

function checkJsonPayload(payload: Buffer): void {
  try {
    JSON.parse(payload.toString('utf8'));
  } catch (e) {
    throw LambdaErrors.invalidRequestContent(
      `Could not parse request body into json: Could not parse payload into json: ${(e as Error).message}`,
    );
  }
}
