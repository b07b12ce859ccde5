// Invoke (RequestResponse, DryRun, and Event via async-invoke.ts): resolves the
// function version, checks the request as Lambda does, and hands it to the engine.
import { ThrottledError } from '../../invocation/concurrency.js';
import type { InvocationEngine } from '../../invocation/engine.js';
import { AwsError } from '../../protocol/errors.js';
import { CONTENT_TYPE } from '../../protocol/rest-json/codec.js';
import type { RequestContext } from '../types.js';
import type { InvocationRequest, InvocationResponse, InvokeAsyncRequest, InvokeAsyncResponse } from './api-types.js';
import type { LambdaDeps } from './deps.js';
import type { AsyncInvocations } from './async-invoke.js';
import { LambdaErrors } from './errors.js';
import { functionArn, resolveFunction } from './function-ref.js';
import { LATEST, loadQualified } from './qualifiers.js';
import { SnapshotCache } from './snapshot.js';

const EMPTY_EVENT = Buffer.from('{}');
const CLIENT_CONTEXT_MAX = 3583;

export class InvokeApi {
  private readonly snapshots = new SnapshotCache();

  constructor(
    private readonly deps: LambdaDeps,
    private readonly engine: InvocationEngine,
    private readonly events: AsyncInvocations,
  ) {}

  async invoke(req: InvocationRequest, ctx: RequestContext): Promise<InvocationResponse> {
    const target = resolveFunction(req.FunctionName, ctx, req.Qualifier);
    // An alias resolves to a version here, per invocation (weighted routing); the engine runs that
    // version's row, and the handler sees the ARN the caller used (target.arn) as invokedFunctionArn.
    // The shared row: read on every invocation, never modified here.
    const found = await loadQualified(this.deps.store.functions, target, { route: true, shared: true });
    if (!found) {
      // Invoke names the function as "$LATEST" when no qualifier was given (AWS's wording).
      const { region, accountId, name } = target.key;
      throw LambdaErrors.functionNotFound(functionArn(region, accountId, name, target.qualifier ?? LATEST));
    }
    const row = found.row;
    const state = row.config.State;
    if (state !== 'Active') {
      throw new AwsError(
        'ResourceConflictException',
        `The operation cannot be performed at this time. The function is currently in the following state: ${state ?? 'Pending'}`,
      );
    }

    const type = req.InvocationType ?? 'RequestResponse';
    const clientContext = req.ClientContext;
    if (clientContext !== undefined) checkClientContext(clientContext);
    const payload = req.Payload && req.Payload.length > 0 ? req.Payload : EMPTY_EVENT;
    checkJsonPayload(payload);
    if (type === 'DryRun') return { StatusCode: 204 };
    // Asynchronous: committed to the event queue, then 202 (services/lambda/async-invoke.ts).
    if (type === 'Event') return this.events.accept(row, target.qualifier, target.arn, payload, ctx);

    const result = await this.engine
      .invoke(this.snapshots.get(row), {
        requestId: ctx.requestId,
        payload,
        invokedArn: target.arn,
        tailLogs: req.LogType === 'Tail',
        ...(clientContext !== undefined ? { clientContextBase64: clientContext } : {}),
      })
      .catch((e: unknown) => {
        throw e instanceof ThrottledError ? LambdaErrors.throttled(e.reason) : e;
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

/** InvokeAsync (deprecated): Invoke with InvocationType Event, answered as {Status: 202}. */
export function invokeAsyncHandler(invoke: InvokeApi) {
  return async (req: InvokeAsyncRequest, ctx: RequestContext): Promise<InvokeAsyncResponse> => {
    await invoke.invoke({ FunctionName: req.FunctionName, InvocationType: 'Event', Payload: req.InvokeArgs }, ctx);
    return { Status: 202 };
  };
}
