// A hostile tenant's view: each attack runs inside a real deployed function (bubblewrap sandbox, its own network
// namespace) against a real Lambent, and must be contained. See ARCHITECTURE.md "Threat model".
import { strict as assert } from 'node:assert';
import { createServer, Socket, type Server } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { GetFunctionCommand, InvokeCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import { deployFunction, lambdaClient, startServer, type TestServer } from '../helpers/lambent.js';

// Runs inside the sandbox: small network and file probes, and a SigV4 signer (the SDK is not bundled yet).
const ATTACKER = String.raw`
const fs = require('node:fs');
const net = require('node:net');
const http = require('node:http');
const crypto = require('node:crypto');

const connect = (host, port) => new Promise((resolve) => {
  const s = net.connect({ host, port });
  const done = (r) => { s.destroy(); resolve(r); };
  s.setTimeout(1500, () => done('timeout'));
  s.on('connect', () => done('open'));
  s.on('error', (e) => done(e.code));
});
const request = (port, method, path, headers = {}, body = '') => new Promise((resolve) => {
  const q = http.request({ host: '127.0.0.1', port, method, path, headers, timeout: 1500 }, (res) => {
    let b = '';
    res.on('data', (d) => (b += d));
    res.on('end', () => resolve({ status: res.statusCode, body: b.slice(0, 500), type: res.headers['x-amzn-errortype'] }));
  });
  q.on('timeout', () => q.destroy(new Error('timeout')));
  q.on('error', (e) => resolve({ error: e.message }));
  q.end(body);
});
const hmac = (k, s) => crypto.createHmac('sha256', k).update(s).digest();
const sha = (s) => crypto.createHash('sha256').update(s).digest('hex');
function signed(method, path, body, key, secret) {
  const amzDate = new Date().toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '');
  const day = amzDate.slice(0, 8);
  const headers = { host: '127.0.0.1:9001', 'x-amz-date': amzDate, 'x-amz-content-sha256': sha(body) };
  const names = Object.keys(headers).sort();
  const canonical = [method, path, '', ...names.map((n) => n + ':' + headers[n]), '', names.join(';'), sha(body)].join('\n');
  const scope = day + '/us-east-1/lambda/aws4_request';
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha(canonical)].join('\n');
  let k = hmac('AWS4' + secret, day);
  for (const p of ['us-east-1', 'lambda', 'aws4_request']) k = hmac(k, p);
  headers.authorization = 'AWS4-HMAC-SHA256 Credential=' + key + '/' + scope + ', SignedHeaders=' + names.join(';') + ', Signature=' + crypto.createHmac('sha256', k).update(toSign).digest('hex');
  return headers;
}
function listeners(file) {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.trim().split(/\s+/))
      .filter((f) => f[3] === '0A').map((f) => parseInt(f[1].split(':')[1], 16));
  } catch { return []; }
}

exports.handler = async (event) => {
  const out = {};
  if (event.network) {
    out.listening = [...listeners('/proc/net/tcp'), ...listeners('/proc/net/tcp6')];
    out.reach = {};
    for (const [name, host, port] of event.network.targets) out.reach[name] = await connect(host, port);
    // Another invocation's request id on this environment's own Runtime API.
    out.forged = await request(9001, 'POST', '/2018-06-01/runtime/invocation/' + event.network.otherRequestId + '/response', {}, '"forged"');
    // A second /next while this invocation is in flight.
    out.next = await request(9001, 'GET', '/2018-06-01/runtime/invocation/next');
  }
  if (event.controlPlane) {
    out.list = await request(9001, 'GET', '/2015-03-31/functions/', signed('GET', '/2015-03-31/functions/', '', 'test', 'test'));
    const del = '/2015-03-31/functions/' + event.controlPlane.victim;
    out.del = await request(9001, 'DELETE', del, signed('DELETE', del, '', 'test', 'test'));
    out.unsigned = await request(9001, 'GET', '/2015-03-31/functions/');
  }
  if (event.bind) {
    const server = net.createServer((s) => s.end('inside'));
    await new Promise((r) => server.listen(event.bind.port, '0.0.0.0', r));
    await new Promise((r) => setTimeout(r, event.bind.holdMs));
    server.close();
    out.bound = true;
  }
  if (event.files) {
    out.dataDirVisible = fs.existsSync(event.files.dataDir);
    out.task = fs.readdirSync('/var/task').sort();
    out.pids = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).length;
    out.uid = process.getuid();
    fs.writeFileSync('/tmp/' + event.files.mark, 'secret');
    out.tmp = fs.readdirSync('/tmp');
    out.environ = fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).map((p) => {
      try { return fs.readFileSync('/proc/' + p + '/environ', 'utf8').includes('VICTIM_SECRET') ? p : null; } catch { return null; }
    }).filter(Boolean);
  }
  return out;
};
`;

const VICTIM = `
exports.handler = async (event, context) => {
  if (event.waitMs) await new Promise((r) => setTimeout(r, event.waitMs));
  return { victim: true, requestId: context.awsRequestId, tmp: require('node:fs').readdirSync('/tmp') };
};
`;

function parse(p: Uint8Array | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(p ?? new Uint8Array()).toString('utf8')) as Record<string, unknown>;
}

