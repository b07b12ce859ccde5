// In-process service calls (ServiceCalls): the same checks a client's request
// gets, without HTTP: unknown service/operation, not implemented, model
// validation, authorization (enforce refuses, audit proceeds), the context.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { createServiceCalls } from '../../src/gateway/in-process.js';
import { AwsError } from '../../src/protocol/errors.js';
import { loadModel } from '../../src/protocol/model.js';
import { QueryCodec } from '../../src/protocol/query/codec.js';
import type { Authorizer, CallerIdentity, Denial, RequestFacts } from '../../src/services/identity.js';
import type { RequestContext, ServiceDefinition } from '../../src/services/types.js';

const caller: CallerIdentity = {
  kind: 'assumed-role',
  accountId: '111122223333',
  arn: 'arn:aws:sts::111122223333:assumed-role/fn-role/my-fn',
  userId: 'AROAEXAMPLE:my-fn',
  accessKeyId: 'ASIAEXAMPLE',
};

function setup(mode: 'enforce' | 'audit', async = false) {
  const calls: { input: Record<string, unknown>; ctx: RequestContext }[] = [];
  const facts: RequestFacts[] = [];
  const denials: Denial[] = [];
  const service: ServiceDefinition = {
    signingName: 'iam',
    displayName: 'IAM',
    codec: new QueryCodec(loadModel('iam')),
    handlers: {
      async GetRole(input, ctx) {
        calls.push({ input, ctx });
        return { Role: { RoleName: input['RoleName'] } };
      },
    },
    bodyLimit: () => ({ bytes: 1, error: () => new Error('unused') }),
    ownsPath: () => false,
    access: (op, input) => [{ action: `iam:${op}`, resource: `arn:aws:iam::111122223333:role/${String(input['RoleName'])}` }],
    accessDenied: (m) => new AwsError('AccessDenied', m, { status: 403 }),
  };
  const authorizer: Authorizer = {
    mode,
    authorize(_c, requests, f) {
      facts.push(f);
      const r = requests[0];
      const d: Denial | undefined =
        r && r.resource.endsWith('/secret')
          ? { action: r.action, resource: r.resource, policyType: 'identity-based', explicit: true, message: `denied ${r.action}` }
          : undefined;
      return async ? Promise.resolve(d) : d;
    },
  };
  const services = createServiceCalls({
    services: [service],
    authorizer,
    onDenial: (d) => denials.push(d),
    clock: () => 1234,
    region: 'eu-west-1',
    endpoint: 'http://127.0.0.1:9000',
  });
  return { services, calls, facts, denials };
}

async function rejection(p: Promise<unknown>): Promise<AwsError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AwsError) return e;
    throw e;
  }
  assert.fail('expected an AwsError');
}

describe('in-process calls', () => {
  test('a call reaches the handler with the caller, region and facts', async () => {
    const { services, calls, facts } = setup('enforce');
    const out = await services.call('iam', 'GetRole', { RoleName: 'worker' }, caller, { sourceArn: 'arn:aws:lambda:eu-west-1:111122223333:function:f' });
    assert.deepEqual(out, { Role: { RoleName: 'worker' } });
    assert.equal(calls[0]?.ctx.caller, caller);
    assert.equal(calls[0]?.ctx.accountId, '111122223333');
    assert.equal(calls[0]?.ctx.region, 'eu-west-1');
    assert.equal(facts[0]?.now, 1234);
    assert.equal(facts[0]?.sourceArn, 'arn:aws:lambda:eu-west-1:111122223333:function:f');
  });

  test('input is validated against the model', async () => {
    const { services, calls } = setup('enforce');
    const e = await rejection(services.call('iam', 'GetRole', {}, caller));
    assert.equal(e.code, 'ValidationException');
    assert.equal(e.message, "1 validation error detected: Value null at 'roleName' failed to satisfy constraint: Member must not be null");
    assert.equal(calls.length, 0);
  });

  for (const async of [false, true]) {
    test(`enforce mode refuses with the service's error (${async ? 'async' : 'sync'} authorizer); audit proceeds`, async () => {
      const enforce = setup('enforce', async);
      const e = await rejection(enforce.services.call('iam', 'GetRole', { RoleName: 'secret' }, caller));
      assert.equal(e.code, 'AccessDenied');
      assert.equal(e.message, 'denied iam:GetRole');
      assert.equal(enforce.calls.length, 0);
      assert.equal(enforce.denials.length, 1);
      const audit = setup('audit', async);
      await audit.services.call('iam', 'GetRole', { RoleName: 'secret' }, caller);
      assert.equal(audit.calls.length, 1);
      assert.equal(audit.denials.length, 1);
    });
  }

  test('unknown services, unknown and unimplemented operations', async () => {
    const { services } = setup('enforce');
    const s = await rejection(services.call('dynamodb', 'ListTables', {}, caller));
    assert.equal(s.message, "Service 'dynamodb' is not available in Lambent.");
    assert.equal((await rejection(services.call('iam', 'toString', {}, caller))).code, 'UnknownOperationException');
    assert.equal((await rejection(services.call('iam', 'ListRoles', {}, caller))).code, 'NotImplementedException');
  });
});
