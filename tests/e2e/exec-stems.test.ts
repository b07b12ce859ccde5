// Exec stems end to end: functions that cannot use a runtime stem (their own bootstrap, NODE_OPTIONS and other
// start-up variables, another /tmp size) start from a pre-started sandbox whose waiter execs their command. What the
// function sees must be exactly what a fresh sandbox gives it, and nothing of the waiter or of an earlier function.
import { after, before, describe, test } from 'node:test';
import { strict as assert } from 'node:assert';
import {
  InvokeCommand,
  type CreateFunctionCommandInput,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { deployFunction, lambdaClient, startServer, type TestServer, type ZipFiles } from '../helpers/lambent.js';

interface Health {
  sandbox: { sandbox: string };
  environments: { stems: { ready: number; hits: number; misses: number; commands: { command: string; ready: number }[] } };
}

let server: TestServer;
let lambda: LambdaClient;
let available = false;

const health = async (): Promise<Health> => (await (await fetch(`${server.url}/health`)).json()) as Health;

before(async () => {
  server = await startServer({ args: ['--idle-timeout', '120'] });
  lambda = lambdaClient(server.url);
  // Exec stems set a sandbox up ahead: bubblewrap, and root for the late code mount.
  available = (await health()).sandbox.sandbox === 'bubblewrap' && process.getuid?.() === 0;
});
after(async () => {
  lambda.destroy();
  await server.dispose();
});

const deploy = (name: string, files: ZipFiles, extra: Partial<CreateFunctionCommandInput>): Promise<void> =>
  deployFunction(lambda, name, files, extra);

async function invoke(name: string): Promise<{ text: string; error?: string }> {
  const out = await lambda.send(new InvokeCommand({ FunctionName: name, Payload: Buffer.from('{}') }));
  return { text: Buffer.from(out.Payload ?? []).toString('utf8'), ...(out.FunctionError ? { error: out.FunctionError } : {}) };
}

/**
 * Waits until an exec stem whose command label matches is ready (the pool refills in the background). /health shows
 * no paths (gateway/health.ts): labels read `exec: <path> (<path> 512 MB)` there.
 */
async function readyExecStem(label: RegExp): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const h = await health();
    if (h.environments.stems.commands.some((c) => label.test(c.command) && c.ready >= 1)) return;
    if (Date.now() > deadline) throw new Error(`no ready exec stem for ${label}: ${JSON.stringify(h.environments.stems)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Serves one invocation at a time; for each, answers with what the process sees (key=value lines, one per fact). */
const SHELL_BOOTSTRAP = `#!/bin/sh
report() {
  echo "args=$0 $*"
  echo "id=$(id -u):$(id -g):$(id -G)"
  echo "cwd=$(pwd)"
  echo "umask=$(umask)"
  grep -E '^(SigIgn|SigBlk|CapInh|CapPrm|CapEff|CapBnd|NoNewPrivs)' /proc/$$/status | tr -d '\\t' | sed 's/:/=/'
  echo "oom=$(cat /proc/$$/oom_score_adj)"
  echo "pid=$$"
  echo "fds=$(ls /proc/$$/fd | sort -n | tr '\\n' ' ')"
  echo "init=$(cat /proc/1/comm)"
  echo "self=$(tr '\\0' ' ' </proc/$$/cmdline)"
  # Every process but the sandbox's init (bwrap, whose own command line names the command it was given).
  echo "python=$(for f in /proc/[0-9]*/cmdline; do [ "$f" = /proc/1/cmdline ] || { tr '\\0' ' ' <"$f"; echo; }; done | grep -c '[p]ython')"
  echo "tmp=$(ls -A /tmp | tr '\\n' ' ')"
  echo "tmpsize=$(df -k /tmp | awk 'NR==2 {print $2}')"
  echo "stdin=$(readlink /proc/$$/fd/0)"
  if touch /var/task/written 2>/dev/null; then echo "task=writable"; else echo "task=read-only"; fi
  echo "code=$(cat /var/task/data.txt)"
  env | sort | sed 's/^/env./'
}
# Computed before anything is written to /tmp.
REPORT=$(report "$@")
printf '%s\n' "$REPORT" >/tmp/report-$$
echo "$AWS_LAMBDA_FUNCTION_NAME" >/tmp/left-by-function
while true; do
  HEADERS=/tmp/headers-$$
  curl -sS -D "$HEADERS" -o /dev/null "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/next"
  ID=$(grep -i Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  curl -sS -o /dev/null -X POST "http://$AWS_LAMBDA_RUNTIME_API/2018-06-01/runtime/invocation/$ID/response" --data-binary @/tmp/report-$$
done
`;

function parse(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const i = line.indexOf('=');
    if (i > 0) m.set(line.slice(0, i), line.slice(i + 1));
  }
  return m;
}

/** Facts that differ between two functions by design: their names, ids, endpoints and own variables. */
// The execution role's credentials are minted per environment: same names, other values.
const PER_FUNCTION =
  /^env\.(AWS_LAMBDA_FUNCTION_NAME|AWS_LAMBDA_LOG_GROUP_NAME|AWS_LAMBDA_LOG_STREAM_NAME|AWS_LAMBDA_RUNTIME_API|MARK|AWS_ACCESS_KEY_ID|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN)$/;

describe('exec stems', () => {
  test('a provided.al2023 function started from an exec stem sees exactly what a fresh sandbox gives it', async (t) => {
    if (!available) return t.skip('exec stems need bubblewrap and root');
    const files: ZipFiles = { bootstrap: { content: SHELL_BOOTSTRAP, mode: 0o755 }, 'data.txt': 'the code' };
    const cfg = (mark: string): Partial<CreateFunctionCommandInput> => ({
      Runtime: 'provided.al2023', Handler: 'unused', MemorySize: 256, Environment: { Variables: { MARK: mark, SHARED: 'same' } },
    });
    // The first cold start of this command finds no stem: a fresh sandbox, the reference. It marks the command used.
    await deploy('exec-fresh', files, cfg('fresh'));
    const s0 = (await health()).environments.stems;
    const fresh = await invoke('exec-fresh');
    assert.equal(fresh.error, undefined, fresh.text);
    assert.equal((await health()).environments.stems.hits, s0.hits, 'the reference started in a fresh sandbox');

    await readyExecStem(/^exec: (?:\/var\/task\/bootstrap|<path>) \((?:\/tmp|<path>) 512 MB\)$/);
    await deploy('exec-a', files, cfg('a'));
    const h1 = (await health()).environments.stems.hits;
    const a = await invoke('exec-a');
    assert.equal(a.error, undefined, a.text);
    assert.equal((await health()).environments.stems.hits, h1 + 1, 'served by an exec stem');

    const want = parse(fresh.text);
    const got = parse(a.text);
    assert.equal(got.get('env.MARK'), 'a');
    assert.equal(got.get('env.AWS_LAMBDA_FUNCTION_NAME'), 'exec-a');
    assert.equal(got.get('env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE'), '256');
    assert.equal(got.get('args'), '/var/task/bootstrap ');
    assert.equal(got.get('id'), '993:990:990');
    assert.equal(got.get('cwd'), '/var/task');
    assert.equal(got.get('task'), 'read-only');
    assert.equal(got.get('code'), 'the code');
    assert.equal(got.get('tmp'), '', 'nothing in /tmp');
    assert.equal(got.get('stdin'), '/dev/null');
    assert.equal(got.get('CapEff'), '0000000000000000');
    assert.equal(got.get('python'), '0', 'no waiter left in the sandbox');
    assert.equal(got.get('self'), '/bin/sh /var/task/bootstrap ');
    assert.deepEqual([...got.keys()].filter((k) => /LAMBENT|STEM/i.test(k)), [], 'nothing of the stem in the environment');
    // Everything else is identical to the fresh sandbox: the same variables (names and values), signal
    // dispositions (the waiter's ignored SIGPIPE is not inherited), capabilities, descriptors, the sandbox's init and
    // pid, /tmp and its size, uid.
    for (const [k, v] of want) {
      if (PER_FUNCTION.test(k)) continue;
      assert.equal(got.get(k), v, k);
    }
    assert.deepEqual([...got.keys()].sort(), [...want.keys()].sort());

    // The next function from the next exec stem finds nothing of exec-a (its /tmp file, its variables).
    await readyExecStem(/^exec: (?:\/var\/task\/bootstrap|<path>) \((?:\/tmp|<path>) 512 MB\)$/);
    await deploy('exec-b', files, { ...cfg('b'), Environment: { Variables: { MARK: 'b' } } });
    const h2 = (await health()).environments.stems.hits;
    const b = parse((await invoke('exec-b')).text);
    assert.equal((await health()).environments.stems.hits, h2 + 1, 'served by an exec stem');
    assert.equal(b.get('env.MARK'), 'b');
    assert.equal(b.get('env.SHARED'), undefined, "exec-a's variable is gone");
    assert.equal(b.get('tmp'), '');
  });

  test('a function with NODE_OPTIONS and another /tmp size starts from an exec stem with both applied', async (t) => {
    if (!available) return t.skip('exec stems need bubblewrap and root');
    const code = {
      'index.js': [
        "const fs = require('node:fs');",
        'const loaded = Date.now();',
        'exports.handler = async () => {',
        '  let writeError = null;',
        "  try { fs.writeFileSync(__filename + '.x', 'x'); } catch (e) { writeError = e.code; }",
        "  fs.writeFileSync('/tmp/left-by-' + process.env.AWS_LAMBDA_FUNCTION_NAME, 'x');",
        "  return { env: process.env, argv: process.argv, execArgv: process.execArgv, dirname: __dirname, uid: process.getuid(), writeError, loaded,",
        "    heap: require('node:v8').getHeapStatistics().heap_size_limit, tmp: fs.readdirSync('/tmp'), tmpKb: fs.statfsSync('/tmp').blocks * fs.statfsSync('/tmp').bsize / 1024 };",
        '};',
      ].join('\n'),
    };
    const cfg = (mark: string): Partial<CreateFunctionCommandInput> => ({
      Runtime: 'nodejs20.x', Handler: 'index.handler', EphemeralStorage: { Size: 1024 },
      Environment: { Variables: { NODE_OPTIONS: '--max-old-space-size=100', MARK: mark } },
    });
    await deploy('exec-node-first', code, cfg('first'));
    const first = JSON.parse((await invoke('exec-node-first')).text);
    // Keyed by the command and /tmp's size: node with the runtime's bootstrap, /tmp 1024 MB.
    await readyExecStem(/^exec: (?:\S*node|<path>) (?:\S*bootstrap\.mjs|<path>) \((?:\/tmp|<path>) 1024 MB\)$/);
    const stems = (await health()).environments.stems;

    await deploy('exec-node', code, cfg('second'));
    const r = await invoke('exec-node');
    assert.equal(r.error, undefined, r.text);
    assert.equal((await health()).environments.stems.hits, stems.hits + 1, 'served by an exec stem');
    const j = JSON.parse(r.text);
    assert.equal(j.env.NODE_OPTIONS, '--max-old-space-size=100');
    assert.ok(j.heap < 200 * 1024 * 1024, `NODE_OPTIONS applied at process start (heap limit ${j.heap})`);
    assert.equal(j.env.MARK, 'second');
    assert.equal(j.env.AWS_LAMBDA_FUNCTION_NAME, 'exec-node');
    assert.deepEqual(j.argv, first.argv, 'the same command as a fresh start');
    assert.deepEqual(Object.keys(j.env).sort(), Object.keys(first.env).sort(), 'the same variables as a fresh start');
    assert.deepEqual(Object.keys(j.env).filter((k) => /LAMBENT|STEM/i.test(k)), []);
    assert.equal(j.dirname, '/var/task');
    assert.equal(j.uid, 993);
    assert.equal(j.writeError, 'EROFS');
    assert.deepEqual(j.tmp, ['left-by-exec-node'], 'a /tmp of its own');
    assert.equal(j.tmpKb, first.tmpKb, '/tmp has the configured size');
    assert.equal(j.tmpKb, 1024 * 1024);
  });
});
