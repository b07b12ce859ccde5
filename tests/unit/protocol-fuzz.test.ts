// Random and adversarial requests against the protocol layer (rest-json codec on the real Lambda model,
// json-values, SigV4 parsing): whatever arrives, the outcome is a decoded input or a typed AwsError that encodes
// to a 4xx AWS error body, never another exception (which the gateway would answer 500), never a stack
// overflow, never a polluted prototype. Seeded, so a failure names the case that reproduces it.
import { describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import type { HttpRequestParts } from '../../src/protocol/codec.js';
import { AwsError } from '../../src/protocol/errors.js';
import { fromJson, JsonDepthError, JsonTypeError, MAX_DEPTH, preview, toJson } from '../../src/protocol/json-values.js';
import { loadModel, Model, type Shape } from '../../src/protocol/model.js';
import { RestJsonCodec } from '../../src/protocol/rest-json/codec.js';
import { prng } from '../helpers/raw-http.js';
import {
  declaresPayloadHash,
  peekCredentialScope,
  verifySigV4,
  verifySigV4Head,
  type CredentialStore,
} from '../../src/protocol/sigv4.js';

/** The suite's seeded PRNG (tests/helpers/raw-http.ts): a failing case reproduces from its seed. */
const rng = (seed: number): (() => number) => prng(seed).next;

const model = loadModel('lambda');
const codec = new RestJsonCodec(model, { malformedBody: (d) => new AwsError('InvalidRequestContentException', d) });

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  '\ud800',
  '\udfff\ud800',
  '%',
  '%E0%A4%A',
  '../../etc/passwd',
  '${jndi:ldap://x}',
  '__proto__',
  'constructor',
  'a'.repeat(70_000),
  '💥'.repeat(100),
  'arn:aws:lambda:us-east-1:000000000000:function:f:$LATEST',
  '1e309',
  '-0',
  'NaN',
  'true',
  '=====',
  'Zm9v',
];

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)] as T;
}

function randomString(r: () => number): string {
  if (r() < 0.4) return pick(r, NASTY_STRINGS);
  const n = Math.floor(r() * 20);
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(r() < 0.8 ? 32 + Math.floor(r() * 95) : Math.floor(r() * 0xffff));
  return s;
}

/** Any JSON value, up to `depth` levels. */
function randomJson(r: () => number, depth: number): unknown {
  const k = Math.floor(r() * (depth > 0 ? 9 : 6));
  switch (k) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return pick(r, [0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, Number.MIN_VALUE, Math.floor(r() * 1e6)]);
    case 3:
    case 4:
    case 5:
      return randomString(r);
    case 6:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomJson(r, depth - 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 4); i > 0; i--) o[randomString(r)] = randomJson(r, depth - 1);
      return o;
    }
  }
}

/** A value shaped like `shapeName` (mostly valid), so mutations reach deep members rather than fail at the top. */
function sample(r: () => number, shapeName: string, depth = 0): unknown {
  const shape: Shape = model.shape(shapeName);
  if (depth > 6) return null;
  switch (shape.type) {
    case 'structure': {
      const o: Record<string, unknown> = {};
      for (const [name, ref] of Object.entries(shape.members)) {
        if (ref.location) continue;
        if (r() < 0.6) o[ref.locationName ?? name] = sample(r, ref.shape, depth + 1);
      }
      return o;
    }
    case 'list':
      return Array.from({ length: Math.floor(r() * 3) }, () => sample(r, shape.member.shape, depth + 1));
    case 'map': {
      const o: Record<string, unknown> = {};
      for (let i = Math.floor(r() * 3); i > 0; i--) o[randomString(r)] = sample(r, shape.value.shape, depth + 1);
      return o;
    }
    case 'string':
      return shape.enum && r() < 0.7 ? pick(r, shape.enum) : randomString(r);
    case 'integer':
    case 'long':
      return Math.floor(r() * 2000) - 10;
    case 'double':
    case 'float':
      return r() * 100;
    case 'boolean':
      return r() < 0.5;
    case 'blob':
      return r() < 0.8 ? Buffer.from(randomString(r)).toString('base64') : randomString(r);
    case 'timestamp':
      return r() < 0.5 ? Math.floor(r() * 2e9) : randomString(r);
  }
}

