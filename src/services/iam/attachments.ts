// Managed policies attached to roles, users and groups: Attach/Detach/ListAttached{Role,User,Group}Policies.
// IAM allows 10 managed policies per principal by default.
import type { RequestContext } from '../types.js';
import { page, pathMatches, QUOTAS, type PageInput } from './common.js';
import type { IamDeps } from './deps.js';
import { IamErrors, type IamEntityType } from './errors.js';
import { awsManagedPolicy, isAwsManagedArn } from './aws-managed.js';
import { NAME_MEMBER, putPrincipal, requireAttachable, requirePrincipal } from './principals.js';
import type { AccountIam } from './state.js';

const QUOTA_NAME: Record<IamEntityType, string> = { role: 'PoliciesPerRole', user: 'PoliciesPerUser', group: 'PoliciesPerGroup' };

type Input = Record<string, unknown> & PageInput;

/** Name and path of an attached policy (an attached customer policy always exists: deletion needs detaching). */
export function policyNameAndPath(a: AccountIam, arn: string): { name: string; path: string } {
  if (isAwsManagedArn(arn)) {
    const p = awsManagedPolicy(arn);
    if (p) return { name: p.PolicyName, path: p.Path };
  }
  const p = a.policies.get(arn);
  if (p) return { name: p.name, path: p.path };
  return { name: arn.slice(arn.lastIndexOf('/') + 1), path: '/' };
}

export class AttachmentsApi {
  constructor(
    private readonly deps: IamDeps,
    private readonly type: IamEntityType,
  ) {}

  private principalName(input: Input): string {
    return input[NAME_MEMBER[this.type]] as string;
  }

  async attach(input: Input, ctx: RequestContext): Promise<Record<string, never>> {
    const arn = input.PolicyArn as string;
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = requirePrincipal(a, this.type, this.principalName(input));
      requireAttachable(a, arn);
      if (p.attached.includes(arn)) return { change: {}, result: {} };
      if (p.attached.length >= QUOTAS.managedPoliciesPerPrincipal) {
        throw IamErrors.limitExceeded(`Cannot exceed quota for ${QUOTA_NAME[this.type]}: ${QUOTAS.managedPoliciesPerPrincipal}`);
      }
      return { change: putPrincipal(this.type, { ...p, attached: [...p.attached, arn] }), result: {} };
    });
  }

  async detach(input: Input, ctx: RequestContext): Promise<Record<string, never>> {
    const arn = input.PolicyArn as string;
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = requirePrincipal(a, this.type, this.principalName(input));
      if (!p.attached.includes(arn)) throw IamErrors.policyNotFound(arn);
      return { change: putPrincipal(this.type, { ...p, attached: p.attached.filter((x) => x !== arn) }), result: {} };
    });
  }

  async list(input: Input, ctx: RequestContext): Promise<Record<string, unknown>> {
    const a = this.deps.state.account(ctx.accountId);
    const p = requirePrincipal(a, this.type, this.principalName(input));
    const prefix = input.PathPrefix as string | undefined;
    const items = p.attached
      .map((arn) => ({ arn, ...policyNameAndPath(a, arn) }))
      .filter((x) => pathMatches(x.path, prefix))
      .sort((x, y) => (x.arn < y.arn ? -1 : 1));
    const pg = page(items, (x) => x.arn, input);
    const out: Record<string, unknown> = {
      AttachedPolicies: pg.items.map((x) => ({ PolicyName: x.name, PolicyArn: x.arn })),
      ...pg.more,
    };
    return out;
  }
}
