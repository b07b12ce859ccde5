// Stand-ins for the identity pipeline's parts where IAM is not wired (tests, and
// main.ts until services/iam and services/sts exist): every verified key acts
// as its account's root, and nothing is refused. Each is an explicit choice of
// the caller; the gateway has no default that silently allows everything.
import type { Credential, CredentialStore } from '../protocol/sigv4.js';
import type { Authorizer, CallerIdentity, IdentityProvider } from '../services/identity.js';

/** The account root behind a long-term key (arn:aws:iam::ACCOUNT:root). */
export function rootCaller(credential: Credential): CallerIdentity {
  return {
    kind: 'root',
    accountId: credential.accountId,
    arn: `arn:aws:iam::${credential.accountId}:root`,
    userId: credential.accountId,
    accessKeyId: credential.accessKeyId,
  };
}

/** Every key of `store` is its account's root; security tokens are ignored (long-term keys, as on AWS). */
export function rootIdentities(store: CredentialStore): IdentityProvider {
  const callers = new WeakMap<Credential, CallerIdentity>();
  return {
    lookup: (accessKeyId) => store.lookup(accessKeyId),
    identify(credential) {
      // One frozen caller per credential: the warm path allocates nothing here.
      let caller = callers.get(credential);
      if (!caller) {
        caller = Object.freeze(rootCaller(credential));
        callers.set(credential, caller);
      }
      return caller;
    },
  };
}

/** Allows every request (IAM not wired). */
export const ALLOW_ALL: Authorizer = Object.freeze({ mode: 'enforce' as const, authorize: () => undefined });
