// Inline policies of roles, users and groups: Put/Get/Delete/List{Role,User,Group}Policies. IAM limits the
// aggregate size of a principal's inline policies (roles 10,240, users 2,048, groups 5,120 characters, no whitespace).
import type { RequestContext } from '../types.js';
import { checkDocument, page, QUOTAS, type PageInput } from './common.js';
import type { IamDeps } from './deps.js';
import { IamErrors, type IamEntityType } from './errors.js';
import { encodeDocument, policySize } from './names.js';
import { NAME_MEMBER, putPrincipal, requirePrincipal } from './principals.js';

const AGGREGATE: Record<IamEntityType, number> = {
  role: QUOTAS.rolePolicySizeTotal,
  user: QUOTAS.userPolicySizeTotal,
  group: QUOTAS.groupPolicySizeTotal,
};

type Input = Record<string, unknown> & PageInput;

export class InlinePoliciesApi {
  constructor(
    private readonly deps: IamDeps,
    private readonly type: IamEntityType,
  ) {}

  private principalName(input: Input): string {
    return input[NAME_MEMBER[this.type]] as string;
  }

  async put(input: Input, ctx: RequestContext): Promise<Record<string, never>> {
    const policyName = input.PolicyName as string;
    const document = input.PolicyDocument as string;
    const tooBig = (): Error => IamErrors.limitExceeded(`Maximum policy size of ${AGGREGATE[this.type]} bytes exceeded for ${this.type} ${this.principalName(input)}`);
    // A document over the aggregate alone is refused before it is parsed.
    if (policySize(document) > AGGREGATE[this.type]) throw tooBig();
    checkDocument(document, 'identity');
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = requirePrincipal(a, this.type, this.principalName(input));
      const inline = p.inline.filter((i) => i.name.toLowerCase() !== policyName.toLowerCase());
      inline.push({ name: policyName, document });
      const total = inline.reduce((n, i) => n + policySize(i.document), 0);
      if (total > AGGREGATE[this.type]) {
        throw IamErrors.limitExceeded(`Maximum policy size of ${AGGREGATE[this.type]} bytes exceeded for ${this.type} ${p.name}`);
      }
      return { change: putPrincipal(this.type, { ...p, inline }), result: {} };
    });
  }

  async get(input: Input, ctx: RequestContext): Promise<Record<string, unknown>> {
    const p = requirePrincipal(this.deps.state.account(ctx.accountId), this.type, this.principalName(input));
    const policyName = input.PolicyName as string;
    const i = p.inline.find((x) => x.name.toLowerCase() === policyName.toLowerCase());
    if (i === undefined) throw IamErrors.noSuchInlinePolicy(this.type, policyName);
    return { [NAME_MEMBER[this.type]]: p.name, PolicyName: i.name, PolicyDocument: encodeDocument(i.document) };
  }

  async delete(input: Input, ctx: RequestContext): Promise<Record<string, never>> {
    const policyName = input.PolicyName as string;
    return this.deps.state.mutate(ctx.accountId, (a) => {
      const p = requirePrincipal(a, this.type, this.principalName(input));
      const inline = p.inline.filter((i) => i.name.toLowerCase() !== policyName.toLowerCase());
      if (inline.length === p.inline.length) throw IamErrors.noSuchInlinePolicy(this.type, policyName);
      return { change: putPrincipal(this.type, { ...p, inline }), result: {} };
    });
  }

  async list(input: Input, ctx: RequestContext): Promise<Record<string, unknown>> {
    const p = requirePrincipal(this.deps.state.account(ctx.accountId), this.type, this.principalName(input));
    const names = p.inline.map((i) => i.name).sort((x, y) => (x.toLowerCase() < y.toLowerCase() ? -1 : 1));
    const pg = page(names, (n) => n.toLowerCase(), input);
    const out: Record<string, unknown> = { PolicyNames: pg.items, ...pg.more };
    return out;
  }
}
