// The event source mapping lifecycle (services/lambda/event-source-mappings/states.ts): every transition Lambda
// reports, and the ones it refuses (ResourceInUseException while a change is in progress).
import { test } from 'node:test';
import { strict as assert } from 'node:assert';

import {
  MappingStateError,
  transition,
  updateEvent,
  type MappingEvent,
  type MappingState,
} from '../../src/services/lambda/event-source-mappings/states.js';

const ALL: MappingState[] = ['Creating', 'Enabling', 'Enabled', 'Disabling', 'Disabled', 'Updating', 'Deleting'];
const EVENTS: MappingEvent[] = ['enable', 'disable', 'update', 'delete', 'settle'];

test('a new mapping settles Enabled, or Disabled when created with Enabled: false', () => {
  assert.equal(transition('Creating', 'settle', true), 'Enabled');
  assert.equal(transition('Creating', 'settle', false), 'Disabled');
});

test('disable and enable pass through Disabling and Enabling', () => {
  assert.equal(transition('Enabled', 'disable', false), 'Disabling');
  assert.equal(transition('Disabling', 'settle', false), 'Disabled');
  assert.equal(transition('Disabled', 'enable', true), 'Enabling');
  assert.equal(transition('Enabling', 'settle', true), 'Enabled');
});

test('other updates pass through Updating and land where the Enabled flag says', () => {
  assert.equal(transition('Enabled', 'update', true), 'Updating');
  assert.equal(transition('Disabled', 'update', false), 'Updating');
  assert.equal(transition('Updating', 'settle', true), 'Enabled');
  assert.equal(transition('Updating', 'settle', false), 'Disabled');
});

test('delete passes through Deleting, whose settle removes the mapping', () => {
  assert.equal(transition('Enabled', 'delete', true), 'Deleting');
  assert.equal(transition('Disabled', 'delete', false), 'Deleting');
  assert.equal(transition('Deleting', 'settle', true), undefined);
});

test('user changes are refused in every transient state; settle is refused in stable ones', () => {
  for (const state of ALL) {
    for (const event of EVENTS) {
      const stable = state === 'Enabled' || state === 'Disabled';
      const allowed = event === 'settle' ? !stable : stable;
      if (allowed) {
        assert.doesNotThrow(() => transition(state, event, true), `${state} --${event}-->`);
      } else {
        assert.throws(
          () => transition(state, event, true),
          (e: unknown) => e instanceof MappingStateError && e.state === state && e.event === event,
          `${state} --${event}--> must be refused`,
        );
      }
    }
  }
});

test('an update request is an enable, a disable, or a plain update', () => {
  assert.equal(updateEvent(true, false), 'disable');
  assert.equal(updateEvent(false, true), 'enable');
  assert.equal(updateEvent(true, true), 'update');
  assert.equal(updateEvent(false, undefined), 'update');
});
