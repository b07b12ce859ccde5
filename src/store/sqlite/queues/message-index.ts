// One queue's messages in memory: only what deciding who gets which message needs (ids, times, receive count,
// group), never bodies, which stay in SQLite and are read by the receive that returns them. Everything a receive,
// delete or visibility change decides is decided here, synchronously, so concurrent calls never pick the same
// message; the caller then writes the decision through to SQLite.
//
//   byId      every live message, in insertion (= id) order
//   timed     delayed and in-flight messages by the time they become visible (delay end, lease deadline)
//   visible   standard queues: visible messages, oldest first
//   groups    FIFO queues: each group's messages in send order; a group is `ready` (receivable) when none of its
//             messages is in flight and its oldest live message is visible; ready groups by that message's id
//
// Counts per state are kept as the states change (every change goes through `setState`), so they are O(1).
import { IndexedHeap, MinHeap, type HeapItem } from './indexed-heap.js';
import { MessageState, isLive, transition } from './message-states.js';

const S = MessageState;

export interface IndexedMessage extends HeapItem {
  /** Row id in SQLite; also orders messages (ids only grow). */
  readonly id: number;
  state: MessageState;
  /** Delayed: when the delay ends. In flight: the lease's deadline. Visible: not used. */
  visibleAt: number;
  receiveCount: number;
  /** 0 until the first receive. */
  firstReceivedAt: number;
  readonly sentAt: number;
  readonly group: FifoGroup | undefined;
}

export interface FifoGroup extends HeapItem {
  readonly id: string;
  /** Messages of the group by id; those before `head` and any not live are gone (removed lazily). */
  messages: IndexedMessage[];
  head: number;
  inFlight: number;
}

/** What one receive decided, message by message, in the order it met them. */
export interface ReceiveDecision {
  leased: IndexedMessage[];
  expired: IndexedMessage[];
  deadLettered: IndexedMessage[];
}

export interface ReceiveRules {
  now: number;
  /** Deadline of the new leases. */
  deadline: number;
  /** Messages sent at or before this are expired (retention). */
  expiredAtOrBefore: number;
  /** Messages already received this many times go to the dead-letter queue instead (undefined: no redrive). */
  maxReceiveCount: number | undefined;
}

const byTime = (a: IndexedMessage, b: IndexedMessage): boolean =>
  a.visibleAt < b.visibleAt || (a.visibleAt === b.visibleAt && a.id < b.id);
const byId = (a: IndexedMessage, b: IndexedMessage): boolean => a.id < b.id;
const byHead = (a: FifoGroup, b: FifoGroup): boolean => headOf(a).id < headOf(b).id;

function headOf(g: FifoGroup): IndexedMessage {
  return g.messages[g.head] as IndexedMessage;
}

/** Compacting a group's array once this many removed entries lead it keeps removal O(1) amortized. */
const COMPACT_AFTER = 1024;

export class MessageIndex {
  readonly byId = new Map<number, IndexedMessage>();
  private readonly timed = new IndexedHeap<IndexedMessage>(byTime);
  private readonly visibleHeap = new IndexedHeap<IndexedMessage>(byId);
  private readonly groups = new Map<string, FifoGroup>();
  private readonly ready = new IndexedHeap<FifoGroup>(byHead);
  /**
   * Messages that arrived with a send time older than one already here (standard DLQs keep the original), by send
   * time; retention walks `byId` (send order) for the others. Entries that left the queue are skipped lazily.
   */
  private readonly stragglers = new MinHeap<IndexedMessage>((a, b) => a.sentAt < b.sentAt);
  /**
   * The other messages in send order (= send time order). Removed ones are skipped from the front and dropped by
   * compaction once they are the majority, so the array never holds much more than the live messages.
   */
  private inOrder: IndexedMessage[] = [];
  private inOrderHead = 0;
  private inOrderLive = 0;
  private readonly isStraggler = new WeakSet<IndexedMessage>();
  private latestSentAt = 0;
  /** The group a FIFO receive is walking (not refreshed until the walk ends). */
  private holding: FifoGroup | undefined;
  visible = 0;
  inFlight = 0;
  delayed = 0;

  constructor(readonly fifo: boolean) {}

  get size(): number {
    return this.byId.size;
  }

  /** When the next delayed or leased message becomes visible (undefined: none waiting). */
  nextDueAt(): number | undefined {
    return this.timed.peek()?.visibleAt;
  }

