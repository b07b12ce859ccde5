// SigV4 signing of Invoke requests for the bench clients, with the dev credentials Lambent accepts on loopback.
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

const signers = new Map<string, SignatureV4>();

export interface SigningCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Temporary credentials (an assumed role): sent as X-Amz-Security-Token, which the signature covers. */
  sessionToken?: string;
}
const DEV_CREDENTIALS: SigningCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/**
 * Signs a POST of `body` to `path` as the AWS SDK would and returns the headers to send (with content-length).
 * `headers` are signed too (e.g. x-amz-log-type, x-amz-invocation-type).
 */
export async function signedInvokeHeaders(
  host: string,
  port: number,
  path: string,
  body: string,
  headers: Record<string, string> = {},
  region = 'us-east-1',
  credentials: SigningCredentials = DEV_CREDENTIALS,
): Promise<Record<string, string>> {
  const key = `${region}/${credentials.accessKeyId}`;
  let signer = signers.get(key);
  if (!signer) {
    signer = new SignatureV4({ service: 'lambda', region, credentials, sha256: Sha256 });
    signers.set(key, signer);
  }
  const signed = await signer.sign({
    method: 'POST',
    protocol: 'http:',
    hostname: host,
    port,
    path,
    query: {},
    headers: { host: `${host}:${port}`, 'content-type': 'application/json', ...headers },
    body,
  });
  return { ...signed.headers, 'content-length': String(Buffer.byteLength(body)) };
}