/** Replaces one random node of `doc` with something else (a wrong type, a nasty string, a deep value). */
function mutate(r: () => number, doc: unknown): unknown {
  if (doc === null || typeof doc !== 'object' || r() < 0.25) {
    const k = r();
    if (k < 0.04) return deepArray(20_000 + Math.floor(r() * 20_000));
    if (k < 0.08) return deepObject(20_000 + Math.floor(r() * 10_000));
    return randomJson(r, 3);
  }
  if (Array.isArray(doc)) {
    if (doc.length === 0) return [randomJson(r, 2)];
    const i = Math.floor(r() * doc.length);
    const copy = doc.slice();
    copy[i] = mutate(r, copy[i]);
    return copy;
  }
  const keys = Object.keys(doc);
  const copy: Record<string, unknown> = { ...(doc as Record<string, unknown>) };
  if (keys.length === 0 || r() < 0.2) {
    Object.defineProperty(copy, pick(r, ['__proto__', 'constructor', 'prototype', randomString(r)]), {
      value: randomJson(r, 2),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    const k = pick(r, keys);
    copy[k] = mutate(r, copy[k]);
  }
  return copy;
}

function deepArray(n: number): unknown {
  let v: unknown = [];
  for (let i = 0; i < n; i++) v = [v];
  return v;
}

function deepObject(n: number): unknown {
  let v: unknown = 1;
  for (let i = 0; i < n; i++) v = { a: v };
  return v;
}

/**
 * Serializes without recursion: JSON.stringify itself overflows on the deep values this test builds. Strings
 * starting with \u0001 on the stack are literal output (brackets, commas, keys).
 */
function toText(v: unknown): string {
  const out: string[] = [];
  const stack: unknown[] = [v];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x === 'string' && x.startsWith('\u0001')) {
      out.push(x.slice(1));
      continue;
    }
    if (Array.isArray(x)) {
      out.push('[');
      stack.push('\u0001]');
      for (let i = x.length - 1; i >= 0; i--) {
        stack.push(x[i]);
        if (i > 0) stack.push('\u0001,');
      }
    } else if (x !== null && typeof x === 'object') {
      out.push('{');
      stack.push('\u0001}');
      const keys = Object.keys(x);
      for (let i = keys.length - 1; i >= 0; i--) {
        const k = keys[i] as string;
        stack.push((x as Record<string, unknown>)[k]);
        stack.push('\u0001' + JSON.stringify(k) + ':');
        if (i > 0) stack.push('\u0001,');
      }
    } else {
      out.push(JSON.stringify(x) ?? 'null');
    }
  }
  return out.join('');
}

/** Percent-encodes every byte of the UTF-8 form (encodeURIComponent throws on lone surrogates). */
function enc(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  return out;
}

function fill(template: string, r: () => number): string {
  return template.replace(/\{(\w+)\+?\}/g, () => (r() < 0.7 ? 'my-fn' : enc(randomString(r)).slice(0, 200) || 'x'));
}

/** Decodes a request; the only allowed failure is an AwsError that encodes to a 4xx JSON AWS error. */
function decodeOrAwsError(parts: HttpRequestParts, label: string): void {
  let routed;
  try {
    routed = codec.route(parts);
  } catch (e) {
    assert.fail(`${label}: route threw ${(e as Error).stack}`);
  }
  if (!routed) return;
  try {
    codec.decode(parts, routed.operation, routed.labels);
  } catch (e) {
    if (!(e instanceof AwsError)) assert.fail(`${label}: ${routed.operation.name} threw ${(e as Error).stack}`);
    const out = codec.encodeError(e);
    assert.ok(out.status >= 400 && out.status < 500, `${label}: ${e.code} encoded as ${out.status}`);
    const doc = JSON.parse(out.body.toString()) as { message?: string; Message?: string };
    assert.equal(typeof (doc.message ?? doc.Message), 'string', `${label}: ${out.body.toString()}`);
  }
}

/** Operations whose input travels (at least partly) as a JSON body. */
const jsonBodyOps = model.operationNames
  .map((n) => model.operation(n))
  .filter((op) => {
    if (!op.input) return false;
    const s = model.structure(op.input.shape);
    if (!s.payload) return true;
    const ref = s.members[s.payload];
    return ref !== undefined && model.shape(ref.shape).type === 'structure';
  });

