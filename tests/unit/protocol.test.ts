// The rest-json protocol layer on the real Lambda model: routing of every
// operation's URI, member parsing by location, validation messages, output
// serialization and the error wire format.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import { loadModel } from '../../src/protocol/model.js';
import { RestJsonCodec, CONTENT_TYPE } from '../../src/protocol/rest-json/codec.js';
import type { HttpRequestParts } from '../../src/protocol/codec.js';
import { AwsError } from '../../src/protocol/errors.js';

const model = loadModel('lambda');
const codec = new RestJsonCodec(model, {
  malformedBody: (d) => new AwsError('InvalidRequestContentException', d),
});

function req(method: string, url: string, body = '', headers: Record<string, string> = {}): HttpRequestParts {
  const q = url.indexOf('?');
  return {
    method,
    rawPath: q === -1 ? url : url.slice(0, q),
    rawQuery: q === -1 ? '' : url.slice(q + 1),
    headers,
    body: Buffer.from(body),
  };
}

/** Fills a URI template with sample label values. */
function sampleUri(template: string): string {
  return template.replace(/\{(\w+)\+?\}/g, (_, label: string) => (label === 'FunctionName' ? 'my-fn' : `sample-${label}`));
}

describe('routing', () => {
  test('every operation in the model routes from its own method and URI', () => {
    const names = model.operationNames;
    assert.ok(names.length >= 80);
    for (const name of names) {
      const op = model.operation(name);
      const routed = codec.route(req(op.http.method, sampleUri(op.http.requestUri)));
      assert.equal(routed?.operation.name, name, `${op.http.method} ${op.http.requestUri}`);
    }
  });

  test('trailing slashes (old CLIs) and percent-encoded ARNs', () => {
    assert.equal(codec.route(req('GET', '/2015-03-31/functions/'))?.operation.name, 'ListFunctions');
    const r = codec.route(req('POST', '/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af/invocations'));
    assert.equal(r?.operation.name, 'Invoke');
    assert.equal(r?.labels['FunctionName'], 'arn:aws:lambda:us-east-1:000000000000:function:f');
  });

  test('query-qualified URIs pick the right operation', () => {
    assert.equal(codec.route(req('GET', '/2018-10-31/layers?find=LayerVersion&Arn=x'))?.operation.name, 'GetLayerVersionByArn');
    assert.equal(codec.route(req('GET', '/2018-10-31/layers'))?.operation.name, 'ListLayers');
  });

  test('a request line routed before routes the same way again (cached), and its query still counts', () => {
    const codec2 = new RestJsonCodec(model);
    for (let i = 0; i < 3; i++) {
      assert.equal(codec2.route(req('GET', '/2018-10-31/layers?find=LayerVersion&Arn=x'))?.operation.name, 'GetLayerVersionByArn');
      assert.equal(codec2.route(req('GET', '/2018-10-31/layers'))?.operation.name, 'ListLayers');
      const a = codec2.route(req('POST', '/2015-03-31/functions/a/invocations'));
      const b = codec2.route(req('POST', '/2015-03-31/functions/b/invocations'));
      assert.equal(a?.labels['FunctionName'], 'a');
      assert.equal(b?.labels['FunctionName'], 'b');
      assert.equal(codec2.route(req('GET', '/2015-03-31/nothing-here')), undefined);
    }
  });

  test('unknown paths and methods do not route', () => {
    assert.equal(codec.route(req('GET', '/2015-03-31/nothing-here')), undefined);
    assert.equal(codec.route(req('PATCH', '/2015-03-31/functions/f')), undefined);
  });
});

