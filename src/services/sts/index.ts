// The STS service: its query-protocol codec and the handler table. Operations in the model without a handler
// answer NotImplemented naming them.
import { AwsError } from '../../protocol/errors.js';
import { loadModel } from '../../protocol/model.js';
import { QueryCodec } from '../../protocol/query/codec.js';
import type { OperationHandler, RequestContext, ServiceDefinition } from '../types.js';
import { stsAccess } from './access.js';
import { StsErrors } from './errors.js';
import { StsApi, type StsDeps } from './operations.js';

/** STS requests are a handful of form fields (a 2 KB policy, 50 tags at most): anything far larger is refused. */
const BODY_LIMIT = 256 * 1024;

function op<I, O>(fn: (input: I, ctx: RequestContext) => Promise<O>): OperationHandler {
  // The codec has validated the document against the model shape that I mirrors.
  return (input, ctx) => fn(input as I, ctx) as Promise<Record<string, unknown> | undefined>;
}

export function createStsService(deps: StsDeps): ServiceDefinition {
  const codec = new QueryCodec(loadModel('sts'));
  const api = new StsApi(deps);
  const handlers: Record<string, OperationHandler> = {
    GetCallerIdentity: op(api.getCallerIdentity.bind(api)),
    AssumeRole: op(api.assumeRole.bind(api)),
    GetSessionToken: op(api.getSessionToken.bind(api)),
  };
  return {
    signingName: 'sts',
    displayName: 'STS',
    codec,
    handlers,
    bodyLimit: () => ({
      bytes: BODY_LIMIT,
      error: () => new AwsError('RequestEntityTooLarge', 'Request body is too large', { status: 413 }),
    }),
    // STS is a POST to "/", as IAM is: only the signature's credential scope tells them apart.
    ownsPath: () => false,
    // AssumeRole is decided by its handler, which weighs the role's trust policy with the caller's own policies
    // (AWS's rule for roles: a trust policy naming the caller needs no identity policy in the same account; naming
    // the account or another account needs both). The identity side alone, checked first by the gateway, would
    // refuse what the trust policy grants. Every other operation goes through the access map.
    access: (operation, input, ctx) => (operation === 'AssumeRole' ? [] : stsAccess(operation, input, ctx)),
    accessDenied: (message) => StsErrors.accessDenied(message),
  };
}

export { Identities } from './identities.js';
export { LambdaExecutionRoles } from './execution-roles.js';
export { SessionTokens } from './session-tokens.js';
export type { StsDeps } from './operations.js';
