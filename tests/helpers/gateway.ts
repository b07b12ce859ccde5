// A real gateway on a loopback port, for tests that drive it with real clients but stand in their own services.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGateway, type Gateway, type GatewayOptions } from '../../src/gateway/server.js';
import type { Credential } from '../../src/protocol/sigv4.js';
import type { Authorizer, IdentityProvider } from '../../src/services/identity.js';
import { Identities, SessionTokens } from '../../src/services/sts/index.js';

/** Allows every request: for tests about the wire, not about IAM. */
export const ALLOW_ALL: Authorizer = Object.freeze({ mode: 'enforce' as const, authorize: () => undefined });

/** Lambent's own identity provider with only these account root keys (no IAM users; a fresh session key). */
export function rootKeyIdentities(keys: readonly Credential[]): IdentityProvider {
  return new Identities({ rootKeys: keys, tokens: new SessionTokens(randomBytes(32)) });
}

export interface ServedGateway {
  gateway: Gateway;
  endpoint: string;
  close(): Promise<void>;
}

export async function serveGateway(opts: GatewayOptions): Promise<ServedGateway> {
  const gateway = createGateway(opts);
  const server = createServer(gateway);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    gateway,
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    async close() {
      gateway.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
