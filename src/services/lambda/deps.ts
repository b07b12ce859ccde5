// What the Lambda service needs from the rest of Lambent, wired in main.ts.
import type { CodeStore } from '../../store/code-store.js';
import type { FunctionKey, Store } from '../../store/types.js';
import type { CodeLocations } from './code-location.js';
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
  /** A function is gone: retire its environments, sweep unreferenced code. */
  onFunctionDeleted(key: FunctionKey): void;
  /** One published version is gone: retire its environments, sweep unreferenced code. */
  onVersionDeleted(key: FunctionKey, version: string): void;
  /** A version stopped referencing a package: sweep unreferenced code. */
  onCodeReleased(): void;
}
