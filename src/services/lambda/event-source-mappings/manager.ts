// Runs the event source mappings: keeps every mapping in memory (written through to the store), starts a
// PollerGroup for each enabled mapping (at start-up too), moves mappings out of their transient states once their
// pollers are started or stopped, and stops everything on shutdown. Invocations go to the engine in-process with
// a snapshot of the function version the mapping names (an alias resolves per batch, as per invocation).
import { randomUUID } from 'node:crypto';
import { ThrottledError } from '../../../invocation/concurrency.js';
import type { InvocationEngine } from '../../../invocation/engine.js';
import type { EventSourceMappingRow, VersionRow } from '../../../store/types.js';
import type { CallerIdentity } from '../../identity.js';
import type { EventSourceMappingConfiguration, FunctionConfiguration } from '../api-types.js';
import type { LambdaDeps } from '../deps.js';
import { functionArn, parseFunctionRef, type ResolvedFunction } from '../function-ref.js';
import { loadQualified } from '../qualifiers.js';
import { SnapshotCache } from '../snapshot.js';
import { compileFilters } from './filters.js';
import { PollerGroup, type InvokeOutcome, type PollerDeps, type PollerSettings } from './poller.js';
import { isStable, transition, type MappingState } from './states.js';
import { queueUrlOf as sqsQueueUrl } from '../sqs-delivery.js';
import { parseEventSource } from './validation.js';

/**
 * The stored configuration document: the API's shape, LastModified as epoch seconds, plus the user's Enabled
 * intent (AWS does not return it; it decides where Creating and Updating settle).
 */
export type MappingDoc = Omit<EventSourceMappingConfiguration, 'LastModified'> & { LastModified: number; State: MappingState; Enabled: boolean };
export type MappingRow = EventSourceMappingRow<MappingDoc>;

/** Disabling or deleting waits this long at most for the mapping's pollers (a long poll, then a batch). */
const STOP_GRACE_MS = 60_000;
/** A role session is asked for again after this long (its credentials' lifetime is not ours to stretch). */
const IDENTITY_REFRESH_MS = 10 * 60_000;

export interface MappingManagerOptions {
  /** Given here or later by createLambdaService (bind), which main.ts hands the manager to. */
  deps?: LambdaDeps;
  engine: InvocationEngine;
  log: { warn(msg: string): void };
  now?: () => number;
}

/** The queue URL Lambda's pollers call SQS with (SQS parses AWS's own form). */
export function queueUrlOf(arn: string): string {
  return sqsQueueUrl(parseEventSource(arn, false));
}

export function mappingArn(region: string, accountId: string, uuid: string): string {
  return `arn:aws:lambda:${region}:${accountId}:event-source-mapping:${uuid}`;
}

export class EventSourceMappings {
  private readonly rows = new Map<string, MappingRow>();
  private readonly groups = new Map<string, PollerGroup>();
  /** LastProcessingResult per mapping while it has a problem (in memory: nothing is written per batch). */
  private readonly problems = new Map<string, string>();
  private readonly snapshots = new SnapshotCache();
  private readonly identities = new Map<string, { role: string; identity: CallerIdentity; at: number }>();
  /** Settles of transient states not yet done (tests and shutdown wait for them). */
  private readonly pending = new Set<Promise<void>>();
  private closed = false;
  private readonly now: () => number;
  private bound: LambdaDeps | undefined;

  constructor(private readonly opts: MappingManagerOptions) {
    this.now = opts.now ?? Date.now;
    this.bound = opts.deps;
  }

  /** The Lambda service's dependencies (store, execution roles, concurrency, SQS calls). */
  bind(deps: LambdaDeps): void {
    this.bound = deps;
  }

  private get deps(): LambdaDeps {
    if (!this.bound) throw new Error('event source mappings used before the Lambda service was created');
    return this.bound;
  }

  /** Loads every mapping, finishes transitions a crash interrupted, starts the pollers of enabled ones. */
  async start(): Promise<void> {
    for (const row of await this.deps.store.eventSourceMappings.all<MappingDoc>()) {
      this.rows.set(row.uuid, row);
      if (!isStable(row.config.State)) this.settleLater(row.uuid);
      else if (row.config.State === 'Enabled') this.startGroup(row);
    }
  }

