export interface SandboxSpec {
  id: string;                         // unique env id; names the cgroup (lambent/<id>) and temp dirs
  argv: string[];                     // command as seen inside the sandbox, e.g. ['/usr/bin/node', '/var/runtime/bootstrap.mjs']
  env: Record<string, string>;        // the complete environment; nothing of the parent leaks in
  taskDir: string;                    // host dir → /var/task (read-only)
  runtimeDir: string;                 // host dir → /var/runtime (read-only)
  optDir?: string;                    // host dir → /opt (read-only), layers later
  extraReadOnly?: { host: string; inside: string }[]; // e.g. an interpreter prefix outside /usr
  tmpSizeMb: number;                  // /tmp size (EphemeralStorage.Size, 512–10240)
  memoryMb: number;                   // memory cap (MemorySize); CPU in proportion: 1769 MB = 1 vCPU (cfs quota), min share for 128 MB
  pidsMax?: number;                   // default 1024 (AWS: 1024 processes/threads)
  /** No CPU cap until limitCpu() is called, as Lambda boosts CPU during the init phase. */
  cpuBoost?: boolean;
  /** Give the process a stdin pipe (SandboxProcess.stdin); otherwise stdin is /dev/null. */
  stdinPipe?: boolean;
  /**
   * Start with an empty /var/task and attach the code later with SandboxProcess.attachCode (pre-started stem cells).
   * taskDir is then ignored. Only when Sandbox.lateCode is true.
   */
  lateCode?: boolean;
  /**
   * An exec stem (pre-started sandbox for any command): the sandbox is set up for argv (argv[0]'s host dir is bound
   * as for a normal start), but the process is a waiter that prints STEM_READY and, given {"argv","env"} and "go" on
   * stdin, enters /var/task and execve()s that argv with exactly that env (exec-stem.ts). Needs lateCode and
   * stdinPipe; only when Sandbox.execStems() is true. `env` is ignored (the waiter needs none).
   */
  execStem?: boolean;
  /**
   * Called, before the sandbox's command runs, with a listener on 127.0.0.1:9001 *inside* the sandbox's own network
   * namespace (Sandbox.report.network === 'namespace'): the Runtime API is served on it. Not called otherwise.
   */
  runtimeApi?: (listener: import('node:net').Server) => void;
}
export interface SandboxExit { code: number | null; signal: NodeJS.Signals | null; oomKilled: boolean }
export interface SandboxProcess {
  readonly pid: number;
  readonly stdout: import('node:stream').Readable;
  readonly stderr: import('node:stream').Readable;
  readonly exited: Promise<SandboxExit>;
  /** The stdin pipe when the spec asked for one. */
  readonly stdin: import('node:stream').Writable | null;
  /** Milliseconds spent in launch(): creating the cgroup, and spawning until the process existed. */
  readonly timings: { cgroupMs: number; spawnMs: number };
  /**
   * Settles when the sandbox's outbound network is ready (user-mode networking starts alongside the runtime, off the
   * cold start's path; invocations wait for it); rejects when it could not be set up. Resolved when there is none.
   */
  readonly network: Promise<void>;
  /**
   * Makes codeDir appear read-only at /var/task of a sandbox launched with lateCode (a bind mount propagated into
   * it). Unsandboxed, nothing is mounted: the runtime is pointed at codeDir itself.
   */
  attachCode(codeDir: string): Promise<void>;
  /** Re-sizes the memory cap and the CPU share that follows from it (specializing a stem cell to a function). */
  setMemoryLimit(memoryMb: number): void;
  /** Kills the whole process tree (every pid in the cgroup, or the process group when there is no cgroup), then removes the cgroup and private temp dirs. Idempotent. */
  destroy(): Promise<void>;
  freeze(): Promise<void>;  // cgroup freezer (v1 freezer.state / v2 cgroup.freeze); SIGSTOP to the tree as fallback
  thaw(): Promise<void>;
  /** Peak memory since the last reset, bytes (v1 memory.max_usage_in_bytes, v2 memory.peak) or undefined. */
  memoryPeakBytes(): number | undefined;
  resetMemoryPeak(): void;
  /** Applies the proportional CPU cap (ends a cpuBoost init phase); a no-op without a cpu cgroup. */
  limitCpu(): void;
}
export interface IsolationReport {
  sandbox: 'bubblewrap' | 'none';
  namespaces: boolean; cgroups: 'v1' | 'v2' | 'none';
  /**
   * 'namespace': every sandbox has a network namespace of its own (its Runtime API at 127.0.0.1:9001 inside);
   * 'host': sandboxes share the host's network (Runtime API on a host loopback port; see warnings).
   */
  network: 'namespace' | 'host';
  /** How sandboxes with their own namespace reach outside networks ('none': loopback only). */
  outbound: 'internet' | 'none';
  controllers: { memory: boolean; cpu: boolean; pids: boolean; freezer: boolean };
  /** Where environments' cgroups are made and why Lambent may use it (e.g. "delegated subtree /sys/fs/cgroup/memory/lambent-alice"). */
  cgroupSource?: string;
  /** Whether pre-started sandboxes (the stem-cell pool) can be used; the reason is in `missing` when not. */
  pool?: boolean;
  /** Each capability functions do not get, what that changes for them, and the command that fixes it. */
  missing?: MissingCapability[];
  warnings: string[];   // human sentences: what is missing and why (e.g. "bubblewrap not found: apt-get install -y bubblewrap")
}
export interface MissingCapability {
  /** Short name: "memory limit", "pre-warmed pool"... */
  capability: string;
  /** What it means for functions, e.g. "functions can use more than their MemorySize". */
  effect: string;
  /** Why it is missing here. */
  reason: string;
  /** The one command that fixes it, when there is one. */
  fix?: string;
}
export interface Sandbox {
  readonly report: IsolationReport;
  launch(spec: SandboxSpec): Promise<SandboxProcess>;
  /** Whether launch() supports SandboxSpec.lateCode here (sandboxed: python3 and nsenter, and root or user namespaces). */
  lateCode(): Promise<boolean>;
  /** Whether launch() supports SandboxSpec.execStem here (late code attachment in a bubblewrap sandbox). */
  execStems(): Promise<boolean>;
  /** Stops helpers (the mount helper, unmounting what it mounted); environments must be destroyed first. */
  close?(): Promise<void>;
}
