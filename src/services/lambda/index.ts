// The Lambda service: its model-driven codec and the handler table. Operations
// in the model without a handler answer NotImplementedException naming them.
import { loadModel } from '../../protocol/model.js';
import { RestJsonCodec } from '../../protocol/rest-json/codec.js';
import type { OperationHandler, RequestContext, ServiceDefinition } from '../types.js';
import { AccountApi } from './account.js';
import { AliasesApi } from './aliases.js';
import { FunctionConcurrencyApi } from './concurrency.js';
import type { AsyncInvocations } from './async-invoke.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { functionResource, lambdaAccess } from './access.js';
import { principalOfStatement } from './function-policies.js';
import { EventInvokeConfigApi } from './event-invoke-config.js';
import { LIMITS } from './function-config.js';
import { FunctionsApi } from './functions.js';
import { invokeAsyncHandler, InvokeApi } from './invoke.js';
import { PermissionsApi } from './permissions.js';
import { ProvisionedConcurrencyApi } from './provisioned-concurrency.js';
import type { InvocationEngine } from '../../invocation/engine.js';
import { TagsApi } from './tags.js';
import { EventSourceMappingsApi, isMappingArn } from './event-source-mappings/api.js';
import { EventSourceMappings } from './event-source-mappings/manager.js';
import type { ListTagsRequest, TagResourceRequest, UntagResourceRequest } from './api-types.js';
import { VersionsApi } from './versions.js';

const DEFAULT_BODY_LIMIT = 6 * 1024 * 1024;
const INVOKE_PAYLOAD_LIMIT = 6291456;

/** Adapts a typed handler to the gateway's document-in, document-out signature. */
function op<I, O>(fn: (input: I, ctx: RequestContext) => Promise<O>): OperationHandler {
  // The codec has validated the document against the model shape that I mirrors.
  return (input, ctx) => fn(input as I, ctx) as Promise<Record<string, unknown> | undefined>;
}