  /** Stops every poller: in-flight batches get `graceMs` to finish; open long polls are not waited for. */
  async stop(graceMs: number): Promise<void> {
    this.closed = true;
    await Promise.all([...this.groups.values()].map((g) => g.stop({ abandon: true, graceMs })));
    this.groups.clear();
  }

  /** Resolves when every state transition begun so far has settled. */
  async settled(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  get(uuid: string): MappingRow | undefined {
    return this.rows.get(uuid);
  }

  /** The function ARN a mapping invokes (IAM's lambda:FunctionArn for Get/Update/Delete). */
  functionArnOf(uuid: string): string | undefined {
    return this.rows.get(uuid)?.functionArn;
  }

  /** A mapping of the same queue and function (AWS allows one). */
  duplicateOf(eventSourceArn: string, fnArn: string, except?: string): MappingRow | undefined {
    for (const r of this.rows.values()) {
      if (r.uuid !== except && r.eventSourceArn === eventSourceArn && r.functionArn === fnArn) return r;
    }
    return undefined;
  }

  /** The document Get/List/Create/Update/Delete answer with. */
  view(row: MappingRow): EventSourceMappingConfiguration {
    const { LastModified, Enabled: _enabled, ...rest } = row.config;
    const out: EventSourceMappingConfiguration = { ...rest, LastModified: new Date(LastModified * 1000) };
    const problem = this.problems.get(row.uuid);
    if (problem !== undefined) out.LastProcessingResult = problem;
    return out;
  }

  /** A new mapping, stored in Creating; its pollers start right after. */
  async create(row: MappingRow): Promise<MappingRow> {
    await this.deps.store.eventSourceMappings.put(row);
    this.rows.set(row.uuid, row);
    this.settleLater(row.uuid);
    return row;
  }

  /** A changed mapping in the transient state its change leads to; pollers follow right after. */
  async update(row: MappingRow): Promise<MappingRow> {
    await this.deps.store.eventSourceMappings.put(row);
    this.rows.set(row.uuid, row);
    this.settleLater(row.uuid);
    return row;
  }

  async setTags(uuid: string, tags: Record<string, string>): Promise<void> {
    const row = this.rows.get(uuid);
    if (!row) return;
    const next = { ...row, tags };
    await this.deps.store.eventSourceMappings.put(next);
    this.rows.set(uuid, next);
  }

  /** Moves a mapping out of its transient state: starts, updates or stops its pollers, stores the new state. */
  private settleLater(uuid: string): void {
    const p: Promise<void> = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.settle(uuid))
      .catch((e: unknown) => this.opts.log.warn(`event source mapping ${uuid}: ${(e as Error).message}`))
      .finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  private async settle(uuid: string): Promise<void> {
    const row = this.rows.get(uuid);
    if (!row || this.closed || isStable(row.config.State)) return;
    const next = transition(row.config.State, 'settle', row.config.Enabled);
    if (next === undefined) {
      await this.stopGroup(uuid);
      await this.deps.store.eventSourceMappings.delete(uuid);
      this.rows.delete(uuid);
      this.problems.delete(uuid);
      this.identities.delete(uuid);
      return;
    }
    if (next === 'Enabled') this.startGroup(row);
    else await this.stopGroup(uuid);
    const settled: MappingRow = { ...row, config: { ...row.config, State: next, LastModified: this.now() / 1000 } };
    // A newer change may have come in meanwhile: only the row this settle started from is replaced.
    if (this.rows.get(uuid) !== row) return;
    this.rows.set(uuid, settled);
    await this.deps.store.eventSourceMappings.put(settled);
  }

  private startGroup(row: MappingRow): void {
    if (this.closed) return;
    const settings = this.settingsOf(row);
    const existing = this.groups.get(row.uuid);
    if (existing) {
      existing.update(settings);
      return;
    }
    const group = new PollerGroup(settings, this.pollerDeps(row.uuid));
    this.groups.set(row.uuid, group);
    group.start();
  }

  /** Disabling or deleting: the mapping leaves its transient state once no poller of it is left. */
  private async stopGroup(uuid: string): Promise<void> {
    const group = this.groups.get(uuid);
    if (!group) return;
    this.groups.delete(uuid);
    await group.stop({ abandon: false, graceMs: STOP_GRACE_MS });
  }

  private settingsOf(row: MappingRow): PollerSettings {
    const c = row.config;
    const q = parseEventSource(row.eventSourceArn, false);
    return {
      uuid: row.uuid,
      queueArn: row.eventSourceArn,
      queueUrl: queueUrlOf(row.eventSourceArn),
      queueRegion: q.region,
      batchSize: c.BatchSize ?? 10,
      windowMs: (c.MaximumBatchingWindowInSeconds ?? 0) * 1000,
      reportBatchItemFailures: (c.FunctionResponseTypes ?? []).includes('ReportBatchItemFailures'),
      // Checked when stored: compiling again cannot fail.
      filter: compileFilters(c.FilterCriteria),
      maximumConcurrency: c.ScalingConfig?.MaximumConcurrency,
    };
  }

  /** The function a mapping invokes, resolved as Invoke resolves an ARN (qualifier: version or alias). */
  private target(uuid: string): ResolvedFunction | undefined {
    const row = this.rows.get(uuid);
    if (!row) return undefined;
    const ref = parseFunctionRef(row.functionArn);
    const key = { accountId: ref.accountId ?? row.accountId, region: ref.region ?? row.region, name: ref.name };
    return { key, qualifier: ref.qualifier, arn: row.functionArn };
  }

  private pollerDeps(uuid: string): PollerDeps {
    const deps = this.deps;
    return {
      sqs: () => {
        if (!deps.serviceCalls) throw new Error('SQS is not available to Lambda (serviceCalls not wired)');
        return deps.serviceCalls();
      },
      identity: () => this.identity(uuid),
      invoke: (payload) => this.invoke(uuid, payload),
      functionConcurrency: () => {
        const t = this.target(uuid);
        if (!t) return 1;
        return deps.concurrency.maxConcurrent(t.key.accountId, t.key.region, functionArn(t.key.region, t.key.accountId, t.key.name));
      },
      report: (problem) => {
        if (problem === undefined) this.problems.delete(uuid);
        else if (this.problems.get(uuid) !== problem) {
          this.problems.set(uuid, problem);
          this.opts.log.warn(`event source mapping ${uuid}: ${problem}`);
        }
      },
      now: this.now,
      log: this.opts.log,
    };
  }

  /** The execution role's session for the mapping's function, named after the function (cached per role). */
  private async identity(uuid: string): Promise<CallerIdentity> {
    const t = this.target(uuid);
    if (!t) throw new Error('The event source mapping was deleted.');
    const found = await loadQualified(this.deps.store.functions, t, { shared: true });
    if (!found) throw new Error(`Function not found: ${t.arn}`);
    const role = found.row.config.Role ?? '';
    const cached = this.identities.get(uuid);
    if (cached && cached.role === role && this.now() - cached.at < IDENTITY_REFRESH_MS) return cached.identity;
    let identity: CallerIdentity;
    try {
      identity = await this.deps.executionRoles.identityFor(role, t.key.name);
    } catch {
      throw new Error(`The function execution role ${role} cannot be assumed by Lambda.`);
    }
    this.identities.set(uuid, { role, identity, at: this.now() });
    return identity;
  }

  private async invoke(uuid: string, payload: Buffer): Promise<InvokeOutcome> {
    const t = this.target(uuid);
    if (!t) return { kind: 'unavailable', reason: 'The event source mapping was deleted.' };
    const found = await loadQualified(this.deps.store.functions, t, { route: true, shared: true });
    if (!found) return { kind: 'unavailable', reason: `Function not found: ${t.arn}` };
    const row = found.row;
    if (row.config.State !== 'Active') {
      return { kind: 'unavailable', reason: `The function ${t.arn} is in state ${row.config.State ?? 'Pending'}.` };
    }
    try {
      const result = await this.opts.engine.invoke(this.snapshots.get(row as VersionRow<FunctionConfiguration>), {
        requestId: randomUUID(),
        payload,
        invokedArn: t.arn,
        tailLogs: false,
      });
      return result.functionError ? { kind: 'function-error' } : { kind: 'ok', payload: result.payload };
    } catch (e) {
      if (e instanceof ThrottledError) return { kind: 'throttled', timeoutMs: (row.config.Timeout ?? 3) * 1000 };
      return { kind: 'unavailable', reason: (e as Error).message };
    }
  }
}
