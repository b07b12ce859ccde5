// Session tokens: what they carry comes back intact, and every way of presenting a token that was not issued for
// this key id by this server key, or that is past its expiry, is refused with the right reason.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { accountOfTemporaryKey, isTemporaryKeyId, SessionTokens, type SessionClaims } from '../../src/services/sts/session-tokens.js';

const KEY = randomBytes(32);
const T0 = Date.UTC(2026, 11, 7, 20, 0, 0);

function clock(start = T0): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

const roleClaims: Omit<SessionClaims, 'accessKeyId' | 'issuedAt'> = {
  accountId: '123456789012',
  principal: {
    kind: 'assumed-role',
    roleArn: 'arn:aws:iam::123456789012:role/service/deployer',
    roleId: 'AROAEXAMPLE1234567890',
    roleName: 'deployer',
    sessionName: 'ci@build-42',
  },
  expiresAt: T0 + 900_000,
  sessionTags: { team: 'payments', 'cost-center': '7' },
  sessionPolicy: '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}',
  sourceIdentity: 'alice',
};

describe('session tokens', () => {
  test('issue → verify returns every claim; the key id says the account; the secret is derived from the key id', () => {
    const c = clock();
    const tokens = new SessionTokens(KEY, c.now);
    const issued = tokens.issue(roleClaims);
    assert.match(issued.accessKeyId, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(isTemporaryKeyId(issued.accessKeyId), true);
    assert.equal(accountOfTemporaryKey(issued.accessKeyId), '123456789012');
    assert.equal(issued.secretAccessKey.length, 40);
    assert.equal(issued.secretAccessKey, tokens.secretFor(issued.accessKeyId));
    assert.equal(issued.expiresAt, T0 + 900_000);

    const verdict = tokens.verify(issued.accessKeyId, issued.sessionToken);
    assert.ok(verdict.ok);
    assert.deepEqual(verdict.claims, { ...roleClaims, accessKeyId: issued.accessKeyId, issuedAt: T0 });
  });

  test('the token is opaque: neither the session policy nor the tags can be read from it', () => {
    const issued = new SessionTokens(KEY).issue({ ...roleClaims, expiresAt: Date.now() + 60_000 });
    const raw = Buffer.from(issued.sessionToken, 'base64').toString('latin1');
    for (const secret of ['s3:GetObject', 'payments', 'deployer', 'alice', '123456789012']) assert.ok(!raw.includes(secret), secret);
  });

  test('tokens survive a restart: a new instance with the same server key verifies them', () => {
    const c = clock();
    const issued = new SessionTokens(Buffer.from(KEY), c.now).issue(roleClaims);
    const again = new SessionTokens(Buffer.from(KEY), c.now);
    assert.ok(again.verify(issued.accessKeyId, issued.sessionToken).ok);
    assert.equal(again.secretFor(issued.accessKeyId), issued.secretAccessKey);
  });

  test('every key id is new, with distinct secrets', () => {
    const tokens = new SessionTokens(KEY);
    const ids = new Set<string>();
    const secrets = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const issued = tokens.issue({ ...roleClaims, expiresAt: Date.now() + 60_000 });
      ids.add(issued.accessKeyId);
      secrets.add(issued.secretAccessKey);
    }
    assert.equal(ids.size, 200);
    assert.equal(secrets.size, 200);
  });

  test('expired at its expiry time, not before (injectable clock)', () => {
    const c = clock();
    const tokens = new SessionTokens(KEY, c.now);
    const issued = tokens.issue(roleClaims);
    c.advance(899_999);
    assert.ok(tokens.verify(issued.accessKeyId, issued.sessionToken).ok);
    c.advance(1);
    assert.deepEqual(tokens.verify(issued.accessKeyId, issued.sessionToken), { ok: false, reason: 'expired' });
  });

  test('a token presented with another key id is invalid, even another genuine one', () => {
    const tokens = new SessionTokens(KEY, clock().now);
    const a = tokens.issue(roleClaims);
    const b = tokens.issue(roleClaims);
    assert.deepEqual(tokens.verify(b.accessKeyId, a.sessionToken), { ok: false, reason: 'invalid' });
  });

  test('a token sealed under another server key is invalid', () => {
    const c = clock();
    const other = new SessionTokens(randomBytes(32), c.now).issue(roleClaims);
    assert.deepEqual(new SessionTokens(KEY, c.now).verify(other.accessKeyId, other.sessionToken), { ok: false, reason: 'invalid' });
  });

  test('every single flipped bit, truncation, extension and garbage is invalid', () => {
    const tokens = new SessionTokens(KEY, clock().now);
    const issued = tokens.issue(roleClaims);
    const raw = Buffer.from(issued.sessionToken, 'base64');
    for (let i = 0; i < raw.length; i++) {
      for (const bit of [0x01, 0x80]) {
        const bad = Buffer.from(raw);
        bad[i] = (bad[i] as number) ^ bit;
        assert.deepEqual(tokens.verify(issued.accessKeyId, bad.toString('base64')), { ok: false, reason: 'invalid' }, `byte ${i}`);
      }
    }
    for (const len of [0, 1, 16, 33, raw.length - 1]) {
      assert.equal(tokens.verify(issued.accessKeyId, raw.subarray(0, len).toString('base64')).ok, false, `truncated to ${len}`);
    }
    assert.equal(tokens.verify(issued.accessKeyId, Buffer.concat([raw, Buffer.from([0])]).toString('base64')).ok, false);
    for (const junk of ['', 'not base64!', 'A'.repeat(100_000), `${issued.sessionToken}\n`, issued.sessionToken.replace(/=+$/, '') + '===']) {
      assert.equal(tokens.verify(issued.accessKeyId, junk).ok, false, junk.slice(0, 20));
    }
  });

  test('the account in a key id cannot be edited without the secret changing', () => {
    const tokens = new SessionTokens(KEY, clock().now);
    const issued = tokens.issue(roleClaims);
    const other = `ASIAA${issued.accessKeyId.slice(5)}`;
    assert.notEqual(accountOfTemporaryKey(other), undefined);
    if (other !== issued.accessKeyId) {
      assert.notEqual(tokens.secretFor(other), issued.secretAccessKey);
      assert.equal(tokens.verify(other, issued.sessionToken).ok, false);
    }
  });

  test('key id shapes: only ASIA + 16 base-32 characters are temporary', () => {
    for (const id of ['AKIAIOSFODNN7EXAMPLE', 'ASIA123', 'asiaAAAAAAAAAAAAAAAA', 'ASIAAAAAAAAAAAAAAAAA1', 'ASIA0AAAAAAAAAAAAAAA', 'test']) {
      assert.equal(isTemporaryKeyId(id), false, id);
      assert.equal(accountOfTemporaryKey(id), undefined, id);
    }
    assert.equal(accountOfTemporaryKey('ASIAAAAAAAAAAAAAAAAA'), '000000000000');
    // 40 bits hold more than 12 digits: values beyond 999999999999 are no account.
    assert.equal(accountOfTemporaryKey('ASIA77777777AAAAAAAA'), undefined);
  });

  test('a short server key is refused', () => {
    assert.throws(() => new SessionTokens(randomBytes(16)), /32 bytes/);
  });
});
