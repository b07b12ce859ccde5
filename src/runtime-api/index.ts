export { RuntimeApiEndpoint } from './endpoint.js';
export type { InvocationOutcome, RuntimeApiEvents, RuntimeApiOptions, RuntimeInvocation } from './types.js';
export { ApiErrorType, DEFAULT_MAX_RESPONSE_BYTES, FunctionErrorType, validErrorType } from './errors.js';
