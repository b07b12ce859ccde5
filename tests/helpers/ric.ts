// Where the tests find AWS's own runtime interface client (aws-lambda-ric). It is not one of Lambent's dependencies:
// its native build needs autoconf, automake, libtool and cmake, which a user's machine need not have. It lives in a
// fixture with its own package.json that .ci/run installs (`npm ci --prefix tests/fixtures/ric`).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const RIC_FIXTURE = resolve(import.meta.dirname, '..', 'fixtures', 'ric');
/** The package directory: node_modules/aws-lambda-ric inside the fixture. */
export const RIC_DIR = join(RIC_FIXTURE, 'node_modules', 'aws-lambda-ric');
export const RIC_ENTRY = join(RIC_DIR, 'bin', 'index.mjs');

/** Why the aws-lambda-ric tests cannot run here, or false when they can. */
export function ricSkipReason(): string | false {
  if (!existsSync(RIC_ENTRY)) {
    return `aws-lambda-ric is not installed in ${RIC_FIXTURE} (needs autoconf automake libtool cmake; then: npm ci --prefix tests/fixtures/ric)`;
  }
  if (!existsSync(join(RIC_DIR, 'dist', 'rapid-client.node'))) {
    return `aws-lambda-ric in ${RIC_FIXTURE} has no native build (dist/rapid-client.node): install autoconf automake libtool cmake and rerun npm ci --prefix tests/fixtures/ric`;
  }
  return false;
}
