// The awsQuery codec on real models (iam, sts, sqs-query, cloudwatch-query):
// routing by Action/Version, member decoding by the model's serialization
// traits, validation wording, XML outputs and the ErrorResponse document.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { loadModel, Model, type ServiceModel } from '../../src/protocol/model.js';
import { QueryCodec } from '../../src/protocol/query/codec.js';
import type { HttpRequestParts } from '../../src/protocol/codec.js';
import { AwsError, CommonErrors } from '../../src/protocol/errors.js';
import { thrown } from '../helpers/aws-error.js';

const iam = new QueryCodec(loadModel('iam'));
const sts = new QueryCodec(loadModel('sts'));
const sqs = new QueryCodec(loadModel('sqs-query'));
const cloudwatch = new QueryCodec(
  new Model(
    JSON.parse(
      readFileSync(new URL('../fixtures/models/cloudwatch-query/service-2.json', import.meta.url), 'utf8'),
    ) as ServiceModel,
  ),
);

function form(body: string, rawQuery = '', method = 'POST'): HttpRequestParts {
  return {
    method,
    rawPath: '/',
    rawQuery,
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body: Buffer.from(body),
  };
}

function decode(codec: QueryCodec, body: string): { op: string; input: Record<string, unknown> } {
  const r = form(body);
  const routed = codec.route(r);
  return { op: routed.operation.name, input: codec.decode(r, routed.operation, routed.labels) };
}

describe('routing', () => {
  test('Action and Version from a form body, or from a GET query string', () => {
    assert.equal(iam.route(form('Action=ListRoles&Version=2010-05-08')).operation.name, 'ListRoles');
    assert.equal(iam.route(form('', 'Action=GetUser&Version=2010-05-08', 'GET')).operation.name, 'GetUser');
    assert.equal(sts.route(form('Action=GetCallerIdentity&Version=2011-06-15')).operation.name, 'GetCallerIdentity');
  });

  test('an unknown Action, or another Version, is InvalidAction with AWS wording', () => {
    const e = thrown(() => iam.route(form('Action=LaunchRockets&Version=2010-05-08')));
    assert.equal(e.code, 'InvalidAction');
    assert.equal(e.message, 'Could not find operation LaunchRockets for version 2010-05-08');
    const v = thrown(() => iam.route(form('Action=ListRoles&Version=1999-01-01')));
    assert.equal(v.message, 'Could not find operation ListRoles for version 1999-01-01');
    // Object.prototype names are not operations.
    assert.equal(thrown(() => iam.route(form('Action=constructor&Version=2010-05-08'))).code, 'InvalidAction');
    const enc = iam.encodeError(v, 'rid');
    assert.equal(enc.status, 400);
  });

  test('no Action is MissingAction (400)', () => {
    const e = thrown(() => iam.route(form('Version=2010-05-08&RoleName=x')));
    assert.equal(e.code, 'MissingAction');
    assert.equal(iam.encodeError(e, 'rid').status, 400);
  });
});

