// What a qualifier names: nothing or "$LATEST" (the mutable version), a
// published version number, or an alias (its version, or per invocation the
// version its weighted routing picks).
import type { AliasRow, FunctionStore, VersionRow } from '../../store/types.js';
import type { AliasConfiguration, FunctionConfiguration } from './api-types.js';
import { LambdaErrors } from './errors.js';
import type { ResolvedFunction } from './function-ref.js';

export const LATEST = '$LATEST';

// The model's Alias pattern: letters, digits, - and _, but not all digits (that is a version).
const ALIAS_NAME = /^(?!^[0-9]+$)[a-zA-Z0-9-_]+$/;
const VERSION_NUMBER = /^[0-9]+$/;

export function isAliasName(qualifier: string): boolean {
  return ALIAS_NAME.test(qualifier);
}

export function isVersionNumber(qualifier: string): boolean {
  return VERSION_NUMBER.test(qualifier);
}

/** Pagination marker of lists ordered by qualifier (event invoke configs, provisioned concurrency). */
export function encodeQualifierMarker(qualifier: string): string {
  return Buffer.from(qualifier, 'utf8').toString('base64url');
}

export function decodeQualifierMarker(marker: string): string {
  const q = Buffer.from(marker, 'base64url').toString('utf8');
  if (!/^[a-zA-Z0-9-_$]{1,128}$/.test(q)) throw LambdaErrors.invalidParameter(`Invalid marker: ${marker}`);
  return q;
}

export interface QualifiedVersion {
  row: VersionRow<FunctionConfiguration>;
  /** Set when the qualifier was an alias. */
  alias?: AliasRow<AliasConfiguration>;
}

/**
 * Loads the version a resolved identifier selects; undefined when the function, version or alias
 * does not exist. With `route`, an alias with a routing configuration picks its version by weight
 * (one draw of `random` per call, as Lambda does per invocation); without, its primary version.
 * With `shared`, the version row is the store's shared, frozen copy (the invoke path, which only reads it).
 */
export async function loadQualified(
  store: FunctionStore,
  target: ResolvedFunction,
  opts: { route?: boolean; random?: () => number; shared?: boolean } = {},
): Promise<QualifiedVersion | undefined> {
  const qualifier = target.qualifier ?? LATEST;
  const get = (version: string): Promise<VersionRow<FunctionConfiguration> | undefined> =>
    opts.shared ? store.getVersionShared<FunctionConfiguration>(target.key, version) : store.getVersion<FunctionConfiguration>(target.key, version);
  if (qualifier === LATEST || isVersionNumber(qualifier)) {
    const row = await get(qualifier);
    return row ? { row } : undefined;
  }
  if (!isAliasName(qualifier)) return undefined;
  const alias = await store.getAlias<AliasConfiguration>(target.key, qualifier);
  if (!alias) return undefined;
  const version = opts.route ? routedVersion(alias, opts.random ?? Math.random) : alias.functionVersion;
  const row = await get(version);
  return row ? { row, alias } : undefined;
}

/** The version one invocation through an alias runs: the additional version with probability = its weight. */
export function routedVersion(alias: AliasRow<AliasConfiguration>, random: () => number): string {
  const entry = Object.entries(alias.config.RoutingConfig?.AdditionalVersionWeights ?? {})[0];
  if (!entry) return alias.functionVersion;
  const [version, weight] = entry;
  return random() < weight ? version : alias.functionVersion;
}
