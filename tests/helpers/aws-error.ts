// For unit tests of codecs and handlers that throw synchronously.
import { strict as assert } from 'node:assert';
import { AwsError } from '../../src/protocol/errors.js';

/** The AwsError `fn` throws; fails the test when it returns or throws anything else. */
export function thrown(fn: () => unknown): AwsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  assert.fail('expected an AwsError');
}
