// What each Lambda operation asks IAM for, per AWS's Service Authorization Reference for Lambda
// (models/iam-authorization/lambda.json): the action (Invoke is lambda:InvokeFunction, GetLayerVersionByArn is
// lambda:GetLayerVersion), the resource ARN built from the identifier the caller gave (name, partial or full ARN)
// with its qualifier, since AWS authorizes a qualified ARN against `function:NAME:*`-style resources, the service
// condition keys the request carries, and the dependent actions AWS checks (iam:PassRole on the execution role,
// lambda:GetLayerVersion on each layer used). Keys AWS reads from stored state (the FunctionUrlAuthType of an
// existing URL, the principal of a statement being removed, the function of an event source mapping) come from an
// optional synchronous lookup the Lambda service may supply; aws:ResourceTag/… is not provided.
import type { AccessRequest } from '../identity.js';
import type { RequestContext } from '../types.js';
import { functionArn, parseFunctionRef } from './function-ref.js';

type Input = Record<string, unknown>;
type Mapper = (input: Input, ctx: RequestContext, lookup: LambdaAccessLookup) => AccessRequest[];

/** What the map may read from Lambda's state, synchronously (undefined: not known, the key is left out). */
export interface LambdaAccessLookup {
  /** The AuthType of the function URL of this (possibly qualified) function ARN. */
  functionUrlAuthType?(functionArn: string): string | undefined;
  /** The Principal of statement `statementId` in the function policy of this (possibly qualified) ARN. */
  permissionPrincipal?(functionArn: string, statementId: string): string | undefined;
  /** The function ARN an event source mapping invokes. */
  eventSourceMappingFunction?(uuid: string): string | undefined;
}

function str(input: Input, key: string): string | undefined {
  const v = input[key];
  return typeof v === 'string' ? v : undefined;
}

/** The function's ARN as AWS authorizes it: qualified when the identifier or the Qualifier parameter is. */
export function functionResource(input: Input, ctx: RequestContext, useQualifier = true): string {
  const ref = parseFunctionRef(str(input, 'FunctionName') ?? '');
  const qualifier = useQualifier ? (ref.qualifier ?? str(input, 'Qualifier')) : undefined;
  return functionArn(ref.region || ctx.region, ref.accountId || ctx.accountId, ref.name, qualifier);
}

function layerArn(input: Input, ctx: RequestContext, version: boolean): string {
  const name = str(input, 'LayerName') ?? '';
  // LayerName may be a name or a layer ARN (arn:aws:lambda:REGION:ACCOUNT:layer:NAME).
  const base = name.startsWith('arn:') ? name : `arn:aws:lambda:${ctx.region}:${ctx.accountId}:layer:${name}`;
  if (!version) return base;
  const n = input['VersionNumber'];
  return `${base}:${typeof n === 'number' || typeof n === 'string' ? String(n) : ''}`;
}

