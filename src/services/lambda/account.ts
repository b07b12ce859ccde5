// GetAccountSettings: AWS's default quotas and this account's usage.
import type { RequestContext } from '../types.js';
import type { GetAccountSettingsResponse } from './api-types.js';
import type { LambdaDeps } from './deps.js';
import { LIMITS } from './function-config.js';

const TOTAL_CODE_SIZE = 80530636800; // 75 GB, AWS's default code storage quota

export class AccountApi {
  constructor(private readonly deps: LambdaDeps) {}

  async settings(_req: unknown, ctx: RequestContext): Promise<GetAccountSettingsResponse> {
    const usage = await this.deps.store.functions.usage(ctx.accountId, ctx.region);
    const concurrency = this.deps.settings.accountConcurrency;
    return {
      AccountLimit: {
        TotalCodeSize: TOTAL_CODE_SIZE,
        CodeSizeUnzipped: LIMITS.unzippedBytes,
        CodeSizeZipped: LIMITS.zippedBytes,
        ConcurrentExecutions: concurrency,
        UnreservedConcurrentExecutions: this.deps.concurrency.unreserved(ctx.accountId, ctx.region),
      },
      AccountUsage: { TotalCodeSize: usage.totalCodeSize, FunctionCount: usage.functionCount },
    };
  }
}
