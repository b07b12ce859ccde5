// The SQS deliveries through the real in-process path (createServiceCalls: the
// SQS model's validation, then the real PolicyAuthorizer) to a stand-in SQS
// handler: what Lambda sends satisfies the SendMessage model (message
// attributes included), the execution role's policies decide delivery, and the
// configuration-time check answers as the delivery will.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';

import { createServiceCalls } from '../../src/gateway/in-process.js';
import { AwsError } from '../../src/protocol/errors.js';
import { JsonCodec } from '../../src/protocol/json/codec.js';
import { loadModel } from '../../src/protocol/model.js';
import { PolicyAuthorizer } from '../../src/services/iam/authorizer.js';
import type { AppliedPolicy, CallerIdentity, IamDirectory } from '../../src/services/identity.js';
import { SqsTargets } from '../../src/services/lambda/sqs-delivery.js';
import type { ServiceDefinition } from '../../src/services/types.js';

const ACCOUNT = '111111111111';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/fn-role`;
const ALLOWED = `arn:aws:sqs:us-east-1:${ACCOUNT}:allowed`;
const OTHER = `arn:aws:sqs:us-east-1:${ACCOUNT}:other`;

class RolePolicies implements IamDirectory {
  private gen = 1;
  private readonly docs = new Map<string, string>();
  getRole(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  accessKey(): undefined {
    return undefined;
  }
  identityPolicies(caller: CallerIdentity): Promise<{ policies: AppliedPolicy[] }> {
    const d = this.docs.get(caller.roleArn ?? caller.arn);
    return Promise.resolve({ policies: d ? [{ source: 'role/fn-role/inline/send', document: d }] : [] });
  }
  generation(): number {
    return this.gen;
  }
  allowSend(roleArn: string, queues: string[]): void {
    this.docs.set(roleArn, JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: queues }] }));
    this.gen++;
  }
}

const executionRoles = {
  identityFor: (roleArn: string, session: string): Promise<CallerIdentity> =>
    Promise.resolve({
      kind: 'assumed-role',
      accountId: ACCOUNT,
      arn: `arn:aws:sts::${ACCOUNT}:assumed-role/fn-role/${session}`,
      userId: `AROAFNROLE:${session}`,
      accessKeyId: '',
      name: 'fn-role',
      roleArn,
      sessionName: session,
    }),
};

/** SQS as far as these calls go: the real model and codec, queue ARNs from URLs, a handler that records. */
function standInSqs(): { service: ServiceDefinition; received: Record<string, unknown>[] } {
  const received: Record<string, unknown>[] = [];
  const arnOf = (url: string): string => {
    const m = /^https?:\/\/sqs\.([a-z0-9-]+)\.amazonaws\.com\/(\d{12})\/([^/]+)$/.exec(url);
    return m ? `arn:aws:sqs:${m[1]}:${m[2]}:${m[3]}` : '*';
  };
  const service: ServiceDefinition = {
    signingName: 'sqs',
    displayName: 'SQS',
    codec: new JsonCodec(loadModel('sqs'), { queryModel: loadModel('sqs-query') }),
    handlers: {
      SendMessage(input) {
        received.push(input);
        return Promise.resolve({ MessageId: 'id', MD5OfMessageBody: 'md5' });
      },
    },
    bodyLimit: () => ({ bytes: 1 << 20, error: () => new Error('unused') }),
    ownsPath: () => false,
    access: (op, input) => [{ action: `sqs:${op}`, resource: arnOf(String(input['QueueUrl'])) }],
    accessDenied: (m) => new AwsError('AccessDenied', m, { status: 403 }),
  };
  return { service, received };
}

function setup(): { targets: SqsTargets; iam: RolePolicies; received: Record<string, unknown>[] } {
  const iam = new RolePolicies();
  const authorizer = new PolicyAuthorizer({ iam, resourcePolicies: {}, mode: 'enforce' });
  const { service, received } = standInSqs();
  const calls = createServiceCalls({ services: [service], authorizer, region: 'us-east-1', endpoint: 'http://127.0.0.1:1' });
  const targets = new SqsTargets({ executionRoles, authorizer, serviceCalls: () => calls });
  return { targets, iam, received };
}

describe('SQS deliveries through in-process calls and the real authorizer', () => {
  test('a dead letter with its attributes passes the SendMessage model and reaches SQS as the role', async () => {
    const { targets, iam, received } = setup();
    iam.allowSend(ROLE, [ALLOWED]);
    const attributes = {
      RequestID: { DataType: 'String' as const, StringValue: 'req-1' },
      ErrorCode: { DataType: 'Number' as const, StringValue: '200' },
      ErrorMessage: { DataType: 'String' as const, StringValue: 'boom' },
    };
    await targets.send(ALLOWED, ROLE, 'fn', '{"a":1}', attributes);
    assert.deepEqual(received, [{ QueueUrl: `https://sqs.us-east-1.amazonaws.com/${ACCOUNT}/allowed`, MessageBody: '{"a":1}', MessageAttributes: attributes }]);
  });

  test('IAM decides: a queue the role may not send to is refused with AWS\'s sentence, and the check says so ahead', async () => {
    const { targets, iam, received } = setup();
    iam.allowSend(ROLE, [ALLOWED]);
    await assert.rejects(targets.send(OTHER, ROLE, 'fn', '{}'), (e: AwsError) =>
      e.code === 'AccessDenied' &&
      e.message === `User: arn:aws:sts::${ACCOUNT}:assumed-role/fn-role/fn is not authorized to perform: sqs:SendMessage on resource: ${OTHER} because no identity-based policy allows the sqs:SendMessage action`);
    assert.equal(received.length, 0);
    assert.equal(await targets.problem(OTHER, ROLE, 'fn', 'us-east-1'), 'denied');
    assert.equal(await targets.problem(ALLOWED, ROLE, 'fn', 'us-east-1'), undefined);
    // Granting it changes both answers.
    iam.allowSend(ROLE, [ALLOWED, OTHER]);
    assert.equal(await targets.problem(OTHER, ROLE, 'fn', 'us-east-1'), undefined);
    await targets.send(OTHER, ROLE, 'fn', '{}');
    assert.equal(received.length, 1);
  });
});