async function invoke(client: LambdaClient, name: string, event: unknown): Promise<Record<string, unknown>> {
  const r = await client.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from(JSON.stringify(event)) }));
  const body = parse(r.Payload);
  assert.equal(r.FunctionError, undefined, JSON.stringify(body));
  return body;
}

describe('isolation of execution environments (attacks from inside a function)', () => {
  let server: TestServer;
  let client: LambdaClient;
  let hostService: Server;
  let hostPort = 0;
  let namespaces = true;

  before(async () => {
    server = await startServer();
    client = lambdaClient(server.url);
    const health = await (await fetch(`${server.url}/health`)).json() as { sandbox?: { network?: string } };
    namespaces = health.sandbox?.network === 'namespace';
    hostService = createServer((s) => s.end('host service'));
    await new Promise<void>((r) => hostService.listen(0, '127.0.0.1', r));
    hostPort = (hostService.address() as { port: number }).port;
    await deployFunction(client, 'attacker', { 'index.js': ATTACKER }, { Timeout: 30 });
    await deployFunction(client, 'victim', { 'index.js': VICTIM }, { Timeout: 30, Environment: { Variables: { VICTIM_SECRET: 'hunter2' } } });
  });

  after(async () => {
    hostService?.close();
    await server?.dispose();
  });

  test('a function sees only its own Runtime API, reaches no host loopback service, no other environment', async (t) => {
    if (!namespaces) return t.skip('this host gives sandboxes no network namespace (see lambent doctor)');
    const lambentPort = Number(new URL(server.url).port);
    // The victim is busy (its environment holds an invocation) while the attacker looks around.
    const victim = invoke(client, 'victim', { waitMs: 1500 });
    const out = await invoke(client, 'attacker', {
      network: {
        targets: [
          ['host service', '127.0.0.1', hostPort],
          ['lambent', '127.0.0.1', lambentPort],
          ['host service via the gateway address', '10.0.2.2', hostPort],
          ['lambent via the gateway address', '10.0.2.2', lambentPort],
          ['host service over ::1', '::1', hostPort],
        ],
        otherRequestId: '00000000-0000-4000-8000-000000000000',
      },
    });
    const v = await victim;
    assert.equal(v['victim'], true, 'the victim got its own answer');
    assert.deepEqual(out['listening'], [9001], 'the only listener in the namespace is its own Runtime API');
    for (const [name, r] of Object.entries(out['reach'] as Record<string, string>)) {
      assert.notEqual(r, 'open', `${name} must be unreachable, got ${r}`);
    }
    const forged = out['forged'] as { status?: number };
    assert.ok(forged.status !== undefined && forged.status >= 400 && forged.status < 500, `forged response refused: ${JSON.stringify(forged)}`);
    const next = out['next'] as { status?: number; body?: string; error?: string };
    // Whatever the Runtime API answers a second /next (tests/unit/runtime-api.test.ts has the rule), it is never
    // another environment's invocation.
    assert.ok(!(next.body ?? '').includes('waitMs'), `a /next must never hand out another function's invocation: ${JSON.stringify(next)}`);
  });

  test('ports a function binds are its own: the host cannot connect to them', async (t) => {
    if (!namespaces) return t.skip('this host gives sandboxes no network namespace (see lambent doctor)');
    const port = 20000 + Math.floor(Math.random() * 20000);
    const running = invoke(client, 'attacker', { bind: { port, holdMs: 2000 } });
    let settled = false;
    void running.finally(() => (settled = true));
    const seen: string[] = [];
    // Poll while the function holds its listener (it holds it for 2 s).
    const deadline = Date.now() + 1800;
    while (!settled && Date.now() < deadline) {
      seen.push(await new Promise<string>((resolve) => {
        const s = new Socket();
        s.once('connect', () => { s.destroy(); resolve('open'); });
        s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
        s.connect(port, '127.0.0.1');
      }));
      await new Promise((r) => setTimeout(r, 100));
    }
    const out = await running;
    assert.equal(out['bound'], true);
    assert.ok(seen.length > 0 && !seen.includes('open'), `host connections to the function's port: ${seen.join(',')}`);
  });

  test("Lambent's API from inside refuses the dev credentials: no listing, no deleting another function", async () => {
    const out = await invoke(client, 'attacker', { controlPlane: { victim: 'victim' } });
    for (const k of ['list', 'del', 'unsigned'] as const) {
      const r = out[k] as { status?: number; body?: string; error?: string };
      if (r.error) continue; // unreachable altogether (no namespace: the old address is gone too)
      assert.equal(r.status, 403, `${k}: ${JSON.stringify(r)}`);
      assert.ok(!(r.body ?? '').includes('VICTIM_SECRET') && !(r.body ?? '').includes('hunter2'), `${k} leaked configuration`);
    }
    assert.match((out['list'] as { type?: string }).type ?? '', /UnrecognizedClientException/);
    const still = await client.send(new GetFunctionCommand({ FunctionName: 'victim' }));
    assert.equal(still.Configuration?.FunctionName, 'victim');
  });

  test('a memory hog gets Runtime.OutOfMemory at its MemorySize; Lambent and other functions carry on', async () => {
    await deployFunction(client, 'hog', {
      'index.js': 'const keep = []; exports.handler = async () => { for (;;) keep.push(Buffer.alloc(16 << 20, 1)); };',
    }, { MemorySize: 128, Timeout: 30 });
    const r = await client.send(new InvokeCommand({ FunctionName: 'hog', Payload: Buffer.from('{}') }));
    assert.equal(r.FunctionError, 'Unhandled');
    assert.equal(parse(r.Payload)['errorType'], 'Runtime.OutOfMemory');
    assert.equal((await invoke(client, 'victim', {}))['victim'], true);
  });

  test('/tmp is bounded by EphemeralStorage: filling it ends in ENOSPC, not a full host disk', async () => {
    await deployFunction(client, 'filler', {
      'index.js': `const fs = require('node:fs');
exports.handler = async () => {
  const st = fs.statfsSync('/tmp');
  const chunk = Buffer.alloc(4 << 20, 1);
  const fd = fs.openSync('/tmp/fill', 'w');
  let written = 0;
  try { for (;;) { fs.writeSync(fd, chunk); written += chunk.length; } }
  catch (e) { return { code: e.code, written, size: st.blocks * st.bsize }; }
  finally { fs.closeSync(fd); fs.rmSync('/tmp/fill', { force: true }); }
};`,
    }, { MemorySize: 1024, Timeout: 60, EphemeralStorage: { Size: 512 } });
    const out = await invoke(client, 'filler', {});
    assert.equal(out['code'], 'ENOSPC');
    assert.equal(out['size'], 512 * 1024 * 1024);
    assert.ok((out['written'] as number) <= 512 * 1024 * 1024);
  });

  test("a function sees no data dir, no other function's code, /tmp, processes or environment", async () => {
    const mark = `mark-${Date.now()}`;
    const out = await invoke(client, 'attacker', { files: { dataDir: server.dataDir, mark } });
    assert.equal(out['dataDirVisible'], false);
    assert.deepEqual(out['task'], ['index.js']);
    assert.ok((out['tmp'] as string[]).includes(mark));
    assert.deepEqual(out['environ'], [], 'no process with the victim\'s environment is visible');
    assert.ok((out['pids'] as number) < 10, `only its own few processes are visible (saw ${String(out['pids'])})`);
    assert.notEqual(out['uid'], 0);
    const v = await invoke(client, 'victim', {});
    assert.ok(!(v['tmp'] as string[]).includes(mark), "the attacker's /tmp file is not in the victim's /tmp");
  });
});
