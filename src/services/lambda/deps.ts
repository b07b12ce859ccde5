// What the Lambda service needs from the rest of Lambent, wired in main.ts.
import type { ConcurrencyLimits } from '../../invocation/concurrency.js';
import type { CodeStore } from '../../store/code-store.js';
import type { FunctionKey, Store } from '../../store/types.js';
import type { Authorizer, ExecutionRoles } from '../identity.js';
import type { ServiceCalls } from '../types.js';
import type { RuntimeVersionConfig } from './api-types.js';
import type { CodeLocations } from './code-location.js';
import type { FunctionPolicies } from './function-policies.js';
import type { FunctionLifecycle } from './lifecycle.js';

export interface LambdaSettings {
  /** Account concurrency limit reported by GetAccountSettings. */
  accountConcurrency: number;
}

export interface LambdaDeps {
  store: Store;
  code: CodeStore;
  codeLocations: CodeLocations;
  lifecycle: FunctionLifecycle;
  settings: LambdaSettings;
  /** IAM/STS: whether a role may be given to a function (CreateFunction, UpdateFunctionConfiguration). */
  executionRoles: ExecutionRoles;
  /** Resource-based policies as the authorizer reads them; told of every policy write and resource deletion. */
  policies: FunctionPolicies;
  /** Reserved/provisioned concurrency as the invoke path sees it (kept in step with the store). */
  concurrency: ConcurrencyLimits;
  /** A function is gone: retire its environments, sweep unreferenced code. */
  onFunctionDeleted(key: FunctionKey): void;
  /** One published version is gone: retire its environments, sweep unreferenced code. */
  onVersionDeleted(key: FunctionKey, version: string): void;
  /** An alias was updated or deleted: provisioned concurrency follows it. */
  onAliasChanged?(key: FunctionKey, alias: string): Promise<void>;
  /** A version stopped referencing a package: sweep unreferenced code. */
  onCodeReleased(): void;
  /**
   * Other services, called in-process as a given caller (event source mapping pollers reading SQS as the
   * function's role, async destinations and dead-letter queues on SQS). A getter: the calls are built from every
   * service, Lambda included, after Lambda itself (main.ts).
   */
  serviceCalls?: () => ServiceCalls;
  /**
   * The authorizer, for what Lambda checks as a function's role without making the call: may it send to an SQS
   * destination or dead-letter queue (PutFunctionEventInvokeConfig, CreateFunction, UpdateFunctionConfiguration).
   * Absent: not checked ahead (deliveries are still authorized).
   */
  authorizer?: Pick<Authorizer, 'authorize' | 'mode'>;
  /** The real interpreter version a runtime runs on now (src/runtimes/interpreters.ts); absent: as stored. */
  runtimeVersion?(region: string, runtime: string): RuntimeVersionConfig | undefined;
}