export function createLambdaService(
  deps: LambdaDeps,
  engine: InvocationEngine,
  asyncInvocations: AsyncInvocations,
  /** Event source mappings (main.ts starts and stops them); absent: the service runs its own, started by nothing. */
  mappings: EventSourceMappings = new EventSourceMappings({ engine, log: { warn: () => undefined } }),
): ServiceDefinition {
  const model = loadModel('lambda');
  const codec = new RestJsonCodec(model, {
    malformedBody: (detail) => LambdaErrors.invalidRequestContent(detail),
  });
  const versions = new VersionsApi(deps);
  const aliases = new AliasesApi(deps);
  const functions = new FunctionsApi(deps, versions);
  const tags = new TagsApi(deps);
  const account = new AccountApi(deps);
  const invoke = new InvokeApi(deps, engine, asyncInvocations);
  const eventInvokeConfigs = new EventInvokeConfigApi(deps);
  const reserved = new FunctionConcurrencyApi(deps);
  const provisioned = new ProvisionedConcurrencyApi(deps, engine);
  const permissions = new PermissionsApi(deps);
  mappings.bind(deps);
  const esm = new EventSourceMappingsApi(deps, mappings);
  // TagResource, UntagResource and ListTags take function ARNs and event source mapping ARNs.
  const tagResource = async (req: TagResourceRequest, ctx: RequestContext): Promise<undefined> => {
    if (!isMappingArn(req.Resource)) return tags.tag(req, ctx);
    await esm.tag(req.Resource, req.Tags, ctx);
    return undefined;
  };
  const untagResource = async (req: UntagResourceRequest, ctx: RequestContext): Promise<undefined> => {
    if (!isMappingArn(req.Resource)) return tags.untag(req, ctx);
    await esm.untag(req.Resource, req.TagKeys, ctx);
    return undefined;
  };
  const listTags = async (req: ListTagsRequest, ctx: RequestContext) =>
    isMappingArn(req.Resource) ? { Tags: esm.listTags(req.Resource, ctx) } : tags.list(req, ctx);

  // lambda:FunctionArn of Get/Update/DeleteEventSourceMapping is the stored mapping's function (held in memory).
  const accessLookup = { eventSourceMappingFunction: (uuid: string) => mappings.functionArnOf(uuid) };

  const handlers: Record<string, OperationHandler> = {
    CreateFunction: op(functions.create.bind(functions)),
    GetFunction: op(functions.get.bind(functions)),
    GetFunctionConfiguration: op(functions.getConfiguration.bind(functions)),
    ListFunctions: op(functions.list.bind(functions)),
    UpdateFunctionCode: op(functions.updateCode.bind(functions)),
    UpdateFunctionConfiguration: op(functions.updateConfiguration.bind(functions)),
    DeleteFunction: op(functions.delete.bind(functions)),
    TagResource: op(tagResource),
    UntagResource: op(untagResource),
    ListTags: op(listTags),
    CreateEventSourceMapping: op(esm.create.bind(esm)),
    GetEventSourceMapping: op(esm.get.bind(esm)),
    UpdateEventSourceMapping: op(esm.update.bind(esm)),
    DeleteEventSourceMapping: op(esm.delete.bind(esm)),
    ListEventSourceMappings: op(esm.list.bind(esm)),
    GetAccountSettings: op(account.settings.bind(account)),
    Invoke: op(invoke.invoke.bind(invoke)),
    InvokeAsync: op(invokeAsyncHandler(invoke)),
    PutFunctionEventInvokeConfig: op(eventInvokeConfigs.put.bind(eventInvokeConfigs)),
    UpdateFunctionEventInvokeConfig: op(eventInvokeConfigs.update.bind(eventInvokeConfigs)),
    GetFunctionEventInvokeConfig: op(eventInvokeConfigs.get.bind(eventInvokeConfigs)),
    DeleteFunctionEventInvokeConfig: op(eventInvokeConfigs.delete.bind(eventInvokeConfigs)),
    ListFunctionEventInvokeConfigs: op(eventInvokeConfigs.list.bind(eventInvokeConfigs)),
    PublishVersion: op(versions.publish.bind(versions)),
    ListVersionsByFunction: op(versions.list.bind(versions)),
    CreateAlias: op(aliases.create.bind(aliases)),
    GetAlias: op(aliases.get.bind(aliases)),
    UpdateAlias: op(aliases.update.bind(aliases)),
    DeleteAlias: op(aliases.delete.bind(aliases)),
    ListAliases: op(aliases.list.bind(aliases)),
    PutFunctionConcurrency: op(reserved.put.bind(reserved)),
    GetFunctionConcurrency: op(reserved.get.bind(reserved)),
    DeleteFunctionConcurrency: op(reserved.delete.bind(reserved)),
    PutProvisionedConcurrencyConfig: op(provisioned.put.bind(provisioned)),
    GetProvisionedConcurrencyConfig: op(provisioned.get.bind(provisioned)),
    DeleteProvisionedConcurrencyConfig: op(provisioned.delete.bind(provisioned)),
    ListProvisionedConcurrencyConfigs: op(provisioned.list.bind(provisioned)),
    AddPermission: op(permissions.add.bind(permissions)),
    RemovePermission: op(permissions.remove.bind(permissions)),
    GetPolicy: op(permissions.get.bind(permissions)),
  };

  return {
    signingName: 'lambda',
    displayName: 'Lambda',
    codec,
    handlers,
    bodyLimit(operation) {
      switch (operation) {
        case 'CreateFunction':
        case 'UpdateFunctionCode':
          return {
            bytes: LIMITS.createRequestBytes,
            error: () => LambdaErrors.requestEntityTooLarge(LIMITS.createRequestBytes, operation),
          };
        case 'Invoke':
        case 'InvokeAsync':
        case 'InvokeWithResponseStream':
          return { bytes: INVOKE_PAYLOAD_LIMIT, error: () => LambdaErrors.requestTooLarge(INVOKE_PAYLOAD_LIMIT) };
        default:
          return { bytes: DEFAULT_BODY_LIMIT, error: () => LambdaErrors.requestEntityTooLarge(DEFAULT_BODY_LIMIT, operation) };
      }
    },
    ownsPath(rawPath) {
      return /^\/20\d\d-\d\d-\d\d\//.test(rawPath);
    },
    accessDenied: (message) => LambdaErrors.accessDenied(message),
    // Actions and resource ARNs per AWS's service authorization reference (Invoke → lambda:InvokeFunction, …).
    // RemovePermission's lambda:Principal is the principal of the statement being removed, so that one operation
    // reads the stored policy first (asynchronously; every other operation, Invoke included, stays synchronous).
    access: (operation, input, ctx) => {
      if (operation !== 'RemovePermission') return lambdaAccess(operation, input, ctx, accessLookup);
      const sid = input['StatementId'];
      return deps.policies.policyFor(functionResource(input, ctx)).then((text) => {
        const principal = typeof sid === 'string' ? principalOfStatement(text, sid) : undefined;
        return lambdaAccess(operation, input, ctx, { permissionPrincipal: () => principal });
      });
    },
  };
}
