// Aliases: CreateAlias, GetAlias, UpdateAlias, DeleteAlias, ListAliases. An
// alias names one version and may route a share of invocations (weight 0.0–1.0)
// to one additional version; the checks and messages are AWS's.
import type { AliasRow, FunctionKey } from '../../store/types.js';
import type { RequestContext } from '../types.js';
import type {
  AliasConfiguration,
  AliasRoutingConfiguration,
  CreateAliasRequest,
  DeleteAliasRequest,
  GetAliasRequest,
  ListAliasesRequest,
  ListAliasesResponse,
  UpdateAliasRequest,
} from './api-types.js';
import type { LambdaDeps } from './deps.js';
import { LambdaErrors } from './errors.js';
import { newRevisionId } from './function-config.js';
import { functionArn, resolveFunction } from './function-ref.js';
import { LATEST } from './qualifiers.js';

const LIST_DEFAULT_MAX = 50;
const UPDATE_ATTEMPTS = 5;

/** A validated routing configuration: at most one additional version and its weight. */
interface Routing {
  version: string;
  weight: number;
}

export class AliasesApi {
  constructor(private readonly deps: LambdaDeps) {}

  async create(req: CreateAliasRequest, ctx: RequestContext): Promise<AliasConfiguration> {
    const key = this.functionKey(req.FunctionName, ctx);
    const routing = checkRouting(req.FunctionVersion, req.RoutingConfig);
    await this.requireVersions(key, req.FunctionVersion, routing);
    const config = aliasConfiguration(key, req.Name, req.FunctionVersion, req.Description ?? '', routing);
    const row = aliasRow(key, req.Name, config, routing);
    const result = await this.deps.store.functions.createAlias(row);
    if (result === 'exists') throw LambdaErrors.aliasExists(config.AliasArn ?? '');
    if (result !== 'ok') {
      // A version was deleted between the check and the write: report it as the check would.
      await this.requireVersions(key, req.FunctionVersion, routing);
      throw LambdaErrors.updateInProgress(config.AliasArn ?? '');
    }
    return config;
  }

  async get(req: GetAliasRequest, ctx: RequestContext): Promise<AliasConfiguration> {
    const key = this.functionKey(req.FunctionName, ctx);
    const row = await this.deps.store.functions.getAlias<AliasConfiguration>(key, req.Name);
    if (!row) throw LambdaErrors.aliasNotFound(aliasArn(key, req.Name));
    return row.config;
  }

  async update(req: UpdateAliasRequest, ctx: RequestContext): Promise<AliasConfiguration> {
    const key = this.functionKey(req.FunctionName, ctx);
    const arn = aliasArn(key, req.Name);
    for (let attempt = 1; ; attempt++) {
      const current = await this.deps.store.functions.getAlias<AliasConfiguration>(key, req.Name);
      if (!current) throw LambdaErrors.aliasNotFoundForUpdate(arn);
      if (req.RevisionId !== undefined && req.RevisionId !== current.revisionId) throw LambdaErrors.revisionMismatch();
      const version = req.FunctionVersion ?? current.functionVersion;
      // Members left out keep their value; an empty AdditionalVersionWeights removes the routing.
      const routing = checkRouting(version, req.RoutingConfig ?? current.config.RoutingConfig);
      await this.requireVersions(key, version, routing);
      const description = req.Description ?? current.config.Description ?? '';
      const config = aliasConfiguration(key, req.Name, version, description, routing);
      const result = await this.deps.store.functions.updateAlias(aliasRow(key, req.Name, config, routing), current.revisionId);
      if (result === 'ok') {
        // Provisioned concurrency configured on the alias moves with it.
        if (version !== current.functionVersion) await this.deps.onAliasChanged?.(key, req.Name);
        return config;
      }
      if (result === 'missing-version') await this.requireVersions(key, version, routing);
      if (attempt >= UPDATE_ATTEMPTS) throw LambdaErrors.updateInProgress(arn);
      // The alias changed meanwhile: look again (a RevisionId precondition then fails).
    }
  }

  async delete(req: DeleteAliasRequest, ctx: RequestContext): Promise<undefined> {
    const key = this.functionKey(req.FunctionName, ctx);
    if (!(await this.deps.store.functions.get(key))) throw LambdaErrors.functionNotFound(functionArn(key.region, key.accountId, key.name));
    // Deleting an alias that does not exist succeeds, as on AWS.
    if (await this.deps.store.functions.deleteAlias(key, req.Name)) {
      // Its resource policy went with it (store trigger).
      this.deps.policies.changed();
      await this.deps.onAliasChanged?.(key, req.Name);
    }
    return undefined;
  }

