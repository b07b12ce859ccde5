// Service-to-service calls inside Lambent (ServiceCalls), over the same
// ServiceDefinitions the HTTP gateway serves: no HTTP and no serialization, but
// the same checks a client's request gets: the operation must exist and be
// implemented, the input must satisfy the model (AWS's validation messages),
// and the caller must be authorized (enforce mode refuses, audit mode logs).
import { randomUUID } from 'node:crypto';
import { AwsError, CommonErrors } from '../protocol/errors.js';
import { Validator } from '../protocol/validate.js';
import type { Authorizer, CallerIdentity, RequestFacts } from '../services/identity.js';
import type { RequestContext, ServiceCalls, ServiceDefinition } from '../services/types.js';
import { checkAccess, type AccessGate, type DenialListener } from './authorize.js';
import { UNHOSTED_CODE, unhostedMessage } from './unhosted.js';

export interface InProcessOptions {
  services: ServiceDefinition[];
  authorizer: Authorizer;
  onDenial?: DenialListener;
  /** ms since the epoch for aws:CurrentTime (default Date.now). */
  clock?: () => number;
  /** The region a call runs in when its facts do not name one. */
  region: string;
  /** Lambent's own base URL, for outputs that carry URLs (ctx.endpoint). */
  endpoint: string;
}

export function createServiceCalls(opts: InProcessOptions): ServiceCalls {
  const bySigningName = new Map(opts.services.map((s) => [s.signingName, s]));
  const validators = new Map<ServiceDefinition, Validator>();
  const gate: AccessGate = { authorizer: opts.authorizer, clock: opts.clock ?? Date.now, onDenial: opts.onDenial };

  return {
    async call(
      signingName: string,
      operationName: string,
      input: Record<string, unknown>,
      caller: CallerIdentity,
      facts?: Partial<RequestFacts>,
      signal?: AbortSignal,
    ): Promise<Record<string, unknown> | undefined> {
      const service = bySigningName.get(signingName);
      if (!service) {
        throw new AwsError(UNHOSTED_CODE, unhostedMessage(signingName), { status: 400 });
      }
      const model = service.codec.model;
      const operation = Object.prototype.hasOwnProperty.call(model.raw.operations, operationName)
        ? model.raw.operations[operationName]
        : undefined;
      if (!operation) {
        throw new AwsError('UnknownOperationException', `Unknown operation ${operationName}`, { status: 400 });
      }
      const handler = service.handlers[operation.name];
      if (!handler) throw CommonErrors.notImplemented(service.displayName, operation.name);
      if (operation.input) {
        let validator = validators.get(service);
        if (!validator) {
          validator = new Validator(model);
          validators.set(service, validator);
        }
        const violations = validator.validate(operation.input.shape, input);
        if (violations.length > 0) throw CommonErrors.validation(violations);
      }
      const ctx: RequestContext = {
        requestId: randomUUID(),
        accountId: caller.accountId,
        region: facts?.region ?? opts.region,
        accessKeyId: caller.accessKeyId,
        endpoint: opts.endpoint,
        caller,
        sourceIp: facts?.sourceIp ?? '',
        ...(signal !== undefined ? { signal } : {}),
      };
      let refusal = checkAccess(service, operation.name, input, ctx, gate, facts?.userAgent, facts);
      if (refusal instanceof Promise) refusal = await refusal;
      if (refusal) throw refusal;
      return handler(input, ctx);
    },
  };
}
