// Lambda's concurrency model, as pure bookkeeping: how many on-demand
// invocations are in flight per function (unqualified ARN: every version and
// alias together) and per account+region, and whether one more may start.
//
//   reserved R on a function   → at most R − P on-demand invocations of it in flight, where P is the
//                                provisioned concurrency of all its versions/aliases (provisioned
//                                environments serve their own invocations; R = 0 stops everything)
//   no reservation             → the function shares the account's unreserved pool:
//                                accountLimit − Σ reserved − Σ provisioned of unreserved functions
//
// Invocations served by a provisioned environment are not admitted here: those environments were
// paid for out of the function's (or the account's) concurrency when they were configured.
// Everything is in memory and O(1) per invocation (two Map lookups and counters); the services
// layer keeps reservations and provisioned totals in step with the store.

export type ThrottleReason = 'ReservedFunctionConcurrentInvocationLimitExceeded' | 'ConcurrentInvocationLimitExceeded';

/** An invocation was refused for lack of concurrency (or host capacity); services answer TooManyRequestsException. */
export class ThrottledError extends Error {
  constructor(readonly reason: ThrottleReason) {
    super(`invocation throttled: ${reason}`);
    this.name = 'ThrottledError';
  }
}

/** AWS keeps at least this much concurrency unreserved (an account whose quota is lower keeps all of it). */
export const MIN_UNRESERVED = 100;

interface AccountState {
  reservedSum: number;
  /** Provisioned concurrency of functions without a reservation: it comes out of the unreserved pool. */
  provisionedUnreserved: number;
  /** On-demand invocations of unreserved functions in flight. */
  unreservedInFlight: number;
}

interface FunctionState {
  account: AccountState;
  reserved: number | undefined;
  /** Σ provisioned concurrency over the function's versions and aliases. */
  provisioned: number;
  /** On-demand invocations in flight. */
  inFlight: number;
}

/** Result of checking a reservation change before it is stored. */
export type ReservedCheck =
  | { ok: true }
  | { ok: false; kind: 'below-provisioned'; provisioned: number }
  | { ok: false; kind: 'below-minimum'; minimum: number };

/** Result of checking a provisioned-concurrency change before it is stored. */
export type ProvisionedCheck =
  | { ok: true }
  | { ok: false; kind: 'above-reserved' }
  | { ok: false; kind: 'above-unreserved'; unreserved: number }
  | { ok: false; kind: 'below-minimum'; minimum: number };

export class ConcurrencyLimits {
  private readonly accounts = new Map<string, AccountState>();
  private readonly functions = new Map<string, FunctionState>();
  /** Invocations refused so far (Lambda's Throttles metric, summed), for /health. */
  throttles = 0;
  /** On-demand invocations in flight over every function, for /health. */
  private running = 0;

  constructor(readonly accountLimit: number) {}

  /** The least the unreserved pool may shrink to. */
  get minimumUnreserved(): number {
    return Math.min(MIN_UNRESERVED, this.accountLimit);
  }

  /**
   * Admits one on-demand invocation of a function (unqualified ARN) or throws ThrottledError.
   * The returned function releases the slot; calling it more than once is harmless.
   */
  acquire(accountId: string, region: string, functionArn: string): () => void {
    const fn = this.fn(accountId, region, functionArn);
    if (fn.reserved !== undefined) {
      if (fn.inFlight >= fn.reserved - fn.provisioned) {
        this.throttles++;
        throw new ThrottledError('ReservedFunctionConcurrentInvocationLimitExceeded');
      }
    } else if (fn.account.unreservedInFlight >= this.unreservedOf(fn.account)) {
      this.throttles++;
      throw new ThrottledError('ConcurrentInvocationLimitExceeded');
    }
    fn.inFlight++;
    this.running++;
    if (fn.reserved === undefined) fn.account.unreservedInFlight++;
    let held = true;
    return () => {
      if (!held) return;
      held = false;
      fn.inFlight--;
      this.running--;
      // The pool the function is in now: setReserved moves in-flight counts along with it.
      if (fn.reserved === undefined) fn.account.unreservedInFlight--;
    };
  }

  /** On-demand invocations of a function in flight now. */
  inFlight(functionArn: string): number {
    return this.functions.get(functionArn)?.inFlight ?? 0;
  }

  /** On-demand invocations in flight over all functions. */
  get inFlightTotal(): number {
    return this.running;
  }

  reserved(functionArn: string): number | undefined {
    return this.functions.get(functionArn)?.reserved;
  }

