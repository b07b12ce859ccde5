// Function identifiers as Lambda accepts them: a name, "name:qualifier", a
// partial ARN "123456789012:function:name[:qualifier]" or a full ARN
// "arn:aws:lambda:region:123456789012:function:name[:qualifier]".
import type { FunctionKey } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import { LambdaErrors } from './errors.js';

export interface FunctionRef {
  name: string;
  qualifier?: string;
  accountId?: string;
  region?: string;
}

export function parseFunctionRef(id: string): FunctionRef {
  const parts = id.split(':');
  if (parts[0] === 'arn' && parts.length >= 7) {
    // arn:partition:lambda:region:account:function:name[:qualifier]
    const ref: FunctionRef = { name: parts[6] ?? '', region: parts[3] ?? '', accountId: parts[4] ?? '' };
    if (parts[7] !== undefined) ref.qualifier = parts[7];
    return ref;
  }
  if (parts.length >= 3 && parts[1] === 'function') {
    const ref: FunctionRef = { name: parts[2] ?? '', accountId: parts[0] ?? '' };
    if (parts[3] !== undefined) ref.qualifier = parts[3];
    return ref;
  }
  const ref: FunctionRef = { name: parts[0] ?? '' };
  if (parts[1] !== undefined) ref.qualifier = parts[1];
  return ref;
}

export function functionArn(region: string, accountId: string, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${region}:${accountId}:function:${name}`;
  return qualifier === undefined ? base : `${base}:${qualifier}`;
}

export interface ResolvedFunction {
  key: FunctionKey;
  /** The qualifier from the identifier or the Qualifier parameter (they must agree). */
  qualifier: string | undefined;
  /** ARN for error messages, qualified as the caller asked. */
  arn: string;
}

/** Resolves an identifier against the caller's account and region, applying AWS's consistency rules. */
export function resolveFunction(id: string, ctx: RequestContext, qualifierParam?: string): ResolvedFunction {
  const ref = parseFunctionRef(id);
  if (ref.region && ref.region !== ctx.region) throw LambdaErrors.wrongRegion(ref.region, ctx.region);
  if (qualifierParam !== undefined && ref.qualifier !== undefined && qualifierParam !== ref.qualifier) {
    throw LambdaErrors.qualifierMismatch();
  }
  const qualifier = ref.qualifier ?? qualifierParam;
  const accountId = ref.accountId || ctx.accountId;
  const key: FunctionKey = { accountId, region: ctx.region, name: ref.name };
  return { key, qualifier, arn: functionArn(ctx.region, accountId, ref.name, qualifier) };
}