describe('decoding', () => {
  test('uri, querystring, header and blob payload members', () => {
    const r = req('POST', '/2015-03-31/functions/f%3Aprod/invocations?Qualifier=prod', '{"a":1}', {
      'x-amz-invocation-type': 'DryRun',
      'x-amz-log-type': 'Tail',
    });
    const routed = codec.route(r);
    assert.ok(routed);
    const input = codec.decode(r, routed.operation, routed.labels);
    assert.equal(input['FunctionName'], 'f:prod');
    assert.equal(input['Qualifier'], 'prod');
    assert.equal(input['InvocationType'], 'DryRun');
    assert.equal(input['LogType'], 'Tail');
    assert.ok(Buffer.isBuffer(input['Payload']));
    assert.equal((input['Payload'] as Buffer).toString(), '{"a":1}');
  });

  test('integer query members and list query members', () => {
    const r = req('GET', '/2015-03-31/functions?MaxItems=5&Marker=abc');
    const routed = codec.route(r);
    assert.ok(routed);
    const input = codec.decode(r, routed.operation, routed.labels);
    assert.equal(input['MaxItems'], 5);
    assert.equal(input['Marker'], 'abc');
    const u = req('DELETE', '/2017-03-31/tags/arn%3Aaws%3Alambda%3Aus-east-1%3A000000000000%3Afunction%3Af?tagKeys=a&tagKeys=b');
    const ur = codec.route(u);
    assert.ok(ur);
    assert.deepEqual(codec.decode(u, ur.operation, ur.labels)['TagKeys'], ['a', 'b']);
  });

  test('JSON body with base64 blobs; unknown members dropped; located members not settable from the body', () => {
    const body = JSON.stringify({
      FunctionName: 'f',
      Role: 'arn:aws:iam::000000000000:role/r',
      Runtime: 'nodejs20.x',
      Handler: 'index.handler',
      Code: { ZipFile: Buffer.from('PK zip').toString('base64') },
      NotAMember: 1,
    });
    const r = req('POST', '/2015-03-31/functions', body);
    const routed = codec.route(r);
    assert.ok(routed);
    const input = codec.decode(r, routed.operation, routed.labels);
    assert.equal((input['Code'] as { ZipFile: Buffer }).ZipFile.toString(), 'PK zip');
    assert.equal(input['NotAMember'], undefined);
  });

  test('malformed JSON and wrongly typed members → the service error', () => {
    const bad = req('POST', '/2015-03-31/functions', '{oops');
    const routed = codec.route(bad);
    assert.ok(routed);
    assert.throws(() => codec.decode(bad, routed.operation, routed.labels), (e: AwsError) => e.code === 'InvalidRequestContentException');
    const typed = req('POST', '/2015-03-31/functions', JSON.stringify({ FunctionName: 'f', MemorySize: 'big' }));
    assert.throws(() => codec.decode(typed, routed.operation, routed.labels), (e: AwsError) => e.code === 'InvalidRequestContentException' && /MemorySize/.test(e.message));
  });
});