  /**
   * The most invocations of a function that can run at once now, provisioned ones included: its
   * reservation, or the unreserved pool plus its own provisioned concurrency (which left the pool).
   */
  maxConcurrent(accountId: string, region: string, functionArn: string): number {
    const fn = this.functions.get(functionArn);
    if (fn?.reserved !== undefined) return fn.reserved;
    return this.unreservedOf(fn?.account ?? this.account(accountId, region)) + (fn?.provisioned ?? 0);
  }

  /** UnreservedConcurrentExecutions of GetAccountSettings. */
  unreserved(accountId: string, region: string): number {
    return this.unreservedOf(this.account(accountId, region));
  }

  /** Whether PutFunctionConcurrency may set `reserved` (AWS's rules, in AWS's order). */
  checkReserved(accountId: string, region: string, functionArn: string, reserved: number): ReservedCheck {
    const fn = this.fn(accountId, region, functionArn);
    if (reserved < fn.provisioned) return { ok: false, kind: 'below-provisioned', provisioned: fn.provisioned };
    const acct = fn.account;
    // The pool after the change: this function's old share (reservation, or provisioned taken from the
    // pool) comes back, the new reservation goes out.
    const freed = fn.reserved !== undefined ? fn.reserved : fn.provisioned;
    const after = this.unreservedOf(acct) + freed - reserved;
    if (after < this.minimumUnreserved) return { ok: false, kind: 'below-minimum', minimum: this.minimumUnreserved };
    return { ok: true };
  }

  /** Whether the function's provisioned concurrency (all versions and aliases) may become `total`. */
  checkProvisioned(accountId: string, region: string, functionArn: string, total: number): ProvisionedCheck {
    const fn = this.fn(accountId, region, functionArn);
    if (fn.reserved !== undefined) return total > fn.reserved ? { ok: false, kind: 'above-reserved' } : { ok: true };
    const pool = this.unreservedOf(fn.account) + fn.provisioned;
    if (total > pool) return { ok: false, kind: 'above-unreserved', unreserved: pool };
    if (pool - total < this.minimumUnreserved) return { ok: false, kind: 'below-minimum', minimum: this.minimumUnreserved };
    return { ok: true };
  }

  /** Sets (number) or removes (undefined) a function's reservation. */
  setReserved(accountId: string, region: string, functionArn: string, reserved: number | undefined): void {
    const fn = this.fn(accountId, region, functionArn);
    const acct = fn.account;
    if (fn.reserved !== undefined) acct.reservedSum -= fn.reserved;
    else acct.provisionedUnreserved -= fn.provisioned;
    // In-flight invocations move between the pools with the function, so releases stay balanced.
    if (fn.reserved === undefined && reserved !== undefined) acct.unreservedInFlight -= fn.inFlight;
    if (fn.reserved !== undefined && reserved === undefined) acct.unreservedInFlight += fn.inFlight;
    fn.reserved = reserved;
    if (reserved !== undefined) acct.reservedSum += reserved;
    else acct.provisionedUnreserved += fn.provisioned;
  }

  /** Sets the function's provisioned concurrency, summed over its versions and aliases. */
  setProvisioned(accountId: string, region: string, functionArn: string, total: number): void {
    const fn = this.fn(accountId, region, functionArn);
    if (fn.reserved === undefined) fn.account.provisionedUnreserved += total - fn.provisioned;
    fn.provisioned = total;
  }

  /** A deleted function gives its reservation and provisioned concurrency back. */
  forget(accountId: string, region: string, functionArn: string): void {
    const fn = this.functions.get(functionArn);
    if (!fn) return;
    this.setReserved(accountId, region, functionArn, undefined);
    this.setProvisioned(accountId, region, functionArn, 0);
    // Invocations still running keep their counters (and closures); the state is dropped once idle.
    if (fn.inFlight === 0) this.functions.delete(functionArn);
  }

  private unreservedOf(acct: AccountState): number {
    return this.accountLimit - acct.reservedSum - acct.provisionedUnreserved;
  }

  private account(accountId: string, region: string): AccountState {
    const id = `${accountId}:${region}`;
    let acct = this.accounts.get(id);
    if (!acct) {
      acct = { reservedSum: 0, provisionedUnreserved: 0, unreservedInFlight: 0 };
      this.accounts.set(id, acct);
    }
    return acct;
  }

  private fn(accountId: string, region: string, functionArn: string): FunctionState {
    let fn = this.functions.get(functionArn);
    if (!fn) {
      fn = { account: this.account(accountId, region), reserved: undefined, provisioned: 0, inFlight: 0 };
      this.functions.set(functionArn, fn);
    }
    return fn;
  }
}
