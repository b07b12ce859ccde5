// The life of one queued message as a named-state machine. Every change of state goes through `transition`,
// which refuses the moves SQS never makes (a delayed message cannot be leased, a deleted one cannot come back), so
// a bug in the index shows up as a thrown error instead of a message delivered twice or counted wrong.
//
//   delayed ──► visible ◄──► in-flight
//      │          │  │           │
//      └──────────┴──┴───────────┴──► deleted | dead-lettered | moved | expired | purged   (terminal)
//
// States are small integers: the index holds one per message and compares them on every receive.

export const MessageState = {
  /** Sent with a delay that has not ended; never received. */
  Delayed: 0,
  /** Can be received. */
  Visible: 1,
  /** Leased by a receive until its visibility deadline. */
  InFlight: 2,
  /** Deleted by a receipt handle. */
  Deleted: 3,
  /** Moved to the redrive target by a receive that found receiveCount ≥ maxReceiveCount. */
  DeadLettered: 4,
  /** Moved by a message move task (StartMessageMoveTask) to another queue. */
  Moved: 5,
  /** Older than the queue's retention period. */
  Expired: 6,
  /** Removed by PurgeQueue or with its queue (DeleteQueue). */
  Purged: 7,
} as const;
export type MessageState = (typeof MessageState)[keyof typeof MessageState];

export const STATE_NAMES: Record<MessageState, string> = {
  0: 'delayed',
  1: 'visible',
  2: 'in-flight',
  3: 'deleted',
  4: 'dead-lettered',
  5: 'moved',
  6: 'expired',
  7: 'purged',
};

const S = MessageState;

/** Allowed moves, by state of origin. In-flight → in-flight is a new lease or a visibility change. */
const ALLOWED: Record<MessageState, readonly MessageState[]> = {
  [S.Delayed]: [S.Visible, S.Expired, S.Purged],
  // Visible → deleted: the current handle still deletes a message whose lease ran out (nobody received it since).
  [S.Visible]: [S.InFlight, S.Deleted, S.DeadLettered, S.Moved, S.Expired, S.Purged],
  [S.InFlight]: [S.InFlight, S.Visible, S.Deleted, S.Expired, S.Purged],
  [S.Deleted]: [],
  [S.DeadLettered]: [],
  [S.Moved]: [],
  [S.Expired]: [],
  [S.Purged]: [],
};

const TABLE: boolean[][] = Object.values(S).map((from) =>
  Object.values(S).map((to) => ALLOWED[from].includes(to)),
);

export class ForbiddenTransitionError extends Error {
  constructor(
    readonly from: MessageState,
    readonly to: MessageState,
  ) {
    super(`queue message cannot go from ${STATE_NAMES[from]} to ${STATE_NAMES[to]}`);
  }
}

export function canTransition(from: MessageState, to: MessageState): boolean {
  return TABLE[from]?.[to] === true;
}

/** Returns `to` when the move is allowed; throws ForbiddenTransitionError otherwise. */
export function transition(from: MessageState, to: MessageState): MessageState {
  if (TABLE[from]?.[to] !== true) throw new ForbiddenTransitionError(from, to);
  return to;
}

/** A message still in its queue (not in a terminal state). */
export function isLive(state: MessageState): boolean {
  return state <= S.InFlight;
}