describe('decoding', () => {
  test('scalars, nested member.N lists of structures (iam CreateRole with tags)', () => {
    const { op, input } = decode(
      iam,
      'Action=CreateRole&Version=2010-05-08&RoleName=r1&Path=%2Fsvc%2F&MaxSessionDuration=7200' +
        '&AssumeRolePolicyDocument=%7B%22Version%22%3A%222012-10-17%22%7D' +
        '&Tags.member.2.Key=b&Tags.member.2.Value=2&Tags.member.1.Key=a&Tags.member.1.Value=1+2',
    );
    assert.equal(op, 'CreateRole');
    assert.deepEqual(input, {
      RoleName: 'r1',
      Path: '/svc/',
      MaxSessionDuration: 7200,
      AssumeRolePolicyDocument: '{"Version":"2012-10-17"}',
      Tags: [
        { Key: 'a', Value: '1 2' },
        { Key: 'b', Value: '2' },
      ],
    });
  });

  test('an empty list is sent as `Name=` (botocore)', () => {
    const { input } = decode(iam, 'Action=UntagRole&Version=2010-05-08&RoleName=r&TagKeys=');
    assert.deepEqual(input['TagKeys'], []);
  });

  test('booleans, lists of strings, timestamps', () => {
    const { input } = decode(
      iam,
      'Action=CreatePolicyVersion&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Apolicy%2Fp&PolicyDocument=%7B%7D&SetAsDefault=true',
    );
    assert.equal(input['SetAsDefault'], true);
    const sim = decode(
      iam,
      'Action=SimulatePrincipalPolicy&Version=2010-05-08&PolicySourceArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Auser%2Fu' +
        '&ActionNames.member.1=s3%3AGetObject&ActionNames.member.2=iam%3AListRoles',
    ).input;
    assert.deepEqual(sim['ActionNames'], ['s3:GetObject', 'iam:ListRoles']);
    const cw = decode(
      cloudwatch,
      'Action=PutMetricData&Version=2010-08-01&Namespace=ns&MetricData.member.1.MetricName=m' +
        '&MetricData.member.1.Value=1.5&MetricData.member.1.Timestamp=2026-12-07T10%3A00%3A00Z' +
        '&MetricData.member.1.Dimensions.member.1.Name=d&MetricData.member.1.Dimensions.member.1.Value=v' +
        '&MetricData.member.1.Values.member.1=1&MetricData.member.1.Values.member.2=2.5',
    ).input;
    const datum = (cw['MetricData'] as Record<string, unknown>[])[0];
    assert.equal(datum?.['Value'], 1.5);
    assert.deepEqual(datum?.['Values'], [1, 2.5]);
    assert.deepEqual(datum?.['Dimensions'], [{ Name: 'd', Value: 'v' }]);
    assert.equal((datum?.['Timestamp'] as Date).toISOString(), '2026-12-07T10:00:00.000Z');
  });

  test('flattened maps and lists under locationName (sqs-query SendMessage, ReceiveMessage)', () => {
    const { input } = decode(
      sqs,
      'Action=SendMessage&Version=2012-11-05&QueueUrl=http%3A%2F%2Fh%2F1%2Fq&MessageBody=hi' +
        '&MessageAttribute.1.Name=color&MessageAttribute.1.Value.StringValue=red&MessageAttribute.1.Value.DataType=String',
    );
    assert.deepEqual(input['MessageAttributes'], { color: { StringValue: 'red', DataType: 'String' } });
    const recv = decode(
      sqs,
      'Action=ReceiveMessage&Version=2012-11-05&QueueUrl=u&AttributeName.1=All&MessageAttributeName.1=color&MaxNumberOfMessages=3',
    ).input;
    assert.deepEqual(recv['AttributeNames'], ['All']);
    assert.deepEqual(recv['MessageAttributeNames'], ['color']);
    assert.equal(recv['MaxNumberOfMessages'], 3);
  });

  test('non-flattened maps: entry.N.key/value (sqs-query CreateQueue Attribute is flattened; tags too)', () => {
    const { input } = decode(
      sqs,
      'Action=CreateQueue&Version=2012-11-05&QueueName=q&Attribute.1.Name=DelaySeconds&Attribute.1.Value=5&Tag.1.Key=k&Tag.1.Value=v',
    );
    assert.deepEqual(input['Attributes'], { DelaySeconds: '5' });
    assert.deepEqual(input['tags'], { k: 'v' });
  });

  test('validation: required members and constraints with AWS wording, code ValidationError on the wire', () => {
    const e = thrown(() => decode(iam, 'Action=CreateRole&Version=2010-05-08&RoleName=' + 'x'.repeat(65)));
    assert.equal(e.code, 'ValidationException');
    assert.match(e.message, /^2 validation errors detected: /);
    assert.match(e.message, /Value null at 'assumeRolePolicyDocument' failed to satisfy constraint: Member must not be null/);
    assert.match(e.message, /at 'roleName' failed to satisfy constraint: Member must have length less than or equal to 64/);
    const enc = iam.encodeError(e, 'rid-1');
    assert.equal(enc.status, 400);
    const xml = enc.body.toString();
    assert.match(xml, /<Code>ValidationError<\/Code>/);
    assert.match(xml, /<Type>Sender<\/Type>/);
  });

  test('mistyped scalars are validation errors, not 500s', () => {
    const e = thrown(() => decode(iam, 'Action=ListRoles&Version=2010-05-08&MaxItems=ten'));
    assert.equal(e.code, 'ValidationException');
    assert.match(e.message, /Value 'ten' at 'maxItems' failed to satisfy constraint: Member must be an integer/);
    const b = thrown(() => decode(iam, 'Action=CreatePolicyVersion&Version=2010-05-08&PolicyArn=arn%3Aaws%3Aiam%3A%3A1%3Apolicy%2Fp&PolicyDocument=x&SetAsDefault=yes'));
    assert.match(b.message, /Member must be a boolean/);
  });

  test('names that fit no member are dropped whole: no empty items from them', () => {
    const { input } = decode(
      iam,
      'Action=TagRole&Version=2010-05-08&RoleName=r&Tags.member.1.Bogus=x&Tags.member.2.Key.deeper=y&Tags.entry.1.key=z' +
        '&Tags.member.3.Key=k&Tags.member.3.Value=v&RoleName.x=1',
    );
    assert.deepEqual(input, { RoleName: 'r', Tags: [{ Key: 'k', Value: 'v' }] });
  });

  test('unknown parameters are ignored; the first of duplicate names wins', () => {
    const { input } = decode(iam, 'Action=GetRole&Version=2010-05-08&RoleName=a&RoleName=b&Bogus.member.1=x');
    assert.deepEqual(input, { RoleName: 'a' });
  });
});