describe('protocol fuzz: rest-json decoder on the Lambda model', () => {
  test('random bytes as a body: never anything but a 4xx AwsError', () => {
    const r = rng(1);
    for (const op of jsonBodyOps) {
      for (let i = 0; i < 20; i++) {
        const body = Buffer.from(Array.from({ length: Math.floor(r() * 300) }, () => Math.floor(r() * 256)));
        decodeOrAwsError(
          { method: op.http.method, rawPath: fill(op.http.requestUri.split('?')[0] as string, r), rawQuery: '', headers: {}, body },
          `seed 1 ${op.name} #${i}`,
        );
      }
    }
  });

  test('shaped documents with one node mutated (wrong types, nasty strings, deep values, __proto__)', () => {
    const r = rng(2);
    for (const op of jsonBodyOps) {
      const s = model.structure((op.input as { shape: string }).shape);
      const bodyShape = s.payload ? (s.members[s.payload] as { shape: string }).shape : (op.input as { shape: string }).shape;
      for (let i = 0; i < 25; i++) {
        const doc = i === 0 ? sample(r, bodyShape) : mutate(r, sample(r, bodyShape));
        decodeOrAwsError(
          {
            method: op.http.method,
            rawPath: fill(op.http.requestUri.split('?')[0] as string, r),
            rawQuery: '',
            headers: {},
            body: Buffer.from(toText(doc)),
          },
          `seed 2 ${op.name} #${i}`,
        );
      }
    }
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    assert.equal(Object.getPrototypeOf({}), Object.prototype);
  });

  test('adversarial bodies: 100,000-deep arrays and objects, huge numbers, lone surrogates', () => {
    const bodies = [
      '['.repeat(100_000) + ']'.repeat(100_000),
      '['.repeat(100_000),
      '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000),
      `{"FunctionName":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      `{"Environment":{"Variables":{"K":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}}}`,
      `{"Layers":[${'['.repeat(100_000)}${']'.repeat(100_000)}]}`,
      `{"Tags":{"__proto__":{"polluted":"yes"}}}`,
      `{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}`,
      `{"Timeout":1e999,"MemorySize":-1e999}`,
      `{"Timeout":"\\ud800"}`,
      `{"Description":"\\ud800\\udfff\\u0000"}`,
      `{"Code":{"ZipFile":"!!!not base64!!!"}}`,
      '\uFEFF{}',
      'null',
      '"just a string"',
      '12345678901234567890123456789',
    ];
    // The 100,000-deep bodies on a few operations (parsing each takes tens of ms), the rest on every one.
    const deepOnes = new Set(['CreateFunction', 'UpdateFunctionConfiguration', 'PutFunctionConcurrency', 'TagResource']);
    for (const op of jsonBodyOps) {
      for (const [i, b] of bodies.entries()) {
        if (i < 6 && !deepOnes.has(op.name)) continue;
        decodeOrAwsError(
          { method: op.http.method, rawPath: fill(op.http.requestUri.split('?')[0] as string, rng(i)), rawQuery: '', headers: {}, body: Buffer.from(b) },
          `${op.name} adversarial #${i}`,
        );
      }
    }
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  test('a deeply nested body is InvalidRequestContentException "Could not parse request body into json"', () => {
    const parts: HttpRequestParts = {
      method: 'POST',
      rawPath: '/2015-03-31/functions',
      rawQuery: '',
      headers: {},
      body: Buffer.from('['.repeat(100_000) + ']'.repeat(100_000)),
    };
    const routed = codec.route(parts);
    assert.ok(routed);
    assert.throws(
      () => codec.decode(parts, routed.operation, routed.labels),
      (e: unknown) =>
        e instanceof AwsError &&
        e.code === 'InvalidRequestContentException' &&
        e.message.startsWith('Could not parse request body into json: ') &&
        e.message.length < 300,
    );
  });

  test('a "__proto__" map key is kept as a key (and validated), never set as a prototype', () => {
    const parts: HttpRequestParts = {
      method: 'POST',
      rawPath: '/2015-03-31/functions',
      rawQuery: '',
      headers: {},
      body: Buffer.from(
        '{"FunctionName":"f","Role":"arn:aws:iam::000000000000:role/r","Code":{"ZipFile":"UEs="},' +
          '"Environment":{"Variables":{"__proto__":{"x":"y"}}}}',
      ),
    };
    const routed = codec.route(parts);
    assert.ok(routed);
    assert.throws(() => codec.decode(parts, routed.operation, routed.labels), (e: unknown) => e instanceof AwsError);
    const ok = { ...parts, body: Buffer.from('{"Environment":{"Variables":{"__proto__":"v"}}}') };
    const out = fromJson(model, 'UpdateFunctionConfigurationRequest', JSON.parse(ok.body.toString()), '') as {
      Environment: { Variables: Record<string, unknown> };
    };
    const vars = out.Environment.Variables;
    assert.equal(Object.getPrototypeOf(vars), Object.prototype);
    assert.deepEqual(Object.keys(vars), ['__proto__']);
    assert.equal(Object.getOwnPropertyDescriptor(vars, '__proto__')?.value, 'v');
  });

  test('random request lines, queries and header values route and decode without a non-AWS error', () => {
    const r = rng(3);
    const ops = model.operationNames.map((n) => model.operation(n));
    for (let i = 0; i < 3000; i++) {
      const op = pick(r, ops);
      const [path, q] = op.http.requestUri.split('?');
      const query = Array.from({ length: Math.floor(r() * 4) }, () => {
        const k = r() < 0.5 ? pick(r, ['Qualifier', 'MaxItems', 'Marker', 'FunctionVersion', 'find', 'Arn']) : enc(randomString(r));
        return `${k}=${r() < 0.5 ? enc(randomString(r)) : pick(r, ['%', '%zz', '1', '-5', '99999999999999999999', ''])}`;
      });
      if (q) query.push(q);
      const headers: Record<string, string> = {};
      for (const h of ['x-amz-invocation-type', 'x-amz-log-type', 'x-amz-client-context', 'x-amz-tenant-id', 'content-type']) {
        if (r() < 0.3) headers[h] = randomString(r).replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
      }
      decodeOrAwsError(
        {
          method: r() < 0.9 ? op.http.method : pick(r, ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS']),
          rawPath: r() < 0.9 ? fill(path as string, r) : '/' + enc(randomString(r)),
          rawQuery: query.join('&'),
          headers,
          body: r() < 0.5 ? Buffer.alloc(0) : Buffer.from(toText(randomJson(r, 3))),
        },
        `seed 3 #${i}`,
      );
    }
  });
});

describe('protocol fuzz: json-values depth and previews', () => {
  // A recursive shape (DynamoDB's AttributeValue-like): only these can nest without bound.
  const recursive = new Model({
    metadata: { apiVersion: '1', endpointPrefix: 'x', protocol: 'rest-json', serviceId: 'X' },
    operations: {},
    shapes: {
      Node: { type: 'structure', members: { Children: { shape: 'NodeList' }, Tags: { shape: 'NodeMap' }, Name: { shape: 'Str' } } },
      NodeList: { type: 'list', member: { shape: 'Node' } },
      NodeMap: { type: 'map', key: { shape: 'Str' }, value: { shape: 'Node' } },
      Str: { type: 'string' },
    },
  } as unknown as ConstructorParameters<typeof Model>[0]);

  function chain(levels: number, via: 'list' | 'map'): unknown {
    let v: Record<string, unknown> = { Name: 'leaf' };
    for (let i = 0; i < levels; i++) v = via === 'list' ? { Children: [v] } : { Tags: { k: v } };
    return v;
  }

  test('a recursive shape converts up to the limit and refuses deeper documents with a typed error', () => {
    // Each level is a structure plus a list or map: MAX_DEPTH / 2 levels fit.
    assert.doesNotThrow(() => fromJson(recursive, 'Node', chain(MAX_DEPTH / 2 - 1, 'list'), ''));
    for (const via of ['list', 'map'] as const) {
      for (const levels of [MAX_DEPTH, 50_000]) {
        assert.throws(
          () => fromJson(recursive, 'Node', chain(levels, via), ''),
          (e: unknown) => e instanceof JsonDepthError && /nesting depth \(1001\) exceeds the maximum allowed \(1000\)/.test(e.message),
        );
      }
    }
  });

  test('toJson refuses a runaway value with a typed error, not a stack overflow', () => {
    assert.throws(() => toJson(recursive, 'Node', chain(50_000, 'list')), JsonDepthError);
    assert.doesNotThrow(() => toJson(recursive, 'Node', chain(100, 'map')));
  });

  test('type errors on huge or deep values describe them in at most 80 characters', () => {
    const r = rng(4);
    const values: unknown[] = [deepArray(100_000), deepObject(100_000), 'x'.repeat(1_000_000), Array.from({ length: 100_000 }, (_, i) => i)];
    for (let i = 0; i < 500; i++) values.push(randomJson(r, 6));
    for (const v of values) {
      const p = preview(v, 80);
      assert.ok(p.length <= 80, p);
      try {
        fromJson(model, 'FunctionName', v, 'FunctionName');
      } catch (e) {
        assert.ok(e instanceof JsonTypeError, String(e));
        assert.ok(e.message.length < 200, e.message);
      }
    }
    // Short values render in full, as JSON.
    assert.equal(preview({ a: [1, 'b', null, true] }, 80), '{"a":[1,"b",null,true]}');
  });
});

describe('protocol fuzz: SigV4 parsing', () => {
  const store: CredentialStore = { lookup: (id) => (id === 'test' ? { accessKeyId: 'test', secretAccessKey: 'test', accountId: '000000000000' } : undefined) };
  const now = { now: new Date('2026-11-22T12:00:00Z'), service: 'lambda' };

  function authHeader(r: () => number): string {
    const parts = [
      pick(r, ['AWS4-HMAC-SHA256', 'AWS4-HMAC-SHA1', '', randomString(r)]),
      ' ',
      pick(r, ['Credential=', 'credential=', '']),
      [
        pick(r, ['test', '', randomString(r)]),
        pick(r, ['20261122', '2026112', randomString(r)]),
        pick(r, ['us-east-1', 'eu-west-1', 'nowhere', '', randomString(r)]),
        pick(r, ['lambda', 's3', 'sqs', '', randomString(r)]),
        pick(r, ['aws4_request', 'aws4', randomString(r)]),
      ]
        .slice(0, 1 + Math.floor(r() * 5))
        .join('/'),
      pick(r, [', ', ',', ' ']),
      pick(r, ['SignedHeaders=host;x-amz-date', 'SignedHeaders=', 'SignedHeaders=x-amz-date', randomString(r)]),
      ', ',
      pick(r, ['Signature=' + '0'.repeat(64), 'Signature=zz', 'Signature=', randomString(r)]),
    ];
    return parts.join('').replace(/[^\t\x20-\x7e]/g, '');
  }

  test('random Authorization headers, dates, payload hashes and presigned queries: only AwsErrors', () => {
    const r = rng(5);
    for (let i = 0; i < 5000; i++) {
      const headers: Record<string, string> = { host: 'localhost:9777' };
      if (r() < 0.9) headers['authorization'] = authHeader(r);
      if (r() < 0.8) headers['x-amz-date'] = pick(r, ['20261122T120000Z', '20261122T120000', '20991122T120000Z', randomString(r).replace(/[^\x20-\x7e]/g, '')]);
      if (r() < 0.5) headers['x-amz-content-sha256'] = pick(r, ['UNSIGNED-PAYLOAD', 'e'.repeat(64), 'STREAMING-AWS4-HMAC-SHA256-PAYLOAD', randomString(r).replace(/[^\x20-\x7e]/g, '')]);
      const rawQuery =
        r() < 0.2
          ? [
              'X-Amz-Algorithm=AWS4-HMAC-SHA256',
              `X-Amz-Credential=${enc(pick(r, ['test/20261122/us-east-1/lambda/aws4_request', randomString(r)]))}`,
              `X-Amz-Date=${pick(r, ['20261122T120000Z', '%zz'])}`,
              `X-Amz-Expires=${pick(r, ['60', '-1', '99999999', 'x'])}`,
              'X-Amz-SignedHeaders=host',
              `X-Amz-Signature=${pick(r, ['0'.repeat(64), ''])}`,
              ...(r() < 0.3 ? ['X-Amz-Content-Sha256=UNSIGNED-PAYLOAD'] : []),
            ]
              .filter(() => r() < 0.9)
              .join('&')
          : '';
      const parts = { method: 'POST', rawPath: r() < 0.8 ? '/2015-03-31/functions' : '/a/../b//c/./' + enc(randomString(r)), rawQuery, headers, body: Buffer.from(randomString(r)) };
      assert.doesNotThrow(() => peekCredentialScope(parts), `#${i}`);
      const onlyAws = (fn: () => unknown): void => {
        try {
          fn();
        } catch (e) {
          if (!(e instanceof AwsError)) assert.fail(`#${i} ${JSON.stringify(parts.headers)} ${rawQuery}: ${(e as Error).stack}`);
          assert.equal(e.status, 403, `#${i} ${e.code}: ${e.message}`);
        }
      };
      onlyAws(() => verifySigV4(parts, store, now));
      if (declaresPayloadHash(parts)) onlyAws(() => verifySigV4Head(parts, store, now));
    }
  });
});
