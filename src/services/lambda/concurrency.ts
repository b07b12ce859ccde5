// Reserved concurrency: PutFunctionConcurrency, GetFunctionConcurrency and
// DeleteFunctionConcurrency, on a function as a whole (never a version or
// alias), with AWS's checks and wording (recorded in shared/parity:
// TestLambdaReservedConcurrency, TestLambdaConcurrency). The store keeps the
// setting; ConcurrencyLimits keeps the copy the invoke path reads.
import type { ConcurrencyLimits } from '../../invocation/concurrency.js';
import { AwsError } from '../../protocol/errors.js';
import { StoreMissingError, type FunctionKey, type Store } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import type {
  Concurrency,
  DeleteFunctionConcurrencyRequest,
  GetFunctionConcurrencyRequest,
  GetFunctionConcurrencyResponse,
  PutFunctionConcurrencyRequest,
} from './api-types.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { functionArn, parseFunctionRef } from './function-ref.js';
import { LATEST } from './qualifiers.js';

export const ConcurrencyErrors = {
  qualified(): AwsError {
    return new AwsError(
      'InvalidParameterValueException',
      'This operation is permitted on Lambda functions only. Aliases and versions do not support this operation. Please specify either a function name or an unqualified function ARN.',
    );
  },
  belowMinimum(what: 'ReservedConcurrentExecutions' | 'ConcurrentExecutions', minimum: number): AwsError {
    return LambdaErrors.invalidParameter(
      `Specified ${what} for function decreases account's UnreservedConcurrentExecution below its minimum value of [${minimum}].`,
    );
  },
  belowProvisioned(reserved: number, provisioned: number): AwsError {
    // AWS's message, leading and doubled spaces included.
    return LambdaErrors.invalidParameter(
      ` ReservedConcurrentExecutions  ${reserved} should not be lower than function's total provisioned concurrency [${provisioned}].`,
    );
  },
} as const;

/** A function addressed without qualifier: name, partial or full unqualified ARN. */
export function unqualifiedFunction(id: string, ctx: RequestContext): { key: FunctionKey; arn: string } {
  const ref = parseFunctionRef(id);
  if (ref.region && ref.region !== ctx.region) throw LambdaErrors.regionNotReachable(ref.region, ctx.region);
  if (ref.qualifier !== undefined) throw ConcurrencyErrors.qualified();
  const key: FunctionKey = { accountId: ref.accountId || ctx.accountId, region: ctx.region, name: ref.name };
  return { key, arn: functionArn(key.region, key.accountId, key.name) };
}

export class FunctionConcurrencyApi {
  constructor(private readonly deps: LambdaDeps) {}

  async put(req: PutFunctionConcurrencyRequest, ctx: RequestContext): Promise<Concurrency> {
    const { key, arn } = unqualifiedFunction(req.FunctionName, ctx);
    const reserved = req.ReservedConcurrentExecutions;
    // PutFunctionConcurrency names a missing function as its $LATEST.
    if (!(await this.deps.store.functions.get(key))) throw LambdaErrors.functionNotFound(`${arn}:${LATEST}`);
    const limits = this.deps.concurrency;
    const check = limits.checkReserved(key.accountId, key.region, arn, reserved);
    if (!check.ok) {
      throw check.kind === 'below-provisioned'
        ? ConcurrencyErrors.belowProvisioned(reserved, check.provisioned)
        : ConcurrencyErrors.belowMinimum('ReservedConcurrentExecutions', check.minimum);
    }
    try {
      await this.deps.store.concurrency.putReserved(key, reserved);
    } catch (e) {
      if (e instanceof StoreMissingError) throw LambdaErrors.functionNotFound(`${arn}:${LATEST}`);
      throw e;
    }
    limits.setReserved(key.accountId, key.region, arn, reserved);
    return { ReservedConcurrentExecutions: reserved };
  }

  async get(req: GetFunctionConcurrencyRequest, ctx: RequestContext): Promise<GetFunctionConcurrencyResponse> {
    const { key, arn } = unqualifiedFunction(req.FunctionName, ctx);
    if (!(await this.deps.store.functions.get(key))) throw LambdaErrors.functionNotFound(arn);
    const reserved = await this.deps.store.concurrency.getReserved(key);
    return reserved === undefined ? {} : { ReservedConcurrentExecutions: reserved };
  }

  async delete(req: DeleteFunctionConcurrencyRequest, ctx: RequestContext): Promise<void> {
    const { key, arn } = unqualifiedFunction(req.FunctionName, ctx);
    if (!(await this.deps.store.functions.get(key))) throw LambdaErrors.functionNotFound(arn);
    await this.deps.store.concurrency.deleteReserved(key);
    this.deps.concurrency.setReserved(key.accountId, key.region, arn, undefined);
  }
}

/** Loads every reservation into the invoke path's limits (start-up). */
export async function restoreReservedConcurrency(store: Store, limits: ConcurrencyLimits): Promise<void> {
  for (const r of await store.concurrency.allReserved()) {
    limits.setReserved(r.accountId, r.region, functionArn(r.region, r.accountId, r.name), r.reserved);
  }
}