  /**
   * Adds a message (a send, a move in, or a row loaded at start). Its state follows from its times: a future
   * `visibleAt` is a delay when it was never received, a lease otherwise.
   */
  add(
    id: number,
    sentAt: number,
    visibleAt: number,
    receiveCount: number,
    firstReceivedAt: number,
    groupId: string | undefined,
    now: number,
  ): IndexedMessage {
    const group = this.fifo ? this.groupFor(groupId ?? '') : undefined;
    const state = visibleAt > now ? (receiveCount > 0 ? S.InFlight : S.Delayed) : S.Visible;
    const m: IndexedMessage = { id, state, visibleAt, receiveCount, firstReceivedAt, sentAt, group, heapPos: -1 };
    this.byId.set(id, m);
    if (sentAt < this.latestSentAt) {
      this.stragglers.push(m);
      this.isStraggler.add(m);
    } else {
      this.latestSentAt = sentAt;
      this.inOrder.push(m);
      this.inOrderLive++;
    }
    this.count(state, 1);
    if (state === S.Visible) {
      if (!this.fifo) this.visibleHeap.push(m);
    } else {
      this.timed.push(m);
    }
    if (group) {
      const list = group.messages;
      const last = list[list.length - 1];
      if (last === undefined || last.id < id) list.push(m);
      else list.splice(this.insertionPoint(group, id), 0, m);
      if (state === S.InFlight) group.inFlight++;
      this.refreshGroup(group);
    }
    return m;
  }

  /** Makes every delayed or leased message whose time has come visible; returns how many became visible. */
  advance(now: number): number {
    let n = 0;
    for (let m = this.timed.peek(); m !== undefined && m.visibleAt <= now; m = this.timed.peek()) {
      this.timed.remove(m);
      this.becomeVisible(m);
      n++;
    }
    return n;
  }

  /**
   * Picks up to `max` messages for one receive: leases them, or on the way expires those past retention and sets
   * aside for the dead-letter queue those received maxReceiveCount times. FIFO: oldest ready group first, as many
   * of its messages in order as are visible, then the next group.
   */
  receive(max: number, rules: ReceiveRules): ReceiveDecision {
    const out: ReceiveDecision = { leased: [], expired: [], deadLettered: [] };
    if (this.fifo) {
      while (out.leased.length < max) {
        const g = this.ready.peek();
        if (g === undefined) break;
        this.ready.remove(g);
        // The group's array must not be compacted under this loop: its refresh waits until the loop is done.
        this.holding = g;
        for (let i = g.head; out.leased.length < max && i < g.messages.length; i++) {
          const m = g.messages[i] as IndexedMessage;
          if (!isLive(m.state)) continue;
          if (m.state !== S.Visible) break;
          this.decide(m, rules, out);
        }
        this.holding = undefined;
        this.refreshGroup(g);
      }
    } else {
      while (out.leased.length < max) {
        const m = this.visibleHeap.peek();
        if (m === undefined) break;
        this.decide(m, rules, out);
      }
    }
    return out;
  }

  /**
   * The oldest visible messages, without changing anything (message move tasks), at most `max`, skipping those
   * `skip` rejects.
   */
  oldestVisible(max: number, skip: (m: IndexedMessage) => boolean): IndexedMessage[] {
    const out: IndexedMessage[] = [];
    if (max <= 0) return out;
    for (const m of this.byId.values()) {
      if (m.state === S.Visible && !skip(m)) {
        out.push(m);
        if (out.length >= max) break;
      }
    }
    return out;
  }

  /** Leases a visible message (or renews an in-flight one's lease) until `deadline`. */
  lease(m: IndexedMessage, deadline: number, now: number): void {
    if (m.state === S.Visible) {
      this.setState(m, S.InFlight);
      if (!this.fifo) this.visibleHeap.remove(m);
      if (m.group) m.group.inFlight++;
    } else {
      this.setState(m, S.InFlight);
    }
    m.receiveCount++;
    if (m.firstReceivedAt === 0) m.firstReceivedAt = now;
    m.visibleAt = deadline;
    this.timed.update(m);
    if (m.group) this.refreshGroup(m.group);
  }

  /** ChangeMessageVisibility of an in-flight message: a new deadline, or visible now when it is not in the future. */
  changeVisibility(m: IndexedMessage, deadline: number, now: number): void {
    if (deadline <= now) {
      this.timed.remove(m);
      this.becomeVisible(m);
      return;
    }
    this.setState(m, S.InFlight);
    m.visibleAt = deadline;
    this.timed.update(m);
  }

  /** Takes a live message out of the queue, ending in `to` (deleted, dead-lettered, moved, expired, purged). */
  remove(m: IndexedMessage, to: MessageState): void {
    const from = m.state;
    this.setState(m, to);
    this.byId.delete(m.id);
    if (!this.isStraggler.has(m)) this.inOrderRemoved();
    if (from === S.Visible) {
      if (!this.fifo) this.visibleHeap.remove(m);
    } else {
      this.timed.remove(m);
    }
    const g = m.group;
    if (g) {
      if (from === S.InFlight) g.inFlight--;
      this.refreshGroup(g);
    }
  }

