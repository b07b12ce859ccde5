// The Authorizer every service's requests pass through: gathers the caller's identity policies (and boundary,
// session policy) and the resource's policy, evaluates each AccessRequest with AWS's logic and answers the first
// denial in AWS's words. Parsed documents are cached per principal and per resource, valid while IAM's (and the
// resource policy source's) generation is unchanged, so the warm path answers synchronously without a promise.
// An account's root acting in its own account is allowed before anything is looked up (the warm Invoke path).
import type {
  AccessRequest,
  AppliedPolicy,
  Authorizer,
  CallerIdentity,
  Denial,
  IamDirectory,
  RequestFacts,
  ResourcePolicySource,
} from '../identity.js';
import { accountOf, lazyContextFor, evaluate, parsePolicy, PolicySyntaxError } from './policy/index.js';
import type { EvalPrincipal, EvaluationInput, ParsedPolicy, PolicyKind } from './policy/index.js';

export interface PolicyAuthorizerOptions {
  iam: IamDirectory;
  /** Resource policy sources by the ARN's service field ("lambda" → function policies). */
  resourcePolicies: ReadonlyMap<string, ResourcePolicySource> | Readonly<Record<string, ResourcePolicySource>>;
  mode: 'enforce' | 'audit';
  /** Audit mode: called for every denial that was let through (Lambent's log). */
  onAuditDenial?: (caller: CallerIdentity, denial: Denial) => void;
  /** A stored document IAM should never have accepted (it is treated as granting nothing). */
  onUnreadablePolicy?: (source: string, message: string) => void;
  /** Bound on cached principals, resources and parsed documents (each). */
  maxCacheEntries?: number;
}

interface PrincipalEntry {
  generation: number;
  identity: ParsedPolicy[];
  boundary: ParsedPolicy | undefined;
  session: ParsedPolicy | undefined;
}

interface ResourceEntry {
  generation: number;
  policy: ParsedPolicy | undefined;
}

/** How AWS names each policy type in its AccessDenied sentence. */
const POLICY_TYPE_WORDS: Record<Denial['policyType'], string> = {
  'identity-based': 'identity-based policy',
  'resource-based': 'resource-based policy',
  session: 'session policy',
  'permissions boundary': 'permissions boundary',
};
const ARTICLE: Record<Denial['policyType'], string> = {
  'identity-based': 'an',
  'resource-based': 'a',
  session: 'a',
  'permissions boundary': 'a',
};

/** AWS's AccessDenied sentence. */
export function denialMessage(callerArn: string, action: string, resource: string, policyType: Denial['policyType'], explicit: boolean): string {
  const words = POLICY_TYPE_WORDS[policyType];
  const why = explicit ? `with an explicit deny in ${ARTICLE[policyType]} ${words}` : `because no ${words} allows the ${action} action`;
  return `User: ${callerArn} is not authorized to perform: ${action} on resource: ${resource} ${why}`;
}

/**
 * Is `account` the account field of `arn` (or has the ARN none, or is it "*")? Compares in place: the root fast
 * path allocates nothing.
 */
function ownedBy(arn: string, account: string): boolean {
  if (arn === '*') return true;
  let start = 0;
  for (let i = 0; i < 4; i++) {
    start = arn.indexOf(':', start) + 1;
    if (start === 0) return true; // not an ARN with an account field
  }
  if (arn.charCodeAt(start) === 58 /* : */) return true; // no account (S3 buckets)
  if (arn.startsWith('aws:', start)) return true; // AWS's own (managed policies): only identity policies decide
  return arn.startsWith(account, start) && arn.charCodeAt(start + account.length) === 58;
}

function resourceAccountOf(req: AccessRequest, caller: CallerIdentity): string {
  if (req.resourceAccount !== undefined) return req.resourceAccount;
  // ARNs without an account (S3 buckets), AWS's own resources (arn:aws:iam::aws:policy/…) and "*" are decided
  // by the caller's own account: its identity policies alone.
  const account = accountOf(req.resource);
  return account === undefined || account === 'aws' ? caller.accountId : account;
}

/** The service field of an ARN ("lambda" in arn:aws:lambda:…). */
function serviceOf(arn: string): string | undefined {
  if (!arn.startsWith('arn:')) return undefined;
  const a = arn.indexOf(':', 4);
  if (a < 0) return undefined;
  const b = arn.indexOf(':', a + 1);
  return b < 0 ? undefined : arn.slice(a + 1, b);
}

export class PolicyAuthorizer implements Authorizer {
  readonly mode: 'enforce' | 'audit';
  /** Audit mode: denials computed and let through since start. */
  auditedDenials = 0;
  private readonly iam: IamDirectory;
  private readonly sources: ReadonlyMap<string, ResourcePolicySource>;
  private readonly onAuditDenial: PolicyAuthorizerOptions['onAuditDenial'];
  private readonly onUnreadable: PolicyAuthorizerOptions['onUnreadablePolicy'];
  private readonly maxEntries: number;
  private readonly principals = new Map<string, PrincipalEntry>();
  private readonly resources = new Map<string, ResourceEntry>();
  private readonly documents = new Map<string, ParsedPolicy>();
  private readonly loadingPrincipals = new Map<string, Promise<PrincipalEntry>>();

