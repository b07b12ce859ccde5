// The policy simulator: SimulatePrincipalPolicy (a user's, group's or role's own policies, plus any given) and
// SimulateCustomPolicy (only the given ones), evaluated by the same engine that authorizes requests.
import type { CallerIdentity, AppliedPolicy } from '../identity.js';
import type { RequestContext } from '../types.js';
import type * as T from './api-types.js';
import { checkDocument, page } from './common.js';
import type { IamDeps } from './deps.js';
import { accountOf, contextFor, evaluate, type EvaluationResult, type ParsedPolicy } from './policy/index.js';
import { entityArn } from './names.js';
import { principalFromArn } from './principals.js';

/** Where one identity policy of a simulation came from, as MatchedStatements names it. */
interface Source {
  id: string;
  type: T.PolicySourceType;
  policy: ParsedPolicy;
}

const DECISIONS: Record<EvaluationResult['decision'], T.PolicyEvaluationDecisionType> = {
  allow: 'allowed',
  'explicit-deny': 'explicitDeny',
  'implicit-deny': 'implicitDeny',
};

/** An AppliedPolicy's source ("role/NAME/inline/POLICY" or a managed ARN) as the simulator reports it. */
function describe(applied: AppliedPolicy): { id: string; type: T.PolicySourceType } {
  const inline = /^(user|group|role)\/[^/]+\/inline\/(.+)$/.exec(applied.source);
  if (inline) return { id: inline[2]!, type: inline[1] as T.PolicySourceType };
  const name = applied.source.slice(applied.source.lastIndexOf('/') + 1);
  return { id: name, type: applied.source.startsWith('arn:aws:iam::aws:policy/') ? 'aws-managed' : 'user-managed' };
}

interface SimulationInput {
  ActionNames: string[];
  ResourceArns?: string[];
  ResourcePolicy?: string;
  ResourceOwner?: string;
  ContextEntries?: T.ContextEntry[];
  PolicyInputList?: string[];
  PermissionsBoundaryPolicyInputList?: string[];
  MaxItems?: number;
  Marker?: string;
}

export class SimulatorApi {
  constructor(private readonly deps: IamDeps) {}

  async principal(input: T.SimulatePrincipalPolicyRequest, ctx: RequestContext): Promise<T.SimulatePolicyResponse> {
    const a = this.deps.state.account(ctx.accountId);
    const { type, entity } = principalFromArn(a, input.PolicySourceArn);
    const arn = entityArn(ctx.accountId, type, entity.path, entity.name);
    const sources: Source[] = this.deps.state.effectivePolicies(a, type, entity).map((p) => ({ ...describe(p), policy: checkDocument(p.document, 'identity') }));
    const boundaryArn = (entity as { boundary?: string }).boundary;
    const boundaryDoc = boundaryArn === undefined ? undefined : a.managedDocument(boundaryArn)?.document;
    const identity: CallerIdentity =
      type === 'role'
        ? { kind: 'assumed-role', accountId: ctx.accountId, arn: `arn:aws:sts::${ctx.accountId}:assumed-role/${entity.name}/simulation`, userId: `${entity.id}:simulation`, accessKeyId: '', name: entity.name, roleArn: arn, roleId: entity.id, sessionName: 'simulation' }
        : { kind: 'user', accountId: ctx.accountId, arn, userId: entity.id, accessKeyId: '', name: entity.name };
    return this.simulate(input, ctx, identity, sources, boundaryDoc);
  }

  async custom(input: T.SimulateCustomPolicyRequest, ctx: RequestContext): Promise<T.SimulatePolicyResponse> {
    const callerArn = input.CallerArn ?? `arn:aws:iam::${ctx.accountId}:user/simulation`;
    const identity: CallerIdentity = {
      kind: 'user',
      accountId: accountOf(callerArn) ?? ctx.accountId,
      arn: callerArn,
      userId: 'AIDASIMULATION',
      accessKeyId: '',
      name: callerArn.slice(callerArn.lastIndexOf('/') + 1),
    };
    return this.simulate(input, ctx, identity, [], undefined);
  }

  private simulate(
    input: SimulationInput,
    ctx: RequestContext,
    identity: CallerIdentity,
    own: Source[],
    boundaryDoc: string | undefined,
  ): T.SimulatePolicyResponse {
    const sources = [
      ...own,
      ...(input.PolicyInputList ?? []).map((text, i) => ({
        id: `PolicyInputList.${i + 1}`,
        type: 'none' as const,
        policy: checkDocument(text, 'identity'),
      })),
    ];
    const boundaries = (input.PermissionsBoundaryPolicyInputList ?? []).map((t) => checkDocument(t, 'identity'));
    const boundary = boundaries[0] ?? (boundaryDoc === undefined ? undefined : checkDocument(boundaryDoc, 'identity'));
    const resourcePolicy = input.ResourcePolicy === undefined ? undefined : checkDocument(input.ResourcePolicy, 'resource');
    const resources = input.ResourceArns ?? ['*'];
    const results: T.EvaluationResult[] = [];
    for (const action of input.ActionNames) {
      for (const resource of resources) {
        const resourceAccount = input.ResourceOwner?.split(':')[4] || accountOf(resource) || identity.accountId;
        const context = new Map(
          contextFor(
            { kind: 'aws', identity },
            { region: ctx.region, sourceIp: ctx.sourceIp, now: this.deps.now(), secureTransport: false },
            { action, resource, resourceAccount },
          ),
        );
        for (const e of input.ContextEntries ?? []) {
          if (e.ContextKeyName !== undefined) context.set(e.ContextKeyName.toLowerCase(), e.ContextKeyValues ?? []);
        }
        const evalInput: Parameters<typeof evaluate>[0] = {
          principal: { kind: 'aws', identity },
          action,
          resource,
          resourceAccount,
          identityPolicies: sources.map((s) => s.policy),
          context,
        };
        if (resourcePolicy) evalInput.resourcePolicy = resourcePolicy;
        if (boundary) evalInput.permissionsBoundary = boundary;
        const r = evaluate(evalInput);
        const matched: T.Statement[] = [];
        for (const m of r.matched) {
          if (m.policy === 'identity') {
            const s = sources[m.index];
            if (s) matched.push({ SourcePolicyId: s.id, SourcePolicyType: s.type });
          } else if (m.policy === 'resource') {
            matched.push({ SourcePolicyId: 'ResourcePolicy', SourcePolicyType: 'resource' });
          }
        }
        results.push({
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: DECISIONS[r.decision],
          MatchedStatements: matched,
          MissingContextValues: [],
        });
      }
    }
    const p = page(results, (r) => `${r.EvalActionName}\u0000${r.EvalResourceName ?? ''}`, input);
    return { EvaluationResults: p.items, ...p.more };
  }
}