describe('validation messages as AWS words them', () => {
  function errorOf(method: string, url: string, body: unknown): AwsError {
    const r = req(method, url, body === undefined ? '' : JSON.stringify(body));
    const routed = codec.route(r);
    assert.ok(routed, `${method} ${url} routes`);
    try {
      codec.decode(r, routed.operation, routed.labels);
    } catch (e) {
      return e as AwsError;
    }
    assert.fail('expected a validation error');
  }

  test('required, range, enum, pattern, list and map constraints; several errors counted', () => {
    const e = errorOf('POST', '/2015-03-31/functions', {
      FunctionName: 'ok',
      Role: 'r1',
      MemorySize: 64,
      Runtime: 'nope',
      Architectures: ['X86_64'],
      Environment: { Variables: { 'bad-key': 'v' } },
      Code: {},
    });
    assert.equal(e.code, 'ValidationException');
    assert.equal(e.status, 400);
    assert.match(e.message, /^5 validation errors detected: /);
    assert.match(e.message, /Value 'r1' at 'role' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:/);
    assert.match(e.message, /Value '64' at 'memorySize' failed to satisfy constraint: Member must have value greater than or equal to 128/);
    assert.match(e.message, /Value 'nope' at 'runtime' failed to satisfy constraint: Member must satisfy enum value set: \[/);
    assert.match(e.message, /Value '\[X86_64\]' at 'architectures' failed to satisfy constraint: Member must satisfy constraint: \[Member must satisfy enum value set: \[x86_64, arm64\]\]/);
    assert.match(e.message, /Value '\{bad-key=v\}' at 'environment.variables' failed to satisfy constraint: Map keys must satisfy constraint: \[Member must satisfy regular expression pattern/);
  });

  test('missing required member', () => {
    const e = errorOf('POST', '/2015-03-31/functions', { FunctionName: 'x', Code: {} });
    assert.match(e.message, /Value null at 'role' failed to satisfy constraint: Member must not be null/);
  });

  test('uri labels are validated too', () => {
    const e = errorOf('GET', `/2015-03-31/functions/${'a'.repeat(300)}`, undefined);
    assert.match(e.message, /^1 validation error detected: Value 'a{300}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to \d+$/);
  });
});

describe('encoding', () => {
  test('status code, header members and blob payload with a chosen content type', () => {
    const op = model.operation('Invoke');
    const out = codec.encode(op, {
      StatusCode: 200,
      ExecutedVersion: '$LATEST',
      FunctionError: 'Unhandled',
      LogResult: 'TE9H',
      Payload: Buffer.from('{"x":1}'),
      [CONTENT_TYPE]: 'application/json',
    } as Record<string, unknown>);
    assert.equal(out.status, 200);
    assert.equal(out.headers['X-Amz-Executed-Version'], '$LATEST');
    assert.equal(out.headers['X-Amz-Function-Error'], 'Unhandled');
    assert.equal(out.headers['X-Amz-Log-Result'], 'TE9H');
    assert.equal(out.headers['Content-Type'], 'application/json');
    assert.equal(out.body.toString(), '{"x":1}');
  });

  test('JSON outputs keep only model members and use the operation status', () => {
    const op = model.operation('CreateFunction');
    const out = codec.encode(op, { FunctionName: 'f', Secret: 'not in the model', MemorySize: 128 });
    assert.equal(out.status, 201);
    assert.deepEqual(JSON.parse(out.body.toString()), { FunctionName: 'f', MemorySize: 128 });
  });

  test('statusCode-bound members set the HTTP status (DeleteFunction → 204)', () => {
    const out = codec.encode(model.operation('DeleteFunction'), { StatusCode: 204 });
    assert.equal(out.status, 204);
    assert.equal(out.body.length, 0);
  });
});

describe('error wire format', () => {
  test('status from the error shape, x-amzn-ErrorType, message member in the shape case', () => {
    const nf = codec.encodeError(new AwsError('ResourceNotFoundException', 'Function not found: arn'));
    assert.equal(nf.status, 404);
    assert.equal(nf.headers['x-amzn-ErrorType'], 'ResourceNotFoundException');
    assert.deepEqual(JSON.parse(nf.body.toString()), { Type: 'User', Message: 'Function not found: arn' });

    const ip = codec.encodeError(new AwsError('InvalidParameterValueException', 'bad'));
    assert.equal(ip.status, 400);
    assert.deepEqual(JSON.parse(ip.body.toString()), { Type: 'User', message: 'bad' });

    const conflict = codec.encodeError(new AwsError('ResourceConflictException', 'exists'));
    assert.equal(conflict.status, 409);
  });

  test('header-bound error members (Retry-After) and extra fields (Reason)', () => {
    const e = codec.encodeError(
      new AwsError('TooManyRequestsException', 'Rate exceeded', {
        fields: { retryAfterSeconds: '1', Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded' },
      }),
    );
    assert.equal(e.status, 429);
    assert.equal(e.headers['Retry-After'], '1');
    assert.deepEqual(JSON.parse(e.body.toString()), {
      Type: 'User',
      message: 'Rate exceeded',
      Reason: 'ReservedFunctionConcurrentInvocationLimitExceeded',
    });
  });

  test('codes outside the model keep their own status', () => {
    const e = codec.encodeError(new AwsError('ValidationException', '1 validation error detected: x', { status: 400 }));
    assert.equal(e.status, 400);
    assert.equal(e.headers['x-amzn-ErrorType'], 'ValidationException');
  });
});