  constructor(opts: PolicyAuthorizerOptions) {
    this.iam = opts.iam;
    this.mode = opts.mode;
    this.sources = opts.resourcePolicies instanceof Map ? opts.resourcePolicies : new Map(Object.entries(opts.resourcePolicies));
    this.onAuditDenial = opts.onAuditDenial;
    this.onUnreadable = opts.onUnreadablePolicy;
    this.maxEntries = opts.maxCacheEntries ?? 10_000;
  }

  authorize(caller: CallerIdentity, requests: readonly AccessRequest[], facts: RequestFacts): Denial | undefined | Promise<Denial | undefined> {
    if (caller.kind === 'root') {
      let own = true;
      for (let i = 0; i < requests.length; i++) {
        const r = requests[i]!;
        if (r.resourceAccount !== undefined ? r.resourceAccount !== caller.accountId : !ownedBy(r.resource, caller.accountId)) {
          own = false;
          break;
        }
      }
      if (own) return undefined;
    }
    const principal = this.cachedPrincipal(caller);
    const resources = this.cachedResources(requests);
    if (principal !== undefined && resources !== undefined) return this.decide(caller, requests, facts, principal, resources);
    return this.load(caller, requests).then(([p, r]) => this.decide(caller, requests, facts, p, r));
  }

  /**
   * A service principal (events.amazonaws.com invoking a function for a rule, with facts.sourceArn) or an
   * anonymous caller (a function URL with AuthType NONE): only resource policies can allow them. Synchronous when
   * the resource policies are cached. The denial names the service (or "anonymous") as AWS's messages do.
   */
  authorizePrincipal(
    principal: Exclude<EvalPrincipal, { kind: 'aws' }>,
    requests: readonly AccessRequest[],
    facts: RequestFacts,
  ): Denial | undefined | Promise<Denial | undefined> {
    const cached = this.cachedResources(requests);
    if (cached !== undefined) return this.decideFor(principal, requests, facts, cached);
    return this.loadResources(requests).then((r) => this.decideFor(principal, requests, facts, r));
  }

  private decideFor(
    principal: Exclude<EvalPrincipal, { kind: 'aws' }>,
    requests: readonly AccessRequest[],
    facts: RequestFacts,
    resources: readonly (ResourceEntry | undefined)[],
  ): Denial | undefined {
    const who = principal.kind === 'service' ? principal.service : 'anonymous';
    for (let i = 0; i < requests.length; i++) {
      const req = requests[i]!;
      const input: EvaluationInput = {
        principal,
        action: req.action,
        resource: req.resource,
        resourceAccount: req.resourceAccount ?? accountOf(req.resource) ?? '',
        identityPolicies: [],
        context: lazyContextFor(principal, facts, req),
      };
      const resourcePolicy = resources[i]?.policy;
      if (resourcePolicy !== undefined) input.resourcePolicy = resourcePolicy;
      const result = evaluate(input);
      if (result.decision === 'allow') continue;
      const explicit = result.decision === 'explicit-deny';
      const denial: Denial = {
        action: req.action,
        resource: req.resource,
        policyType: 'resource-based',
        explicit,
        message: denialMessage(who, req.action, req.resource, 'resource-based', explicit),
      };
      if (this.mode === 'audit') {
        this.auditedDenials++;
        continue;
      }
      return denial;
    }
    return undefined;
  }

  // ---- decisions ----

  private decide(
    caller: CallerIdentity,
    requests: readonly AccessRequest[],
    facts: RequestFacts,
    principal: PrincipalEntry,
    resources: readonly (ResourceEntry | undefined)[],
  ): Denial | undefined {
    const evalPrincipal: EvalPrincipal = { kind: 'aws', identity: caller };
    for (let i = 0; i < requests.length; i++) {
      const req = requests[i]!;
      const input: EvaluationInput = {
        principal: evalPrincipal,
        action: req.action,
        resource: req.resource,
        resourceAccount: resourceAccountOf(req, caller),
        identityPolicies: principal.identity,
        context: lazyContextFor(evalPrincipal, facts, req),
      };
      const resourcePolicy = resources[i]?.policy;
      if (resourcePolicy !== undefined) input.resourcePolicy = resourcePolicy;
      if (principal.boundary !== undefined) input.permissionsBoundary = principal.boundary;
      if (principal.session !== undefined) input.sessionPolicy = principal.session;
      const result = evaluate(input);
      if (result.decision === 'allow') continue;
      const policyType = result.deniedBy ?? 'identity-based';
      const explicit = result.decision === 'explicit-deny';
      const denial: Denial = {
        action: req.action,
        resource: req.resource,
        policyType,
        explicit,
        message: denialMessage(caller.arn, req.action, req.resource, policyType, explicit),
      };
      if (this.mode === 'audit') {
        this.auditedDenials++;
        this.onAuditDenial?.(caller, denial);
        continue;
      }
      return denial;
    }
    return undefined;
  }

