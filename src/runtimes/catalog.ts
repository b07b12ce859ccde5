// The runtimes Lambent runs, and AWS's lists of runtimes it refuses for new
// functions. The bootstrap files themselves live in runtimes/<family>/ at the
// package root and are mounted read-only at /var/runtime.

export type RuntimeFamily = 'nodejs' | 'python' | 'provided';

export interface RuntimeInfo {
  id: string;
  family: RuntimeFamily;
}

const SUPPORTED: readonly RuntimeInfo[] = [
  ...['nodejs18.x', 'nodejs20.x', 'nodejs22.x', 'nodejs24.x'].map((id) => ({ id, family: 'nodejs' as const })),
  ...['python3.9', 'python3.10', 'python3.11', 'python3.12', 'python3.13', 'python3.14'].map((id) => ({
    id,
    family: 'python' as const,
  })),
  ...['provided', 'provided.al2', 'provided.al2023'].map((id) => ({ id, family: 'provided' as const })),
];

/** Runtimes AWS no longer accepts for creating or updating functions. */
const DEPRECATED = new Set([
  'nodejs', 'nodejs4.3', 'nodejs4.3-edge', 'nodejs6.10', 'nodejs8.10', 'nodejs10.x', 'nodejs12.x', 'nodejs14.x',
  'python2.7', 'python2.7-greengrass', 'python3.6', 'python3.7', 'ruby2.5', 'ruby2.7', 'java8', 'go1.x',
  'dotnetcore1.0', 'dotnetcore2.0', 'dotnetcore2.1', 'dotnetcore3.1', 'dotnet5.0',
]);

const byId = new Map(SUPPORTED.map((r) => [r.id, r]));

export function runtimeInfo(id: string): RuntimeInfo | undefined {
  return byId.get(id);
}

export function isDeprecatedRuntime(id: string): boolean {
  return DEPRECATED.has(id);
}

export function supportedRuntimeIds(): string[] {
  return SUPPORTED.map((r) => r.id);
}
