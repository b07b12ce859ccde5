// Function state machine: Pending → Active after creation (of the function or
// of a version published with it), InProgress → Successful after an update,
// once the code is unpacked and ready to run.
// Runs after the API has answered, and again at start-up for anything a crash
// interrupted, so a function never stays half-ready.
import type { CodeCache } from '../../invocation/code-cache.js';
import { scrubHostPaths } from '../../util/host-paths.js';
import type { FunctionKey, FunctionStore } from '../../store/types.js';
import type { FunctionConfiguration } from './api-types.js';
import { markFailed, markReady, needsPreparation } from './function-config.js';

export interface LifecycleLogger {
  warn(msg: string): void;
}

/** Runtimes that may need installing before they run the version they name (src/runtimes/interpreters.ts). */
export interface RuntimeReadiness {
  /** Resolves when the runtime is ready or after a bounded wait (it then falls back); never rejects. */
  ready(runtime: string): Promise<void>;
}

export class FunctionLifecycle {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly functions: FunctionStore,
    private readonly codeCache: CodeCache,
    private readonly log: LifecycleLogger,
    private readonly runtimes?: RuntimeReadiness,
  ) {}

  /** Prepares a version ($LATEST unless the key names one) in the background. */
  schedule(key: FunctionKey & { version?: string }): void {
    const version = key.version ?? '$LATEST';
    const id = `${key.accountId}/${key.region}/${key.name}/${version}`;
    const prev = this.running.get(id) ?? Promise.resolve();
    const fn: FunctionKey = { accountId: key.accountId, region: key.region, name: key.name };
    const next = prev
      .then(() => this.prepare(fn, version))
      .catch((e: unknown) => this.log.warn(`preparing ${key.name}:${version} failed: ${(e as Error).message}`))
      .finally(() => {
        if (this.running.get(id) === next) this.running.delete(id);
      });
    this.running.set(id, next);
  }

  /** Resumes preparation interrupted by a crash or restart. */
  async recover(): Promise<number> {
    const rows = await this.functions.allVersions<FunctionConfiguration>();
    let n = 0;
    for (const row of rows) {
      if (needsPreparation(row.config)) {
        this.schedule(row);
        n++;
      }
    }
    return n;
  }

  /** Waits until every scheduled preparation has finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running.values()]);
  }

  private async prepare(key: FunctionKey, version: string): Promise<void> {
    for (;;) {
      const row = await this.functions.getVersion<FunctionConfiguration>(key, version);
      if (!row || !needsPreparation(row.config)) return;
      let next: FunctionConfiguration;
      try {
        await this.codeCache.ensure(row.codeSha256);
        if (row.config.Runtime) await this.runtimes?.ready(row.config.Runtime);
        next = markReady(row.config);
      } catch (e) {
        // The reason is shown to callers (StateReason / LastUpdateStatusReason): host paths stay in Lambent's log.
        const detail = (e as Error).message;
        this.log.warn(`preparing ${key.name}:${version} failed: ${detail}`);
        next = markFailed(row.config, `Lambent could not unpack the deployment package: ${scrubHostPaths(detail)}`);
      }
      const ok = await this.functions.replaceVersion({ ...row, config: next, revisionId: next.RevisionId ?? '' }, row.revisionId);
      if (ok) return;
      // The row moved on while we worked (another update): look again.
    }
  }
}