function lambdaArn(ctx: RequestContext, type: string, id: string): string {
  return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:${type}:${id}`;
}

/** An ARN input taken as given, or "*" when absent. */
function given(input: Input, key: string): string {
  return str(input, key) ?? '*';
}

/** aws:RequestTag/KEY and aws:TagKeys for operations that take tags. */
function tagConditions(input: Input): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const tags = input['Tags'];
  if (tags !== null && typeof tags === 'object' && !Array.isArray(tags)) {
    const keys = Object.keys(tags);
    for (const k of keys) {
      const v = (tags as Record<string, unknown>)[k];
      if (typeof v === 'string') out[`aws:RequestTag/${k}`] = v;
    }
    if (keys.length > 0) out['aws:TagKeys'] = keys;
  }
  const tagKeys = input['TagKeys'];
  if (Array.isArray(tagKeys)) out['aws:TagKeys'] = tagKeys.filter((k): k is string => typeof k === 'string');
  return out;
}

function withConditions(req: AccessRequest, conditions: Record<string, string | string[]>): AccessRequest {
  return Object.keys(conditions).length === 0 ? req : { ...req, conditions };
}

function vpcConditions(input: Input): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const vpc = input['VpcConfig'];
  if (vpc === null || typeof vpc !== 'object') return out;
  const v = vpc as Record<string, unknown>;
  const list = (x: unknown): string[] => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  if (Array.isArray(v['SubnetIds'])) out['lambda:SubnetIds'] = list(v['SubnetIds']);
  if (Array.isArray(v['SecurityGroupIds'])) out['lambda:SecurityGroupIds'] = list(v['SecurityGroupIds']);
  return out;
}

/** CreateFunction / UpdateFunctionConfiguration: the function, lambda:Layer, and the dependent actions. */
function functionWrite(action: string, tags: boolean): Mapper {
  return (input, ctx) => {
    const resource = functionResource(input, ctx, false);
    const conditions: Record<string, string | string[]> = { ...vpcConditions(input), ...(tags ? tagConditions(input) : {}) };
    const layers = Array.isArray(input['Layers']) ? input['Layers'].filter((l): l is string => typeof l === 'string') : undefined;
    if (layers !== undefined) conditions['lambda:Layer'] = layers;
    const csc = str(input, 'CodeSigningConfigArn');
    if (csc !== undefined) conditions['lambda:CodeSigningConfigArn'] = csc;
    const out: AccessRequest[] = [withConditions({ action, resource }, conditions)];
    const role = str(input, 'Role');
    if (role !== undefined) {
      out.push({
        action: 'iam:PassRole',
        resource: role,
        // Passing a role is the caller's own permission (a role has no resource policy for it): it is decided by the
        // caller's identity policies alone. A role of another account is Lambda's own refusal ("Cross-account pass
        // role is not allowed."), after authorization, as on AWS.
        resourceAccount: ctx.accountId,
        conditions: { 'iam:PassedToService': 'lambda.amazonaws.com', 'iam:AssociatedResourceArn': resource },
      });
    }
    // Using a layer needs permission to read its version (the layer's own policy, for another account's layer).
    for (const l of layers ?? []) out.push({ action: 'lambda:GetLayerVersion', resource: l });
    return out;
  };
}

const fn = (action: string, qualified = true): Mapper => (input, ctx) => [{ action, resource: functionResource(input, ctx, qualified) }];
const star = (action: string): Mapper => () => [{ action, resource: '*' }];
const fromInput = (action: string, key: string): Mapper => (input) => [{ action, resource: given(input, key) }];

/** Function URL operations: lambda:FunctionArn (the unqualified function) and, when given, the auth type. */
const url = (action: string): Mapper => (input, ctx, lookup) => {
  const resource = functionResource(input, ctx);
  const conditions: Record<string, string> = { 'lambda:FunctionArn': functionResource(input, ctx, false) };
  // Create/Update carry the auth type; Get/Delete are checked against the URL's stored one.
  const auth = str(input, 'AuthType') ?? lookup.functionUrlAuthType?.(resource);
  if (auth !== undefined) conditions['lambda:FunctionUrlAuthType'] = auth;
  return [{ action, resource, conditions }];
};

/** Event source mappings: lambda:FunctionArn is the function the mapping invokes, as given. */
function esmConditions(input: Input, ctx: RequestContext, lookup: LambdaAccessLookup): Record<string, string> {
  if (input['FunctionName'] !== undefined) return { 'lambda:FunctionArn': functionResource(input, ctx) };
  const uuid = str(input, 'UUID');
  const stored = uuid === undefined ? undefined : lookup.eventSourceMappingFunction?.(uuid);
  return stored === undefined ? {} : { 'lambda:FunctionArn': stored };
}
const esm = (action: string): Mapper => (input, ctx, lookup) => [
  withConditions({ action, resource: lambdaArn(ctx, 'event-source-mapping', str(input, 'UUID') ?? '') }, esmConditions(input, ctx, lookup)),
];

const capacityProvider = (action: string): Mapper => (input, ctx) => [
  withConditions({ action, resource: lambdaArn(ctx, 'capacity-provider', str(input, 'CapacityProviderName') ?? '') }, action.endsWith(':CreateCapacityProvider') ? tagConditions(input) : {}),
];

const layer = (action: string, version = true): Mapper => (input, ctx) => [{ action, resource: layerArn(input, ctx, version) }];

/** Every operation of models/lambda/service-2.json. */
export const LAMBDA_ACCESS: Readonly<Record<string, Mapper>> = {
  AddLayerVersionPermission: layer('lambda:AddLayerVersionPermission'),
  AddPermission: (input, ctx) => {
    const conditions: Record<string, string> = {};
    const principal = str(input, 'Principal');
    if (principal !== undefined) conditions['lambda:Principal'] = principal;
    const auth = str(input, 'FunctionUrlAuthType');
    if (auth !== undefined) conditions['lambda:FunctionUrlAuthType'] = auth;
    return [withConditions({ action: 'lambda:AddPermission', resource: functionResource(input, ctx) }, conditions)];
  },
  CheckpointDurableExecution: fromInput('lambda:CheckpointDurableExecution', 'DurableExecutionArn'),
  CreateAlias: fn('lambda:CreateAlias', false),
  CreateCapacityProvider: capacityProvider('lambda:CreateCapacityProvider'),
  CreateCodeSigningConfig: (input) => [withConditions({ action: 'lambda:CreateCodeSigningConfig', resource: '*' }, tagConditions(input))],
  CreateEventSourceMapping: (input, ctx, lookup) => [
    withConditions({ action: 'lambda:CreateEventSourceMapping', resource: '*' }, { ...esmConditions(input, ctx, lookup), ...tagConditions(input) }),
  ],
  CreateFunction: functionWrite('lambda:CreateFunction', true),
  CreateFunctionUrlConfig: url('lambda:CreateFunctionUrlConfig'),
  DeleteAlias: fn('lambda:DeleteAlias', false),
  DeleteCapacityProvider: capacityProvider('lambda:DeleteCapacityProvider'),
  DeleteCodeSigningConfig: fromInput('lambda:DeleteCodeSigningConfig', 'CodeSigningConfigArn'),
  DeleteEventSourceMapping: esm('lambda:DeleteEventSourceMapping'),
  DeleteFunction: fn('lambda:DeleteFunction'),
  DeleteFunctionCodeSigningConfig: fn('lambda:DeleteFunctionCodeSigningConfig', false),
  DeleteFunctionConcurrency: fn('lambda:DeleteFunctionConcurrency', false),
  DeleteFunctionEventInvokeConfig: fn('lambda:DeleteFunctionEventInvokeConfig'),
  DeleteFunctionUrlConfig: url('lambda:DeleteFunctionUrlConfig'),
  DeleteLayerVersion: layer('lambda:DeleteLayerVersion'),
  DeleteProvisionedConcurrencyConfig: fn('lambda:DeleteProvisionedConcurrencyConfig'),
  GetAccountSettings: star('lambda:GetAccountSettings'),
  GetAlias: fn('lambda:GetAlias', false),
  GetCapacityProvider: capacityProvider('lambda:GetCapacityProvider'),
  GetCodeSigningConfig: fromInput('lambda:GetCodeSigningConfig', 'CodeSigningConfigArn'),
  GetDurableExecution: fromInput('lambda:GetDurableExecution', 'DurableExecutionArn'),
  GetDurableExecutionHistory: fromInput('lambda:GetDurableExecutionHistory', 'DurableExecutionArn'),
  GetDurableExecutionState: fromInput('lambda:GetDurableExecutionState', 'DurableExecutionArn'),
  GetEventSourceMapping: esm('lambda:GetEventSourceMapping'),
  GetFunction: fn('lambda:GetFunction'),
  GetFunctionCodeSigningConfig: fn('lambda:GetFunctionCodeSigningConfig', false),
  GetFunctionConcurrency: fn('lambda:GetFunctionConcurrency', false),
  GetFunctionConfiguration: fn('lambda:GetFunctionConfiguration'),
  GetFunctionEventInvokeConfig: fn('lambda:GetFunctionEventInvokeConfig'),
  GetFunctionRecursionConfig: fn('lambda:GetFunctionRecursionConfig', false),
  GetFunctionScalingConfig: fn('lambda:GetFunctionScalingConfig'),
  GetFunctionUrlConfig: url('lambda:GetFunctionUrlConfig'),
  GetLayerVersion: layer('lambda:GetLayerVersion'),
  GetLayerVersionByArn: fromInput('lambda:GetLayerVersion', 'Arn'),
  GetLayerVersionPolicy: layer('lambda:GetLayerVersionPolicy'),
  GetPolicy: fn('lambda:GetPolicy'),
  GetProvisionedConcurrencyConfig: fn('lambda:GetProvisionedConcurrencyConfig'),
  GetRuntimeManagementConfig: fn('lambda:GetRuntimeManagementConfig'),
  Invoke: fn('lambda:InvokeFunction'),
  InvokeAsync: fn('lambda:InvokeFunction'),
  InvokeWithResponseStream: fn('lambda:InvokeFunction'),
  ListAliases: fn('lambda:ListAliases', false),
  ListCapacityProviders: star('lambda:ListCapacityProviders'),
  ListCodeSigningConfigs: star('lambda:ListCodeSigningConfigs'),
  ListDurableExecutionsByFunction: fn('lambda:ListDurableExecutionsByFunction'),
  ListEventSourceMappings: star('lambda:ListEventSourceMappings'),
  ListFunctionEventInvokeConfigs: fn('lambda:ListFunctionEventInvokeConfigs', false),
  ListFunctionUrlConfigs: fn('lambda:ListFunctionUrlConfigs', false),
  ListFunctionVersionsByCapacityProvider: capacityProvider('lambda:ListFunctionVersionsByCapacityProvider'),
  ListFunctions: star('lambda:ListFunctions'),
  ListFunctionsByCodeSigningConfig: fromInput('lambda:ListFunctionsByCodeSigningConfig', 'CodeSigningConfigArn'),
  ListLayerVersions: star('lambda:ListLayerVersions'),
  ListLayers: star('lambda:ListLayers'),
  ListProvisionedConcurrencyConfigs: fn('lambda:ListProvisionedConcurrencyConfigs', false),
  ListTags: fromInput('lambda:ListTags', 'Resource'),
  ListVersionsByFunction: fn('lambda:ListVersionsByFunction', false),
  PublishLayerVersion: layer('lambda:PublishLayerVersion', false),
  PublishVersion: fn('lambda:PublishVersion', false),
  PutFunctionCodeSigningConfig: (input, ctx) => {
    const csc = str(input, 'CodeSigningConfigArn');
    const req: AccessRequest = { action: 'lambda:PutFunctionCodeSigningConfig', resource: functionResource(input, ctx, false) };
    return [csc === undefined ? req : { ...req, conditions: { 'lambda:CodeSigningConfigArn': csc } }];
  },
  PutFunctionConcurrency: fn('lambda:PutFunctionConcurrency', false),
  PutFunctionEventInvokeConfig: fn('lambda:PutFunctionEventInvokeConfig'),
  PutFunctionRecursionConfig: fn('lambda:PutFunctionRecursionConfig', false),
  PutFunctionScalingConfig: fn('lambda:PutFunctionScalingConfig'),
  PutProvisionedConcurrencyConfig: fn('lambda:PutProvisionedConcurrencyConfig'),
  PutRuntimeManagementConfig: fn('lambda:PutRuntimeManagementConfig'),
  RemoveLayerVersionPermission: layer('lambda:RemoveLayerVersionPermission'),
  RemovePermission: (input, ctx, lookup) => {
    const resource = functionResource(input, ctx);
    const sid = str(input, 'StatementId');
    const principal = sid === undefined ? undefined : lookup.permissionPrincipal?.(resource, sid);
    const req: AccessRequest = { action: 'lambda:RemovePermission', resource };
    return [principal === undefined ? req : { ...req, conditions: { 'lambda:Principal': principal } }];
  },
  // The callback id does not name its execution: AWS's durable-execution resource is not known from the request.
  SendDurableExecutionCallbackFailure: star('lambda:SendDurableExecutionCallbackFailure'),
  SendDurableExecutionCallbackHeartbeat: star('lambda:SendDurableExecutionCallbackHeartbeat'),
  SendDurableExecutionCallbackSuccess: star('lambda:SendDurableExecutionCallbackSuccess'),
  StopDurableExecution: fromInput('lambda:StopDurableExecution', 'DurableExecutionArn'),
  TagResource: (input) => [withConditions({ action: 'lambda:TagResource', resource: given(input, 'Resource') }, tagConditions(input))],
  UntagResource: (input) => [withConditions({ action: 'lambda:UntagResource', resource: given(input, 'Resource') }, tagConditions(input))],
  UpdateAlias: fn('lambda:UpdateAlias', false),
  UpdateCapacityProvider: capacityProvider('lambda:UpdateCapacityProvider'),
  UpdateCodeSigningConfig: fromInput('lambda:UpdateCodeSigningConfig', 'CodeSigningConfigArn'),
  UpdateEventSourceMapping: esm('lambda:UpdateEventSourceMapping'),
  UpdateFunctionCode: fn('lambda:UpdateFunctionCode', false),
  UpdateFunctionConfiguration: functionWrite('lambda:UpdateFunctionConfiguration', false),
  UpdateFunctionEventInvokeConfig: fn('lambda:UpdateFunctionEventInvokeConfig'),
  UpdateFunctionUrlConfig: url('lambda:UpdateFunctionUrlConfig'),
};

/** ServiceDefinition.access for Lambda. An operation the map does not know asks for its own name on "*". */
export function lambdaAccess(operation: string, input: Record<string, unknown>, ctx: RequestContext, lookup: LambdaAccessLookup = {}): AccessRequest[] {
  const mapper = LAMBDA_ACCESS[operation];
  return mapper === undefined ? [{ action: `lambda:${operation}`, resource: '*' }] : mapper(input, ctx, lookup);
}

/** lambdaAccess bound to Lambda's lookups, in ServiceDefinition.access's shape. */
export function makeLambdaAccess(lookup: LambdaAccessLookup): (operation: string, input: Record<string, unknown>, ctx: RequestContext) => AccessRequest[] {
  return (operation, input, ctx) => lambdaAccess(operation, input, ctx, lookup);
}