  async list(req: ListAliasesRequest, ctx: RequestContext): Promise<ListAliasesResponse> {
    const key = this.functionKey(req.FunctionName, ctx);
    if (!(await this.deps.store.functions.get(key))) throw LambdaErrors.functionNotFound(functionArn(key.region, key.accountId, key.name));
    const max = req.MaxItems ?? LIST_DEFAULT_MAX;
    const after = req.Marker !== undefined ? decodeAliasMarker(req.Marker) : undefined;
    const rows = await this.deps.store.functions.listAliases<AliasConfiguration>(key, {
      limit: max + 1,
      ...(after !== undefined ? { after } : {}),
      ...(req.FunctionVersion !== undefined ? { functionVersion: req.FunctionVersion } : {}),
    });
    const page = rows.slice(0, max);
    const out: ListAliasesResponse = { Aliases: page.map((r) => r.config) };
    const last = page[page.length - 1];
    if (rows.length > max && last) out.NextMarker = encodeAliasMarker(last.alias);
    return out;
  }

  /** The function an alias operation addresses (a qualifier in the name is not the alias; it is ignored). */
  private functionKey(functionName: string, ctx: RequestContext): FunctionKey {
    return resolveFunction(functionName, ctx).key;
  }

  /** Both versions an alias names must exist: "Function not found: <version ARN>" otherwise. */
  private async requireVersions(key: FunctionKey, version: string, routing: Routing | undefined): Promise<void> {
    for (const v of routing ? [version, routing.version] : [version]) {
      if (!(await this.deps.store.functions.getVersion(key, v))) {
        throw LambdaErrors.functionNotFound(functionArn(key.region, key.accountId, key.name, v));
      }
    }
  }
}

/** AWS's routing rules beyond the model: one additional version, not $LATEST-based, not the primary. */
function checkRouting(version: string, routingConfig: AliasRoutingConfiguration | undefined): Routing | undefined {
  const entries = Object.entries(routingConfig?.AdditionalVersionWeights ?? {});
  if (entries.length > 1) {
    throw LambdaErrors.invalidParameter('Number of items in AdditionalVersionWeights cannot be greater than 1');
  }
  const entry = entries[0];
  if (!entry) return undefined;
  if (version === LATEST) {
    throw LambdaErrors.invalidParameter('$LATEST is not supported for an alias pointing to more than 1 version');
  }
  const [additional, weight] = entry;
  if (additional === version) {
    throw LambdaErrors.invalidParameter(
      `Invalid function version ${additional}. Function version ${additional} is already included in routing configuration.`,
    );
  }
  return { version: additional, weight };
}

function aliasArn(key: FunctionKey, name: string): string {
  return functionArn(key.region, key.accountId, key.name, name);
}

function aliasConfiguration(
  key: FunctionKey,
  name: string,
  version: string,
  description: string,
  routing: Routing | undefined,
): AliasConfiguration {
  const config: AliasConfiguration = {
    AliasArn: aliasArn(key, name),
    Name: name,
    FunctionVersion: version,
    Description: description,
    RevisionId: newRevisionId(),
  };
  if (routing) config.RoutingConfig = { AdditionalVersionWeights: { [routing.version]: routing.weight } };
  return config;
}

function aliasRow(
  key: FunctionKey,
  name: string,
  config: AliasConfiguration,
  routing: Routing | undefined,
): AliasRow<AliasConfiguration> {
  const row: AliasRow<AliasConfiguration> = {
    accountId: key.accountId,
    region: key.region,
    name: key.name,
    alias: name,
    functionVersion: config.FunctionVersion ?? LATEST,
    config,
    revisionId: config.RevisionId ?? '',
  };
  if (routing) row.routingVersion = routing.version;
  return row;
}

function encodeAliasMarker(alias: string): string {
  return Buffer.from(alias, 'utf8').toString('base64url');
}

function decodeAliasMarker(marker: string): string {
  const alias = Buffer.from(marker, 'base64url').toString('utf8');
  if (!/^[a-zA-Z0-9-_]{1,128}$/.test(alias)) throw LambdaErrors.invalidParameter(`Invalid marker: ${marker}`);
  return alias;
}