describe('responses', () => {
  test('OpResponse/OpResult in the model namespace, members by shape, timestamps ISO 8601 Z, escaping', () => {
    const op = iam.model.operation('GetRole');
    const out = iam.encode(
      op,
      {
        Role: {
          Path: '/',
          RoleName: 'r<&>',
          RoleId: 'AROAEXAMPLE',
          Arn: 'arn:aws:iam::123456789012:role/r',
          CreateDate: new Date('2026-12-07T10:00:00Z'),
          AssumeRolePolicyDocument: '%7B%7D',
          MaxSessionDuration: 3600,
          Tags: [{ Key: 'k', Value: 'v"' }],
        },
      },
      'req-1',
    );
    assert.equal(out.status, 200);
    assert.equal(out.headers['Content-Type'], 'text/xml');
    assert.equal(
      out.body.toString(),
      '<GetRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetRoleResult><Role><Path>/</Path>' +
        '<RoleName>r&lt;&amp;&gt;</RoleName><RoleId>AROAEXAMPLE</RoleId><Arn>arn:aws:iam::123456789012:role/r</Arn>' +
        '<CreateDate>2026-12-07T10:00:00Z</CreateDate><AssumeRolePolicyDocument>%7B%7D</AssumeRolePolicyDocument>' +
        '<MaxSessionDuration>3600</MaxSessionDuration><Tags><member><Key>k</Key><Value>v&quot;</Value></member></Tags>' +
        '</Role></GetRoleResult><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></GetRoleResponse>',
    );
  });

  test('operations without output have no Result element', () => {
    const out = iam.encode(iam.model.operation('DeleteRole'), undefined, 'rid');
    assert.equal(
      out.body.toString(),
      '<DeleteRoleResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ResponseMetadata><RequestId>rid</RequestId></ResponseMetadata></DeleteRoleResponse>',
    );
  });

  test('flattened lists and maps in outputs (sqs-query ReceiveMessage)', () => {
    const out = sqs.encode(
      sqs.model.operation('ReceiveMessage'),
      {
        Messages: [
          { MessageId: 'm1', Body: 'a\r\nb', Attributes: { SentTimestamp: '1' }, MessageAttributes: { c: { DataType: 'String', StringValue: 'red' } } },
        ],
      },
      'rid',
    ).body.toString();
    assert.match(
      out,
      /<ReceiveMessageResult><Message><MessageId>m1<\/MessageId><Body>a&#xD;&#xA;b<\/Body><Attribute><Name>SentTimestamp<\/Name><Value>1<\/Value><\/Attribute><MessageAttribute><Name>c<\/Name><Value><StringValue>red<\/StringValue><DataType>String<\/DataType><\/Value><\/MessageAttribute><\/Message><\/ReceiveMessageResult>/,
    );
  });

  test('non-flattened maps are entry/key/value; booleans are true/false', () => {
    const out = iam.encode(iam.model.operation('GetAccountSummary'), { SummaryMap: { Users: 3 } }, 'rid').body.toString();
    assert.match(out, /<SummaryMap><entry><key>Users<\/key><value>3<\/value><\/entry><\/SummaryMap>/);
    const pv = iam.encode(iam.model.operation('GetPolicyVersion'), { PolicyVersion: { IsDefaultVersion: false, VersionId: 'v1' } }, 'rid').body.toString();
    assert.match(pv, /<IsDefaultVersion>false<\/IsDefaultVersion>/);
  });

  test('characters XML cannot carry are replaced, never emitted raw', () => {
    const out = iam.encode(iam.model.operation('GetUser'), { User: { UserName: 'a\u0000b\uD800' } }, 'rid').body.toString();
    assert.match(out, /<UserName>a\uFFFDb\uFFFD<\/UserName>/);
  });
});

