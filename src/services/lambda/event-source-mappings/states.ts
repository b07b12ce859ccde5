// The lifecycle of an event source mapping, as Lambda reports it in `State`:
//
//   (new) ──create──▶ Creating ──settle──▶ Enabled | Disabled (Enabled: false at create)
//   Enabled  ──disable──▶ Disabling ──settle──▶ Disabled
//   Disabled ──enable───▶ Enabling  ──settle──▶ Enabled
//   Enabled | Disabled ──update──▶ Updating ──settle──▶ Enabled | Disabled (the Enabled flag decides)
//   Enabled | Disabled ──delete──▶ Deleting ──settle──▶ (gone)
//
// The transient states (Creating, Enabling, Disabling, Updating, Deleting) last until the manager has started or
// stopped the mapping's pollers; AWS refuses updates and deletes meanwhile (ResourceInUseException: "you tried to
// update an event source mapping in the CREATING state, or you tried to delete an event source mapping currently
// UPDATING").

export type MappingState = 'Creating' | 'Enabling' | 'Enabled' | 'Disabling' | 'Disabled' | 'Updating' | 'Deleting';

/** What moves a mapping: a user's API call, or the manager finishing the work the transient state stands for. */
export type MappingEvent = 'enable' | 'disable' | 'update' | 'delete' | 'settle';

const STABLE: ReadonlySet<MappingState> = new Set(['Enabled', 'Disabled']);

/** The refusal of a transition: the state it was tried in. */
export class MappingStateError extends Error {
  constructor(
    readonly state: MappingState,
    readonly event: MappingEvent,
  ) {
    super(`event source mapping in state ${state} cannot ${event}`);
  }
}

export function isStable(state: MappingState): boolean {
  return STABLE.has(state);
}

/**
 * The state after `event`. `enabled` is the mapping's Enabled flag after the event (where an update or a settle
 * lands). Settling Deleting yields undefined: the mapping is gone. Throws MappingStateError for a transition the
 * lifecycle does not have.
 */
export function transition(state: MappingState, event: MappingEvent, enabled: boolean): MappingState | undefined {
  switch (event) {
    case 'enable':
      // Enabling an enabled mapping changes nothing but still goes through Updating on AWS.
      if (state === 'Disabled') return 'Enabling';
      if (state === 'Enabled') return 'Updating';
      break;
    case 'disable':
      if (state === 'Enabled') return 'Disabling';
      if (state === 'Disabled') return 'Updating';
      break;
    case 'update':
      if (isStable(state)) return 'Updating';
      break;
    case 'delete':
      if (isStable(state)) return 'Deleting';
      break;
    case 'settle':
      switch (state) {
        case 'Creating':
        case 'Updating':
          return enabled ? 'Enabled' : 'Disabled';
        case 'Enabling':
          return 'Enabled';
        case 'Disabling':
          return 'Disabled';
        case 'Deleting':
          return undefined;
        default:
          break;
      }
      break;
  }
  throw new MappingStateError(state, event);
}

/** The event an UpdateEventSourceMapping request is: a change of Enabled, or any other change. */
export function updateEvent(wasEnabled: boolean, enabled: boolean | undefined): MappingEvent {
  if (enabled === undefined || enabled === wasEnabled) return 'update';
  return enabled ? 'enable' : 'disable';
}
