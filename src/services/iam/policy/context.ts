// The request context condition keys and policy variables read: AWS's global keys, derived from who is calling
// and how (RequestFacts), plus the service keys the operation's access map supplies. Keys are stored lower-case
// because IAM compares key names without regard to case.
import type { AccessRequest, RequestFacts } from '../../identity.js';
import type { ConditionContext, EvalPrincipal } from './types.js';

/** aws:CurrentTime as AWS writes it: ISO 8601 in UTC, whole seconds. */
function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

export function contextFor(principal: EvalPrincipal, facts: RequestFacts, request: AccessRequest): ConditionContext {
  const ctx = new Map<string, readonly string[]>();
  const set = (k: string, v: string | undefined): void => {
    if (v !== undefined) ctx.set(k, [v]);
  };
  // A clock outside Date's range gives no time keys (conditions on them then fail closed) rather than a throw.
  if (Number.isFinite(facts.now) && Math.abs(facts.now) <= 8.64e15) {
    set('aws:currenttime', isoSeconds(facts.now));
    set('aws:epochtime', String(Math.floor(facts.now / 1000)));
  }
  set('aws:requestedregion', facts.region);
  set('aws:sourceip', facts.sourceIp);
  set('aws:securetransport', facts.secureTransport ? 'true' : 'false');
  set('aws:useragent', facts.userAgent);
  set('aws:sourcearn', facts.sourceArn);
  set('aws:sourceaccount', facts.sourceAccount);

  if (principal.kind === 'aws') {
    const id = principal.identity;
    set('aws:principalaccount', id.accountId);
    set('aws:userid', id.userId);
    set('aws:principalisawsservice', 'false');
    switch (id.kind) {
      case 'root':
        set('aws:principalarn', id.arn);
        set('aws:principaltype', 'Account');
        break;
      case 'user':
        set('aws:principalarn', id.arn);
        set('aws:principaltype', 'User');
        set('aws:username', id.name);
        break;
      case 'assumed-role':
        // A session's aws:PrincipalArn is its role's ARN, not the assumed-role ARN.
        set('aws:principalarn', id.roleArn ?? id.arn);
        set('aws:principaltype', 'AssumedRole');
        break;
    }
    if (id.sessionTags !== undefined) {
      const keys: string[] = [];
      for (const [k, v] of Object.entries(id.sessionTags)) {
        set(`aws:principaltag/${k.toLowerCase()}`, v);
        keys.push(k);
      }
      if (keys.length > 0) ctx.set('aws:principaltagkeys', keys);
    }
  } else if (principal.kind === 'service') {
    set('aws:principalisawsservice', 'true');
    set('aws:principalservicename', principal.service);
  }

  const resourceAccount = request.resourceAccount ?? accountOf(request.resource);
  set('aws:resourceaccount', resourceAccount);

  if (request.conditions !== undefined) {
    for (const [k, v] of Object.entries(request.conditions)) {
      ctx.set(k.toLowerCase(), typeof v === 'string' ? [v] : v);
    }
  }
  return ctx;
}

/** The account field of an ARN (the fifth component), or undefined for "*" and ARNs without one. */
export function accountOf(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  let start = 0;
  for (let i = 0; i < 4; i++) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return undefined;
  }
  const end = arn.indexOf(':', start);
  if (end < 0) return undefined;
  const account = arn.slice(start, end);
  return account === '' ? undefined : account;
}

/**
 * The same context, built only if a condition or policy variable asks for it: most statements decide on action
 * and resource alone, and the warm path of a cached principal should not pay for a dozen keys it never reads.
 */
export function lazyContextFor(principal: EvalPrincipal, facts: RequestFacts, request: AccessRequest): ConditionContext {
  return new LazyContext(principal, facts, request);
}

class LazyContext implements ReadonlyMap<string, readonly string[]> {
  private built: ConditionContext | undefined;
  constructor(
    private readonly principal: EvalPrincipal,
    private readonly facts: RequestFacts,
    private readonly request: AccessRequest,
  ) {}
  private map(): ConditionContext {
    return (this.built ??= contextFor(this.principal, this.facts, this.request));
  }
  get(key: string): readonly string[] | undefined {
    return this.map().get(key);
  }
  has(key: string): boolean {
    return this.map().has(key);
  }
  get size(): number {
    return this.map().size;
  }
  forEach(fn: (value: readonly string[], key: string, map: ReadonlyMap<string, readonly string[]>) => void): void {
    this.map().forEach((v, k) => fn(v, k, this));
  }
  entries(): MapIterator<[string, readonly string[]]> {
    return this.map().entries();
  }
  keys(): MapIterator<string> {
    return this.map().keys();
  }
  values(): MapIterator<readonly string[]> {
    return this.map().values();
  }
  [Symbol.iterator](): MapIterator<[string, readonly string[]]> {
    return this.map()[Symbol.iterator]();
  }
}