  /** Up to `limit` live messages sent at or before `cutoff` (retention sweep); does not remove them. */
  expiredBy(cutoff: number, limit: number): IndexedMessage[] {
    const out: IndexedMessage[] = [];
    for (let m = this.stragglers.peek(); m !== undefined && out.length < limit; m = this.stragglers.peek()) {
      if (isLive(m.state)) {
        if (m.sentAt > cutoff) break;
        out.push(m);
      }
      this.stragglers.pop();
    }
    const list = this.inOrder;
    for (let i = this.inOrderHead; i < list.length && out.length < limit; i++) {
      const m = list[i] as IndexedMessage;
      if (!isLive(m.state)) {
        if (i === this.inOrderHead) this.inOrderHead++;
        continue;
      }
      if (m.sentAt > cutoff) break;
      out.push(m);
    }
    return out;
  }

  private inOrderRemoved(): void {
    this.inOrderLive--;
    const dead = this.inOrder.length - this.inOrderHead - this.inOrderLive;
    if (dead >= COMPACT_AFTER && dead > this.inOrderLive) {
      this.inOrder = this.inOrder.filter((x, i) => i >= this.inOrderHead && isLive(x.state));
      this.inOrderHead = 0;
    }
  }

  /** Every live message ends purged (PurgeQueue, DeleteQueue) at once; returns the largest id removed. */
  purgeAll(upToId: number): IndexedMessage[] {
    const gone: IndexedMessage[] = [];
    for (const m of this.byId.values()) if (m.id <= upToId) gone.push(m);
    if (gone.length === this.byId.size) {
      // Everything goes: drop the structures wholesale instead of one heap removal per message.
      for (const m of gone) {
        this.count(m.state, -1);
        m.state = transition(m.state, S.Purged);
        m.heapPos = -1;
      }
      this.byId.clear();
      this.timed.clear();
      this.visibleHeap.clear();
      this.ready.clear();
      this.groups.clear();
      this.stragglers.clear();
      this.inOrder = [];
      this.inOrderHead = 0;
      this.inOrderLive = 0;
    } else {
      for (const m of gone) this.remove(m, S.Purged);
    }
    return gone;
  }

  private decide(m: IndexedMessage, rules: ReceiveRules, out: ReceiveDecision): void {
    if (m.sentAt <= rules.expiredAtOrBefore) {
      this.remove(m, S.Expired);
      out.expired.push(m);
    } else if (rules.maxReceiveCount !== undefined && m.receiveCount >= rules.maxReceiveCount) {
      this.remove(m, S.DeadLettered);
      out.deadLettered.push(m);
    } else {
      this.lease(m, rules.deadline, rules.now);
      out.leased.push(m);
    }
  }

  private becomeVisible(m: IndexedMessage): void {
    const wasInFlight = m.state === S.InFlight;
    this.setState(m, S.Visible);
    if (this.fifo) {
      const g = m.group as FifoGroup;
      if (wasInFlight) g.inFlight--;
      this.refreshGroup(g);
    } else {
      this.visibleHeap.push(m);
    }
  }

  private setState(m: IndexedMessage, to: MessageState): void {
    const from = m.state;
    m.state = transition(from, to);
    this.count(from, -1);
    this.count(to, 1);
  }

  private count(state: MessageState, by: number): void {
    if (state === S.Visible) this.visible += by;
    else if (state === S.InFlight) this.inFlight += by;
    else if (state === S.Delayed) this.delayed += by;
  }

  private groupFor(id: string): FifoGroup {
    let g = this.groups.get(id);
    if (!g) {
      g = { id, messages: [], head: 0, inFlight: 0, heapPos: -1 };
      this.groups.set(id, g);
    }
    return g;
  }

  private insertionPoint(g: FifoGroup, id: number): number {
    let lo = g.head;
    let hi = g.messages.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((g.messages[mid] as IndexedMessage).id < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops removed messages from the group's front and puts the group in or out of the ready heap. */
  private refreshGroup(g: FifoGroup): void {
    if (g === this.holding) return;
    const list = g.messages;
    while (g.head < list.length && !isLive((list[g.head] as IndexedMessage).state)) g.head++;
    if (g.head >= list.length) {
      this.ready.remove(g);
      this.groups.delete(g.id);
      g.messages = [];
      g.head = 0;
      return;
    }
    if (g.head >= COMPACT_AFTER && g.head * 2 >= list.length) {
      this.ready.remove(g);
      g.messages = list.slice(g.head);
      g.head = 0;
    }
    if (g.inFlight === 0 && headOf(g).state === S.Visible) this.ready.update(g);
    else this.ready.remove(g);
  }
}
