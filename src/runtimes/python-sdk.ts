// Which boto3/botocore python functions import: the host python3's (Lambent runs Python runtimes on it, and the
// sandbox sees /usr). AWS's Python runtimes bundle boto3; here it comes from the host's packages (Debian/Ubuntu:
// python3-boto3). botocore before 1.31.57 ignores AWS_ENDPOINT_URL, so runtimes/python/lambent_endpoints.py supplies
// it for those releases.
import { spawnSync } from 'node:child_process';

/** The first botocore that reads AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_<SERVICE> itself. */
export const BOTOCORE_NATIVE_ENDPOINTS = '1.31.57';

export const BOTO3_FIX = 'apt-get install python3-boto3 (Debian/Ubuntu), or bundle boto3 with the function';

export interface PythonSdk {
  boto3: string;
  botocore: string;
  /** True when Lambent's bootstrap supplies the endpoint variables (botocore older than 1.31.57). */
  endpointHook: boolean;
}

/** Versions of boto3/botocore python3 imports, or why it cannot (the fix is BOTO3_FIX). Runs python3 once (~0.3 s). */
export function detectPythonSdk(python: string): PythonSdk | { missing: string } {
  const r = spawnSync(python, ['-c', 'import boto3, botocore; print(boto3.__version__, botocore.__version__)'], {
    encoding: 'utf8',
    timeout: 10_000,
  });
  const [boto3, botocore] = (r.status === 0 ? r.stdout.trim() : '').split(/\s+/);
  if (!boto3 || !botocore) return { missing: `python functions cannot import boto3: ${BOTO3_FIX}` };
  return { boto3, botocore, endpointHook: compareVersions(botocore, BOTOCORE_NATIVE_ENDPOINTS) < 0 };
}

export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map((x) => parseInt(x, 10) || 0);
  const pb = b.split('.').map((x) => parseInt(x, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