  // ---- caches ----

  private principalKey(caller: CallerIdentity): string {
    return caller.sessionPolicy === undefined ? caller.arn : `${caller.arn}\n${caller.sessionPolicy}`;
  }

  private cachedPrincipal(caller: CallerIdentity): PrincipalEntry | undefined {
    const entry = this.principals.get(this.principalKey(caller));
    return entry !== undefined && entry.generation === this.iam.generation() ? entry : undefined;
  }

  /** One entry per request (undefined where the resource has no policy source); undefined if any is stale. */
  private cachedResources(requests: readonly AccessRequest[]): (ResourceEntry | undefined)[] | undefined {
    const out: (ResourceEntry | undefined)[] = [];
    for (const req of requests) {
      const source = this.sourceFor(req);
      if (source === undefined) {
        out.push(undefined);
        continue;
      }
      const entry = this.resources.get(req.resource);
      if (entry === undefined || entry.generation !== source.generation()) return undefined;
      out.push(entry);
    }
    return out;
  }

  private sourceFor(req: AccessRequest): ResourcePolicySource | undefined {
    if (this.sources.size === 0) return undefined;
    const service = serviceOf(req.resource);
    return service === undefined ? undefined : this.sources.get(service);
  }

  private async load(caller: CallerIdentity, requests: readonly AccessRequest[]): Promise<[PrincipalEntry, (ResourceEntry | undefined)[]]> {
    const principal = this.cachedPrincipal(caller) ?? (await this.loadPrincipal(caller));
    return [principal, await this.loadResources(requests)];
  }

  private async loadResources(requests: readonly AccessRequest[]): Promise<(ResourceEntry | undefined)[]> {
    const resources: (ResourceEntry | undefined)[] = [];
    for (const req of requests) {
      const source = this.sourceFor(req);
      if (source === undefined) {
        resources.push(undefined);
        continue;
      }
      let entry = this.resources.get(req.resource);
      if (entry === undefined || entry.generation !== source.generation()) {
        // The generation is read before the policy: a write during the read leaves the entry stale, not wrong.
        const generation = source.generation();
        const text = await source.policyFor(req.resource);
        entry = { generation, policy: text === undefined ? undefined : this.parsed(text, 'resource', req.resource) };
        this.remember(this.resources, req.resource, entry);
      }
      resources.push(entry);
    }
    return resources;
  }

  private loadPrincipal(caller: CallerIdentity): Promise<PrincipalEntry> {
    const key = this.principalKey(caller);
    const pending = this.loadingPrincipals.get(key);
    if (pending !== undefined) return pending;
    const p = (async (): Promise<PrincipalEntry> => {
      const generation = this.iam.generation();
      let applied: { policies: AppliedPolicy[]; permissionsBoundary?: AppliedPolicy } = { policies: [] };
      // The root user has no identity policies; across accounts only the resource side decides for it.
      if (caller.kind !== 'root') applied = await this.iam.identityPolicies(caller);
      const entry: PrincipalEntry = {
        generation,
        identity: applied.policies.map((a) => this.parsed(a.document, 'identity', a.source)),
        boundary: applied.permissionsBoundary === undefined ? undefined : this.parsed(applied.permissionsBoundary.document, 'identity', applied.permissionsBoundary.source),
        session: caller.sessionPolicy === undefined ? undefined : this.parsed(caller.sessionPolicy, 'identity', 'session policy'),
      };
      this.remember(this.principals, key, entry);
      return entry;
    })();
    this.loadingPrincipals.set(key, p);
    const forget = (): void => {
      this.loadingPrincipals.delete(key);
    };
    p.then(forget, forget);
    return p;
  }

  /** Parsed once per distinct document text (many roles share managed policies). */
  private parsed(text: string, kind: PolicyKind, source: string): ParsedPolicy {
    const key = `${kind}\n${text}`;
    let doc = this.documents.get(key);
    if (doc === undefined) {
      try {
        doc = parsePolicy(text, kind);
      } catch (e) {
        if (!(e instanceof PolicySyntaxError)) throw e;
        this.onUnreadable?.(source, e.message);
        doc = { kind, text, statements: [] };
      }
      this.remember(this.documents, key, doc);
    }
    return doc;
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    // A crude bound: when full, start over (entries are cheap to rebuild; no caller-controlled growth).
    if (map.size >= this.maxEntries && !map.has(key)) map.clear();
    map.set(key, value);
  }
}