describe('errors', () => {
  test('ErrorResponse with Type, Code (the shape error code), Message and RequestId; status from the shape', () => {
    const out = iam.encodeError(new AwsError('NoSuchEntityException', 'The role with name r cannot be found.'), 'rid-9');
    assert.equal(out.status, 404);
    assert.equal(out.headers['Content-Type'], 'text/xml');
    assert.equal(
      out.body.toString(),
      '<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type>' +
        '<Code>NoSuchEntity</Code><Message>The role with name r cannot be found.</Message></Error>' +
        '<RequestId>rid-9</RequestId></ErrorResponse>',
    );
    // The wire code works as well as the shape name.
    assert.equal(iam.encodeError(new AwsError('NoSuchEntity', 'x'), 'r').status, 404);
    assert.equal(iam.encodeError(new AwsError('EntityAlreadyExistsException', 'x'), 'r').status, 409);
    const fault = iam.encodeError(new AwsError('ServiceFailureException', 'x'), 'r');
    assert.equal(fault.status, 500);
    assert.match(fault.body.toString(), /<Type>Receiver<\/Type><Code>ServiceFailure<\/Code>/);
    assert.match(sqs.encodeError(new AwsError('QueueDoesNotExist', 'q'), 'r').body.toString(), /<Code>AWS\.SimpleQueueService\.NonExistentQueue<\/Code>/);
  });

  test('common errors take their query-protocol names and statuses', () => {
    const cases: [AwsError, string, number][] = [
      [CommonErrors.unrecognizedClient(), 'InvalidClientTokenId', 403],
      [CommonErrors.invalidSignature(), 'SignatureDoesNotMatch', 403],
      [CommonErrors.validation(['x']), 'ValidationError', 400],
      [new AwsError('ExpiredTokenException', 'The security token included in the request is expired', { status: 400 }), 'ExpiredToken', 403],
      [CommonErrors.missingAuthenticationToken(), 'MissingAuthenticationToken', 403],
      [CommonErrors.busy(), 'Throttling', 400],
      [CommonErrors.internal(), 'InternalFailure', 500],
    ];
    for (const [err, code, status] of cases) {
      for (const codec of [iam, sts]) {
        const out = codec.encodeError(err, 'r');
        assert.equal(out.status, status, err.code);
        assert.match(out.body.toString(), new RegExp(`<Code>${code}</Code>`), err.code);
      }
    }
    assert.match(iam.encodeError(CommonErrors.unrecognizedClient(), 'r').body.toString(), /<Message>The security token included in the request is invalid\.<\/Message>/);
    // Retry-After and similar headers travel.
    assert.equal(iam.encodeError(CommonErrors.busy(), 'r').headers['Retry-After'], '1');
  });
});
