// Durability: functions survive SIGKILL and come back byte-identical.
import { test } from 'node:test';
import { strict as assert } from 'node:assert';
import { rmSync } from 'node:fs';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  ListFunctionsCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
} from '@aws-sdk/client-lambda';
import { lambdaClient, makeZip, startServer, tempDir, TEST_ROLE } from '../helpers/lambent.js';

test('functions, code and tags survive SIGKILL and restart on the same data dir', async () => {
  const dataDir = tempDir();
  try {
    const first = await startServer({ dataDir });
    const c1 = lambdaClient(first.url);
    const zips = [0, 1, 2].map((i) => makeZip({ 'index.js': `exports.handler = async () => ${i};\n`, 'data.txt': 'x'.repeat(i * 1000) }));
    const shas: string[] = [];
    for (const [i, zip] of zips.entries()) {
      const r = await c1.send(
        new CreateFunctionCommand({
          FunctionName: `keep-${i}`,
          Runtime: 'nodejs20.x',
          Role: TEST_ROLE,
          Handler: 'index.handler',
          Code: { ZipFile: zip },
          Tags: { n: String(i) },
        }),
      );
      shas.push(r.CodeSha256 ?? '');
    }
    await waitUntilFunctionActiveV2({ client: c1, maxWaitTime: 20, minDelay: 1 }, { FunctionName: 'keep-0' });
    await c1.send(new UpdateFunctionConfigurationCommand({ FunctionName: 'keep-0', MemorySize: 512 }));
    c1.destroy();
    await first.kill();

    const second = await startServer({ dataDir });
    const c2 = lambdaClient(second.url);
    try {
      const list = await c2.send(new ListFunctionsCommand({}));
      assert.deepEqual(list.Functions?.map((f) => f.FunctionName), ['keep-0', 'keep-1', 'keep-2']);
      for (const [i, zip] of zips.entries()) {
        await waitUntilFunctionActiveV2({ client: c2, maxWaitTime: 20, minDelay: 1 }, { FunctionName: `keep-${i}` });
        const got = await c2.send(new GetFunctionCommand({ FunctionName: `keep-${i}` }));
        assert.equal(got.Configuration?.CodeSha256, shas[i]);
        assert.deepEqual(got.Tags, { n: String(i) });
        const body = Buffer.from(await (await fetch(got.Code?.Location ?? '')).arrayBuffer());
        assert.ok(body.equals(zip), `code of keep-${i} is byte-identical after restart`);
      }
      const k0 = await c2.send(new GetFunctionCommand({ FunctionName: 'keep-0' }));
      assert.equal(k0.Configuration?.MemorySize, 512);
      // An update interrupted by the kill is finished after restart.
      assert.equal(k0.Configuration?.LastUpdateStatus, 'Successful');
    } finally {
      c2.destroy();
      await second.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
