// One execution environment's Runtime API state: RIE's runtime state machine
// (Started → Ready → Running → InvocationResponse|InvocationErrorResponse →
// RuntimeResponseSentState → Ready …, or Started → InitError), the parked /next
// long-polls, and the single invocation slot.
import type { ServerResponse } from 'node:http';

import { RuntimeState, errorDocument } from './errors.js';
import type { RuntimeStateName } from './errors.js';
import { sendError, sendStateTransition, writeInvocation } from './render.js';
import type { InvocationOutcome, RuntimeApiEvents, RuntimeInvocation } from './types.js';

/** The invocation handed to dispatch(), from dispatch until the runtime's next /next (or abort). */
export interface Slot {
  readonly inv: RuntimeInvocation;
  readonly resolve: (o: InvocationOutcome) => void;
  readonly reject: (e: Error) => void;
  /** Served on a /next. */
  delivered: boolean;
  /** Outcome reported (or rejected). */
  settled: boolean;
}

export class RuntimeApiState {
  state: RuntimeStateName = RuntimeState.Started;
  private slot: Slot | null = null;
  private readonly waiters: ServerResponse[] = [];
  /** /next requests that arrived while a result was still being received (e.g. pipelined behind it). */
  private deferred: ServerResponse[] = [];
  private readyFired = false;
  private initFailure: InvocationOutcome | null = null;
  private closed = false;

  constructor(
    private readonly events: RuntimeApiEvents,
    readonly maxResponseBytes: number,
  ) {}

  // ---- invocation layer side -------------------------------------------------------------

  dispatch(inv: RuntimeInvocation): Promise<InvocationOutcome> {
    if (this.closed) return Promise.reject(new Error('Runtime API endpoint is closed'));
    const cur = this.slot;
    if (cur !== null && !cur.settled) {
      return Promise.reject(new Error(`Runtime API endpoint busy: invocation ${cur.inv.requestId} is still in flight`));
    }
    if (this.initFailure !== null) return Promise.resolve(this.initFailure);
    return new Promise<InvocationOutcome>((resolve, reject) => {
      const slot: Slot = { inv, resolve, reject, delivered: false, settled: false };
      this.slot = slot;
      const w = this.takeWaiter();
      if (w !== null) this.deliver(slot, w);
    });
  }

  /** Whether the runtime has received the current invocation (a /next served it). */
  get delivered(): boolean {
    return this.slot?.delivered ?? false;
  }

  abort(reason: Error): void {
    const slot = this.slot;
    if (slot === null) return;
    this.slot = null;
    if (
      slot.delivered &&
      (this.state === RuntimeState.Running ||
        this.state === RuntimeState.InvocationResponse ||
        this.state === RuntimeState.InvocationErrorResponse)
    ) {
      // The runtime may come back for more work; its next /next starts afresh.
      this.state = RuntimeState.ResponseSent;
    }
    if (!slot.settled) {
      slot.settled = true;
      slot.reject(reason);
    }
    this.flushDeferred();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.abort(new Error('Runtime API endpoint closed'));
    for (const w of this.waiters.splice(0)) w.destroy();
    for (const w of this.deferred.splice(0)) w.destroy();
  }

  // ---- runtime side (handlers) -----------------------------------------------------------

  /** GET /next. */
  next(res: ServerResponse): void {
    if (this.closed) return sendError(res, 500, 'InternalServerError', 'Internal Server Error');
    const s = this.state;
    if (s === RuntimeState.InvocationResponse || s === RuntimeState.InvocationErrorResponse) {
      // RIE would answer 403; a runtime that pipelines its next /next behind its result gets
      // it served once the result is in.
      this.deferred.push(res);
      return;
    }
    if (s === RuntimeState.InitError) return sendStateTransition(res, s, RuntimeState.Ready);
    // Asking for more work finishes the previous invocation: its id is now unknown.
    if (this.slot !== null && this.slot.settled) this.slot = null;
    if (!this.readyFired) {
      this.readyFired = true;
      this.events.ready?.();
    }
    const cur = this.slot; // re-read: ready() may have dispatched
    if (cur !== null && !cur.settled) {
      // Not yet served, or served and /next asked again without a result (RIE serves it again).
      this.deliver(cur, res);
      return;
    }
    this.state = RuntimeState.Ready;
    this.park(res);
  }

  /**
   * The current invocation's slot when a post's path names it, else null (→ 400 InvalidRequestID). As RIE's
   * AwsRequestIDValidator, the id is checked against the invocation in hand even before the runtime received it;
   * such a post then fails the state check (403: the runtime is not Running), as in RIE's security tests. Finished,
   * aborted (timed out) and never-seen ids are unknown.
   */
  slotFor(id: string): Slot | null {
    const s = this.slot;
    if (s === null) return null;
    if (s.inv.requestId === id) return s;
    if (id.includes('%')) {
      try {
        if (decodeURIComponent(id) === s.inv.requestId) return s;
      } catch {
        // malformed escape: unknown id
      }
    }
    return null;
  }

  /** Whether the slot is still the live one (not abandoned, not yet settled). */
  owns(slot: Slot): boolean {
    return this.slot === slot && !slot.settled;
  }

  settle(slot: Slot, outcome: InvocationOutcome): void {
    if (slot.settled) return;
    slot.settled = true;
    slot.resolve(outcome);
  }

  /** A post for the slot is done: RuntimeResponseSentState, report the outcome, serve waiting /next. */
  complete(slot: Slot, outcome: InvocationOutcome): void {
    this.state = RuntimeState.ResponseSent;
    this.settle(slot, outcome);
    this.flushDeferred();
  }

  /** /init/error accepted: remember the failure, tell the owner, answer a waiting dispatch. */
  initFailed(errorType: string, body: Buffer): void {
    const payload = body.length > 0 ? body : errorDocument(errorType, 'The runtime failed to initialize.');
    const outcome: InvocationOutcome = { kind: 'error', errorType, payload };
    this.initFailure = outcome;
    this.events.initError?.(errorType, body);
    const slot = this.slot;
    if (slot !== null && !slot.settled) this.settle(slot, outcome);
  }

  // ---- internals -------------------------------------------------------------------------

  private flushDeferred(): void {
    if (this.deferred.length === 0) return;
    const d = this.deferred;
    this.deferred = [];
    for (const res of d) if (alive(res)) this.next(res);
  }

  private deliver(slot: Slot, res: ServerResponse): void {
    try {
      writeInvocation(res, slot.inv);
    } catch (err) {
      // A header value HTTP cannot carry: fail this dispatch, keep the long-poll for the next.
      if (this.slot === slot) this.slot = null;
      slot.settled = true;
      this.park(res);
      slot.reject(err instanceof Error ? err : new Error(String(err)));
      return;
    }
    slot.delivered = true;
    this.state = RuntimeState.Running;
  }

  private park(res: ServerResponse): void {
    const w = this.waiters;
    // Drop long-polls whose connection went away.
    for (let i = w.length - 1; i >= 0; i--) if (!alive(w[i] as ServerResponse)) w.splice(i, 1);
    w.push(res);
  }

  private takeWaiter(): ServerResponse | null {
    const w = this.waiters;
    while (w.length > 0) {
      const res = w.shift() as ServerResponse;
      if (alive(res)) return res;
    }
    return null;
  }
}

/**
 * The long-poll's connection can still carry an answer (a pipelined response has no socket of its own yet: use the
 * request's). Not writable: the runtime half-closed it, or a parse error ended it; an invocation written there
 * would be lost.
 */
function alive(res: ServerResponse): boolean {
  const s = res.req.socket;
  return !s.destroyed && s.writable && !res.writableEnded;
}
