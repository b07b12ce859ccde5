import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { CreateFunctionCommand, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { lambdaClient, makeZip, startServer } from '../tests/helpers/lambent.js';
const server = await startServer();
try {
  const lambda = lambdaClient(server.url);
  await lambda.send(new CreateFunctionCommand({ FunctionName: 'w', Runtime: 'nodejs20.x', Handler: 'index.handler', Role: 'arn:aws:iam::000000000000:role/r', Code: { ZipFile: makeZip({ 'index.js': 'exports.handler = async (e) => ({ ok: true })\n' }) } }));
  await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 30, minDelay: 1 }, { FunctionName: 'w' });
  const u = new URL(server.url);
  const signer = new SignatureV4({ service: 'lambda', region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' }, sha256: Sha256 });
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const lat: number[] = [];
  for (let i = 0; i < 3000; i++) {
    const signed = await signer.sign({ method: 'POST', protocol: 'http:', hostname: u.hostname, port: Number(u.port), path: '/2015-03-31/functions/w/invocations', query: {}, headers: { host: u.host, 'content-type': 'application/json' }, body: '{}' });
    const t0 = performance.now();
    await new Promise<void>((res, rej) => { const r = request({ host: u.hostname, port: Number(u.port), method: 'POST', path: '/2015-03-31/functions/w/invocations', headers: { ...signed.headers, 'content-length': '2' }, agent }, (resp) => { resp.resume(); resp.on('end', () => res()); }); r.on('error', rej); r.end('{}'); });
    lat.push(performance.now() - t0);
  }
  const slow = lat.map((v, i) => [i, v] as const).filter(([, v]) => v > 10);
  console.log('slow count', slow.length, slow.slice(0, 40).map(([i, v]) => `${i}:${v.toFixed(1)}`).join(' '));
  const s = [...lat].sort((a, b) => a - b);
  console.log([50, 90, 95, 98, 99, 99.9].map((p) => `${p}:${s[Math.ceil(p / 100 * s.length) - 1]!.toFixed(2)}`).join(' '));
} finally { await server.dispose(); }
