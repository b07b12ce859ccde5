// Lambent's Node.js runtime: speaks the Lambda Runtime API and runs a handler
// the way AWS's Node runtime (aws-lambda-nodejs-runtime-interface-client)
// does. Plain modern JS, node built-ins only; started as
//   node /var/runtime/bootstrap.mjs [handler]
// Reads AWS_LAMBDA_RUNTIME_API, _HANDLER (or argv[2]), LAMBDA_TASK_ROOT
// (default: cwd), and for the context AWS_LAMBDA_FUNCTION_NAME,
// AWS_LAMBDA_FUNCTION_VERSION, AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
// AWS_LAMBDA_LOG_GROUP_NAME, AWS_LAMBDA_LOG_STREAM_NAME; for logging
// AWS_LAMBDA_LOG_FORMAT (Text|JSON) and AWS_LAMBDA_LOG_LEVEL.
//
// Exit codes (as AWS's runtime): 129 after an uncaught exception (or an init
// failure, reported on /runtime/init/error), 128 after an unhandled promise
// rejection, 1 when the Runtime API itself fails.
//
// Stem-cell mode (LAMBENT_STEM=1, Lambent's pre-started pool): the runtime
// boots with no function, warms its loaders, connects to its Runtime API,
// prints STEM_READY on stdout and blocks reading stdin. The first line,
// {"env":{...}}, is the function's complete environment: process.env is
// replaced with it (nothing of the stem's own remains) and NODE_PATH re-read.
// The second line, "go", says the code is mounted: it enters LAMBDA_TASK_ROOT
// and continues exactly as a normal start (handler import timed as init).
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import Module, { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const nodeRequire = createRequire(import.meta.url);

/** Stem-cell mode: the Runtime API connection, opened before specialization (RapidConnection adopts it). */
let preconnected = null;
if (process.env.LAMBENT_STEM === '1') await specialize();

async function specialize() {
  // Pay first-use costs now, not during the function's init: the CommonJS loader, the ESM loader (first dynamic
  // import), and the connection to the Runtime API (its address stays the same after specialization).
  const here = path.dirname(new URL(import.meta.url).pathname);
  nodeRequire(path.join(here, 'warm.cjs'));
  await import(pathToFileURL(path.join(here, 'warm.mjs')).href);
  const api = process.env.AWS_LAMBDA_RUNTIME_API ?? '';
  preconnected = await new Promise((resolve) => {
    const s = net.connect({ ...hostPort(api), noDelay: true });
    s.once('error', () => resolve(null)); // connect normally later
    // One complete request/response, so the idle connection is between requests: the server's headers timeout only
    // runs while a request is being received, and a stem may wait long in the pool.
    s.write(`GET /2018-06-01/ping HTTP/1.1\r\nHost: ${api}\r\n\r\n`);
    let got = Buffer.alloc(0);
    const onData = (chunk) => {
      got = Buffer.concat([got, chunk]);
      const end = got.indexOf('\r\n\r\n');
      if (end < 0) return;
      const len = Number(/content-length:\s*(\d+)/i.exec(got.toString('latin1', 0, end))?.[1] ?? 0);
      if (got.length < end + 4 + len) return;
      s.off('data', onData);
      resolve(s);
    };
    s.on('data', onData);
  });
  preconnected?.unref();
  fs.writeSync(1, 'STEM_READY\n');
  const stdin = lineReader(0);
  const { env } = JSON.parse(stdin());
  for (const k of Object.keys(process.env)) delete process.env[k];
  Object.assign(process.env, env);
  Module._initPaths(); // NODE_PATH as the function sets it
  // Second line: the code is mounted at the task root now.
  if (stdin() !== 'go') process.exit(0);
  process.chdir(process.env.LAMBDA_TASK_ROOT || '/var/task');
}

/** host:port of AWS_LAMBDA_RUNTIME_API (an IPv6 host in brackets). */
function hostPort(api) {
  const colon = api.lastIndexOf(':');
  return { host: api.slice(0, colon).replace(/^\[(.*)\]$/, '$1'), port: Number(api.slice(colon + 1)) };
}

/** Blocking reads of whole lines from fd (nothing else runs in a stem meanwhile); exits at end of input. */
function lineReader(fd) {
  let pending = Buffer.alloc(0);
  const buf = Buffer.alloc(65536);
  return () => {
    for (;;) {
      const nl = pending.indexOf(10);
      if (nl >= 0) {
        const line = pending.toString('utf8', 0, nl);
        pending = pending.subarray(nl + 1);
        return line;
      }
      let n;
      try {
        n = fs.readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if (e.code === 'EAGAIN') continue;
        throw e;
      }
      if (n === 0) process.exit(0); // Lambent went away before using this stem
      pending = Buffer.concat([pending, buf.subarray(0, n)]);
    }
  };
}

// ---------------------------------------------------------------------------------------------
// Errors, serialized as Lambda does: {"errorType","errorMessage","trace":[stack lines]}.

class ImportModuleError extends Error {}
class HandlerNotFound extends Error {}
class MalformedHandlerName extends Error {}
class UserCodeSyntaxError extends Error {}
class MalformedStreamingHandler extends Error {}
class InvalidStreamingOperation extends Error {}
class UnhandledPromiseRejection extends Error {
  constructor(reason, promise) {
    super(reason);
    this.reason = reason;
    this.promise = promise;
  }
}
for (const E of [ImportModuleError, HandlerNotFound, MalformedHandlerName, UserCodeSyntaxError, MalformedStreamingHandler, InvalidStreamingOperation, UnhandledPromiseRejection]) {
  E.prototype.name = `Runtime.${E.name}`;
}

function isErrorLike(o) {
  return o && typeof o.name === 'string' && typeof o.message === 'string' && typeof o.stack === 'string' && o.name && o.message && o.stack;
}

function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      return {
        errorType: error.name?.replace(/\x7F/g, '%7F'),
        errorMessage: error.message?.replace(/\x7F/g, '%7F'),
        trace: error.stack.replace(/\x7F/g, '%7F').split('\n'),
      };
    }
    return { errorType: typeof error, errorMessage: error.toString(), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage: 'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
    };
  }
}

function withEnumerableProperties(error) {
  if (error instanceof Error) {
    const ret = Object.assign({ errorType: error.name, errorMessage: error.message, code: error.code }, error);
    if (typeof error.stack === 'string') ret.stack = error.stack.split('\n');
    return ret;
  }
  return error;
}

function toFormatted(error) {
  try {
    return '\t' + JSON.stringify(error, (_k, v) => withEnumerableProperties(v));
  } catch {
    return '\t' + JSON.stringify(toRapidResponse(error));
  }
}

const intoError = (err) => (err instanceof Error ? err : new Error(err));

// ---------------------------------------------------------------------------------------------
// Logging: console.* → "<ISO time>\t<requestId>\t<LEVEL>\t<message>\n" on stdout, one write per
// call; newlines inside a message become \r so one call stays one line (AWS's stdout mode).

const REQUEST_ID = Symbol.for('aws.lambda.runtime.requestId');
const TENANT_ID = Symbol.for('aws.lambda.runtime.tenantId');
const LEVELS = {
  TRACE: { name: 'TRACE', priority: 1 },
  DEBUG: { name: 'DEBUG', priority: 2 },
  INFO: { name: 'INFO', priority: 3 },
  WARN: { name: 'WARN', priority: 4 },
  ERROR: { name: 'ERROR', priority: 5 },
  FATAL: { name: 'FATAL', priority: 6 },
};
const JSON_LOGS = process.env.AWS_LAMBDA_LOG_FORMAT?.toUpperCase() === 'JSON';
const NL = /\n/g;
let logError; // (msg, err) → logs an error the way the runtime does

function writeText(level, message, ...params) {
  const line = `${new Date().toISOString()}\t${globalThis[REQUEST_ID]}\t${level.name}\t${util.format(message, ...params)}`;
  process.stdout.write(line.replace(NL, '\r') + '\n');
}

function jsonErrorReplacer(_k, value) {
  if (value instanceof Error) {
    return Object.assign(
      {
        errorType: value?.constructor?.name ?? 'UnknownError',
        errorMessage: value.message,
        stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
      },
      value,
    );
  }
  return value;
}

function writeJson(level, ...params) {
  const result = { timestamp: new Date().toISOString(), level: level.name, requestId: globalThis[REQUEST_ID] };
  const tenantId = globalThis[TENANT_ID];
  if (tenantId !== undefined && tenantId !== null) result.tenantId = tenantId;
  let line;
  if (params.length === 1) {
    result.message = params[0];
    try {
      line = JSON.stringify(result, jsonErrorReplacer);
    } catch {
      result.message = util.format(result.message);
      line = JSON.stringify(result);
    }
  } else {
    result.message = util.format(...params);
    for (const p of params) {
      if (p instanceof Error) {
        result.errorType = p?.constructor?.name ?? 'UnknownError';
        result.errorMessage = p.message;
        result.stackTrace = typeof p.stack === 'string' ? p.stack.split('\n') : [];
        break;
      }
    }
    line = JSON.stringify(result);
  }
  process.stdout.write(line.replace(NL, '\r') + '\n');
}

function patchConsole() {
  const write = JSON_LOGS ? writeJson : writeText;
  const min = LEVELS[process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase()] ?? LEVELS.TRACE;
  const nop = () => {};
  const make = (level) => (level.priority >= min.priority ? (msg, ...params) => write(level, msg, ...params) : nop);
  console.trace = make(LEVELS.TRACE);
  console.debug = make(LEVELS.DEBUG);
  console.info = make(LEVELS.INFO);
  console.log = console.info;
  console.warn = make(LEVELS.WARN);
  console.error = make(LEVELS.ERROR);
  console.fatal = (msg, ...params) => write(LEVELS.FATAL, msg, ...params);
  logError = JSON_LOGS
    ? (_msg, err) => console.error(intoError(err))
    : (msg, err) => console.error(msg, toFormatted(intoError(err)));
}

// ---------------------------------------------------------------------------------------------
// Runtime API client. The hot path (GET /next, POST …/response|error) runs over one keep-alive
// TCP connection with a minimal HTTP/1.1 client: a result is written together with the next
// GET /next (pipelined, as one segment), so the runtime never waits for the 202 before asking
// for more work. The connection is unref'd whenever no request is outstanding so 'beforeExit'
// still means "the user's work drained". Out-of-band posts (init errors, uncaught exceptions:
// a /next may be pending on the main connection) and streamed responses go through node:http
// with one keep-alive agent.

const API = process.env.AWS_LAMBDA_RUNTIME_API;
if (!API) {
  process.stderr.write('bootstrap: AWS_LAMBDA_RUNTIME_API is not set\n');
  process.exit(1);
}
const { host: API_HOST, port: API_PORT } = hostPort(API);
const agent = new http.Agent({ keepAlive: true });
const BASE = '/2018-06-01/runtime/';
const JSON_TYPE = 'application/json';
const HOST_HEADER = `Host: ${API}\r\n`;
const NEXT_REQUEST = Buffer.from(`GET ${BASE}invocation/next HTTP/1.1\r\n${HOST_HEADER}\r\n`, 'latin1');

function fatalApiError(err) {
  process.stderr.write(`bootstrap: Runtime API request failed: ${err?.stack ?? err}\n`);
  process.exit(1);
}

/** One pipelined HTTP/1.1 connection; responses are matched to requests in order. */
class RapidConnection {
  socket = null;
  pending = []; // callbacks (status, headers, body), in request order
  bufs = [];
  bufLen = 0;
  need = 0; // bytes needed before parsing is worth trying again (0: unknown)
  head = null; // parsed status line + headers of the response being read

  connect() {
    const s = preconnected ?? net.connect({ host: API_HOST, port: API_PORT, noDelay: true });
    preconnected = null;
    s.setNoDelay(true);
    s.on('data', (c) => this.onData(c));
    s.on('error', () => {}); // 'close' follows
    s.on('close', () => {
      if (this.socket === s) this.socket = null;
      if (this.pending.length > 0) fatalApiError(new Error('Runtime API connection closed'));
    });
    this.socket = s;
    return s;
  }

  /** Writes raw request bytes; one callback per request contained, in order. */
  write(chunks, callbacks) {
    const s = this.socket ?? this.connect();
    for (const cb of callbacks) this.pending.push(cb);
    s.ref();
    if (chunks.length === 1) s.write(chunks[0]);
    else {
      s.cork();
      for (const c of chunks) s.write(c);
      s.uncork();
    }
  }

  onData(chunk) {
    this.bufs.push(chunk);
    this.bufLen += chunk.length;
    if (this.bufLen < this.need) return;
    let buf = this.bufs.length === 1 ? this.bufs[0] : Buffer.concat(this.bufs, this.bufLen);
    this.bufs = [];
    this.bufLen = 0;
    this.need = 0;
    for (;;) {
      if (this.head === null) {
        const end = buf.indexOf('\r\n\r\n', 0, 'latin1');
        if (end < 0) {
          if (buf.length > MAX_HEAD_BYTES) fatalApiError(new Error('Runtime API response head too large'));
          break;
        }
        if (end > MAX_HEAD_BYTES) fatalApiError(new Error('Runtime API response head too large'));
        const head = parseHead(buf.toString('latin1', 0, end));
        if (head === null) fatalApiError(new Error(`malformed Runtime API response: ${JSON.stringify(buf.toString('latin1', 0, Math.min(end, 200)))}`));
        buf = buf.subarray(end + 4);
        // 1xx (100 Continue): informational, no body; the answer to the request follows.
        if (head.status < 200) continue;
        this.head = head;
      }
      const h = this.head;
      let body;
      if (h.chunked) {
        const r = dechunk(buf);
        if (r === null) break;
        if (r.error) fatalApiError(new Error(`malformed Runtime API response: ${r.error}`));
        body = r.body;
        buf = buf.subarray(r.consumed);
      } else {
        if (buf.length < h.length) {
          this.need = h.length;
          break;
        }
        body = buf.subarray(0, h.length);
        buf = buf.subarray(h.length);
      }
      this.head = null;
      const cb = this.pending.shift();
      if (cb !== undefined) cb(h.status, h.headers, body);
    }
    if (buf.length > 0) {
      this.bufs.push(buf);
      this.bufLen = buf.length;
    }
    if (this.pending.length === 0 && this.socket !== null) this.socket.unref();
  }
}

// A broken or hostile Runtime API must not make the runtime buffer without bound or misframe what follows: a head
// past 1 MiB, a body past 64 MiB (invocation payloads are at most 6 MB), a Content-Length or chunk size that is not a
// plain number, conflicting lengths or an unknown transfer coding end the runtime (fatalApiError), as a closed
// connection does.
const MAX_HEAD_BYTES = 1 << 20;
const MAX_BODY_BYTES = 64 << 20;
const STATUS_LINE = /^HTTP\/1\.[01] ([1-5]\d\d)(?: |$)/;
const DIGITS = /^\d{1,12}$/;

/** Status and headers of a response head; null when it is not HTTP/1.x or cannot be framed. */
function parseHead(text) {
  const lines = text.split('\r\n');
  const m = STATUS_LINE.exec(lines[0]);
  if (m === null) return null;
  const headers = {};
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i];
    const c = line.indexOf(':');
    if (c <= 0) continue;
    const name = line.slice(0, c).trim().toLowerCase();
    const value = line.slice(c + 1).trim();
    if (name === 'content-length' && headers[name] !== undefined && headers[name] !== value) return null;
    headers[name] = value;
  }
  const te = headers['transfer-encoding'];
  if (te !== undefined && te.toLowerCase() !== 'chunked') return null;
  const chunked = te !== undefined;
  const cl = headers['content-length'];
  if (!chunked && cl !== undefined && (!DIGITS.test(cl) || Number(cl) > MAX_BODY_BYTES)) return null;
  return { status: Number(m[1]), headers, chunked, length: chunked ? 0 : Number(cl ?? 0) };
}

const CHUNK_SIZE = /^([0-9a-fA-F]{1,8})(?:[ \t]*;.*)?$/;

/**
 * Decodes a complete chunked body at the start of buf: { body, consumed }, null when more bytes are needed, or
 * { error } when the framing is broken.
 */
function dechunk(buf) {
  const parts = [];
  let total = 0;
  let pos = 0;
  for (;;) {
    const eol = buf.indexOf('\r\n', pos, 'latin1');
    if (eol < 0) return buf.length - pos > 4096 ? { error: 'chunk size line too long' } : null;
    const m = CHUNK_SIZE.exec(buf.toString('latin1', pos, eol));
    if (m === null) return { error: 'bad chunk size' };
    const size = parseInt(m[1], 16);
    total += size;
    if (total > MAX_BODY_BYTES) return { error: 'chunked body too large' };
    pos = eol + 2;
    if (size === 0) {
      // Skip trailers up to the blank line.
      for (;;) {
        const e = buf.indexOf('\r\n', pos, 'latin1');
        if (e < 0) return buf.length - pos > MAX_HEAD_BYTES ? { error: 'trailers too large' } : null;
        const blank = e === pos;
        pos = e + 2;
        if (blank) return { body: Buffer.concat(parts), consumed: pos };
      }
    }
    if (buf.length < pos + size + 2) return null;
    if (buf[pos + size] !== 13 || buf[pos + size + 1] !== 10) return { error: 'chunk not followed by CRLF' };
    parts.push(buf.subarray(pos, pos + size));
    pos += size + 2;
  }
}

const rapid = new RapidConnection();

/** GET /next → { headers, body } (resolves once the runtime has work). */
function nextInvocation() {
  return new Promise((resolve, reject) => {
    rapid.write([NEXT_REQUEST], [
      (status, headers, body) => {
        if (status === 200 && headers['lambda-runtime-aws-request-id']) resolve({ headers, body });
        else if (status === 200) reject(new Error('GET /next answered without Lambda-Runtime-Aws-Request-Id'));
        else reject(new Error(`GET /next answered ${status}: ${body.toString('utf8', 0, 300)}`));
      },
    ]);
  });
}

const ignoreAnswer = () => {};

/** POST on the main connection without waiting for the answer (the runtime's client ignores it too). */
function postFast(urlPath, body) {
  const buf = Buffer.from(body);
  const head = `POST ${urlPath} HTTP/1.1\r\n${HOST_HEADER}Content-Type: ${JSON_TYPE}\r\nContent-Length: ${buf.length}\r\n\r\n`;
  // Corked until the next tick: a GET /next written meanwhile leaves in the same segment.
  const s = rapid.socket ?? rapid.connect();
  s.cork();
  rapid.write([Buffer.from(head, 'latin1'), buf], [ignoreAnswer]);
  process.nextTick(uncorkAll, s);
}
function uncorkAll(s) {
  while (s.writableCorked > 0) s.uncork();
}

/** POST on its own connection; calls back once answered (used when a /next may be pending). */
function postOutOfBand(urlPath, body, headers, callback) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  headers['Content-Length'] = buf.length;
  const req = http.request({ agent, host: API_HOST, port: API_PORT, path: urlPath, method: 'POST', headers }, (res) => {
    res.resume();
    res.on('end', () => callback(res.statusCode));
  });
  req.on('error', (err) => {
    process.stderr.write(`bootstrap: Runtime API request failed: ${err?.stack ?? err}\n`);
    callback(0);
  });
  req.end(buf);
}

function serialize(body) {
  try {
    return JSON.stringify(body === undefined ? null : body);
  } catch {
    throw new Error('Unable to stringify response body');
  }
}

const invocationPath = (id, what) => BASE + 'invocation/' + encodeURIComponent(id) + what;

const client = {
  /** Posts the result, then calls back at once (the next GET /next is pipelined behind it). */
  postInvocationResponse(result, id, callback) {
    postFast(invocationPath(id, '/response'), serialize(result));
    callback();
  },
  postInvocationError(error, id, callback) {
    postFast(invocationPath(id, '/error'), serialize(toRapidResponse(error)));
    callback();
  },
  /** For uncaught errors: own connection, calls back after the Runtime API answered. */
  postInvocationErrorAndWait(error, id, callback) {
    postOutOfBand(invocationPath(id, '/error'), serialize(toRapidResponse(error)), { 'Content-Type': JSON_TYPE }, () => callback());
  },
  postInitError(error, callback) {
    const response = toRapidResponse(error);
    const headers = { 'Content-Type': JSON_TYPE };
    if (typeof response.errorType === 'string' && /^[\x21-\x7e]+$/.test(response.errorType)) {
      headers['Lambda-Runtime-Function-Error-Type'] = response.errorType;
    }
    postOutOfBand(BASE + 'init/error', serialize(response), headers, () => callback());
  },
};

// ---------------------------------------------------------------------------------------------
// beforeExit: how "wait for an empty event loop" is implemented (as AWS's runtime does). The
// runtime's own connections are unref'd while idle (RapidConnection when nothing is pending,
// the agent's free sockets), so 'beforeExit' fires exactly when the user's pending work
// (timers, sockets, promises) has drained.

const NO_OP = () => {};
let beforeExitListener = NO_OP;
const BeforeExit = {
  reset: () => (beforeExitListener = NO_OP),
  set: (fn) => (beforeExitListener = fn),
};

// ---------------------------------------------------------------------------------------------
// Loading the handler (AWS's UserFunction rules).

const FUNCTION_EXPR = /^([^.]*)\.(.*)$/;
const HANDLER_STREAMING = Symbol.for('aws.lambda.runtime.handler.streaming');
const HANDLER_HIGHWATERMARK = Symbol.for('aws.lambda.runtime.handler.streaming.highWaterMark');
const STREAM_RESPONSE = 'response';

function hasPackageTypeModule(dir) {
  for (let d = dir; ; d = path.dirname(d)) {
    if (d.endsWith('/node_modules')) return false;
    const pj = path.join(d, 'package.json');
    if (fs.existsSync(pj)) {
      try {
        return JSON.parse(fs.readFileSync(pj, 'utf8'))?.type === 'module';
      } catch (e) {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
        return false;
      }
    }
    if (d === path.dirname(d)) return false;
  }
}

const isFile = (p) => {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
};

/** Finds the user's module file: <name>, <name>.js, .mjs, .cjs, then node resolution from the task root. */
function resolveModuleFile(appRoot, moduleRoot, moduleName) {
  const base = path.resolve(appRoot, moduleRoot, moduleName);
  if (fs.existsSync(base)) return isFile(base) ? base : nodeRequire.resolve(base);
  for (const ext of ['.js', '.mjs', '.cjs']) if (isFile(base + ext)) return base + ext;
  // As AWS: require.resolve relative to the task root (throws MODULE_NOT_FOUND).
  return nodeRequire.resolve(moduleName, { paths: [appRoot, path.resolve(appRoot, moduleRoot)] });
}

function isEsm(file) {
  if (file.endsWith('.mjs')) return true;
  if (file.endsWith('.cjs')) return false;
  return file.endsWith('.js') && hasPackageTypeModule(path.dirname(file));
}

async function loadUserModule(appRoot, moduleRoot, moduleName) {
  globalThis.awslambda = {
    streamifyResponse(handler, options) {
      handler[HANDLER_STREAMING] = STREAM_RESPONSE;
      if (typeof options?.highWaterMark === 'number') handler[HANDLER_HIGHWATERMARK] = parseInt(options.highWaterMark);
      return handler;
    },
    HttpResponseStream,
  };
  try {
    const file = resolveModuleFile(appRoot, moduleRoot, moduleName);
    // CommonJS through require(), as AWS's runtime does (and several ms faster than import() of a CJS file).
    if (!isEsm(file)) return nodeRequire(file);
    return await import(pathToFileURL(file).href);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UserCodeSyntaxError(e);
    if (e?.code === 'MODULE_NOT_FOUND' || e?.code === 'ERR_MODULE_NOT_FOUND') throw new ImportModuleError(e);
    throw e;
  }
}

async function loadHandler(appRoot, fullHandlerString) {
  if (fullHandlerString.includes('..')) {
    throw new MalformedHandlerName(
      `'${fullHandlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const handlerString = path.basename(fullHandlerString);
  const moduleRoot = fullHandlerString.substring(0, fullHandlerString.indexOf(handlerString));
  const match = handlerString.match(FUNCTION_EXPR);
  if (!match || match.length !== 3) throw new MalformedHandlerName('Bad handler');
  const [, moduleName, handlerPath] = match;
  const app = await loadUserModule(appRoot, moduleRoot, moduleName);
  const fn = handlerPath.split('.').reduce((o, k) => o && o[k], app);
  if (!fn) throw new HandlerNotFound(`${fullHandlerString} is undefined or not exported`);
  if (typeof fn !== 'function') throw new HandlerNotFound(`${fullHandlerString} is not a function`);
  return fn;
}

function streamingMode(fn) {
  const v = fn[HANDLER_STREAMING];
  if (v === undefined || v === null || v === false) return false;
  if (v === STREAM_RESPONSE) return STREAM_RESPONSE;
  throw new MalformedStreamingHandler('Only response streaming is supported.');
}

// ---------------------------------------------------------------------------------------------
// The invocation context.

const parseJsonHeader = (value, name) => {
  if (value === undefined) return undefined;
  try {
    return JSON.parse(Buffer.from(value, 'latin1').toString('utf8'));
  } catch (err) {
    throw new Error(`Cannot parse ${name} as json: ${err.toString()}`);
  }
};

function attachEnvironmentData(ctx, headers) {
  const trace = headers['lambda-runtime-trace-id'];
  if (trace) process.env._X_AMZN_TRACE_ID = trace;
  else delete process.env._X_AMZN_TRACE_ID;
  const deadline = Number(headers['lambda-runtime-deadline-ms']);
  ctx.functionVersion = process.env.AWS_LAMBDA_FUNCTION_VERSION;
  ctx.functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
  ctx.memoryLimitInMB = process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE;
  ctx.logGroupName = process.env.AWS_LAMBDA_LOG_GROUP_NAME;
  ctx.logStreamName = process.env.AWS_LAMBDA_LOG_STREAM_NAME;
  ctx.clientContext = parseJsonHeader(headers['lambda-runtime-client-context'], 'ClientContext');
  ctx.identity = parseJsonHeader(headers['lambda-runtime-cognito-identity'], 'CognitoIdentity');
  ctx.invokedFunctionArn = headers['lambda-runtime-invoked-function-arn'];
  ctx.awsRequestId = headers['lambda-runtime-aws-request-id'];
  ctx.tenantId = headers['lambda-runtime-aws-tenant-id'];
  ctx.getRemainingTimeInMillis = () => deadline - Date.now();
  return ctx;
}

/** callback + context.{done,succeed,fail,callbackWaitsForEmptyEventLoop}; only the first completion counts. */
function buildCallbackContext(id, scheduleNext) {
  const postError = (err, cb) => {
    logError('Invoke Error', err);
    client.postInvocationError(err, id, cb);
  };
  let completed = false;
  const complete = (result, cb) => {
    if (completed) {
      console.error('Invocation has already been reported as done. Cannot call complete more than once per invocation.');
      return;
    }
    completed = true;
    client.postInvocationResponse(result, id, cb);
  };
  let waitForEmptyEventLoop = true;
  const callback = (err, result) => {
    BeforeExit.reset();
    if (err !== undefined && err !== null) postError(err, scheduleNext);
    else if (!waitForEmptyEventLoop) complete(result, scheduleNext);
    else BeforeExit.set(() => setImmediate(() => complete(result, scheduleNext)));
  };
  const done = (err, result) => {
    BeforeExit.reset();
    if (err !== undefined && err !== null) postError(err, scheduleNext);
    else complete(result, scheduleNext);
  };
  const context = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(v) {
      waitForEmptyEventLoop = v;
    },
    succeed: (result) => done(null, result),
    fail: (err) => (err === undefined || err === null ? done('handled') : done(err, null)),
    done,
  };
  let finished = false;
  const once = (fn) =>
    function () {
      if (!finished) {
        fn.apply(null, arguments);
        finished = true;
      }
    };
  context.succeed = once(context.succeed);
  context.fail = once(context.fail);
  context.done = once(context.done);
  return [once(callback), context, () => (completed = true)];
}

// ---------------------------------------------------------------------------------------------
// Streaming responses (awslambda.streamifyResponse).

const METADATA_PRELUDE_CONTENT_TYPE = 'application/vnd.awslambda.http-integration-response';
class HttpResponseStream {
  static from(underlyingStream, prelude) {
    underlyingStream.setContentType(METADATA_PRELUDE_CONTENT_TYPE);
    const metadataPrelude = JSON.stringify(prelude);
    underlyingStream._onBeforeFirstWrite = (write) => {
      write(metadataPrelude);
      write(new Uint8Array(8));
    };
    return underlyingStream;
  }
}

function createResponseStream(id, highWaterMark) {
  const req = http.request({
    agent,
    host: API_HOST,
    port: API_PORT,
    path: BASE + 'invocation/' + encodeURIComponent(id) + '/response',
    method: 'POST',
    highWaterMark,
    headers: {
      'Lambda-Runtime-Function-Response-Mode': 'streaming',
      Trailer: 'Lambda-Runtime-Function-Error-Type, Lambda-Runtime-Function-Error-Body',
      'Content-Type': 'application/octet-stream',
      'Transfer-Encoding': 'chunked',
    },
  });
  const responseDone = new Promise((resolve, reject) => {
    req.on('response', (res) => {
      res.resume();
      res.on('end', resolve);
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  let written = false;
  req.setContentType = (contentType) => {
    if (written) throw new InvalidStreamingOperation('Cannot set content-type, too late.');
    req.setHeader('Content-Type', contentType);
  };
  const origWrite = req.write.bind(req);
  req.write = function (chunk, encoding, callback) {
    if (typeof chunk !== 'string' && !Buffer.isBuffer(chunk) && chunk?.constructor !== Uint8Array) chunk = JSON.stringify(chunk);
    if (!written && typeof this._onBeforeFirstWrite === 'function') this._onBeforeFirstWrite((c) => origWrite(c));
    written = true;
    return origWrite(chunk, encoding, callback);
  };
  const fail = (err, callback) => {
    logError('Invoke Error', err);
    const error = toRapidResponse(err);
    if (!req.writableEnded) {
      req.addTrailers({
        'Lambda-Runtime-Function-Error-Type': error.errorType,
        'Lambda-Runtime-Function-Error-Body': Buffer.from(JSON.stringify(error)).toString('base64'),
      });
      req.end();
    }
    responseDone.then(callback, callback);
  };
  return { stream: req, responseDone, fail };
}

// ---------------------------------------------------------------------------------------------
// The runtime loop.

const errorCallbacks = {
  uncaughtException: (error) => client.postInitError(error, () => process.exit(129)),
  unhandledRejection: (error) => client.postInitError(error, () => process.exit(128)),
};

function setErrorCallbacks(id) {
  errorCallbacks.uncaughtException = (error) => client.postInvocationErrorAndWait(error, id, () => process.exit(129));
  errorCallbacks.unhandledRejection = (error) => client.postInvocationErrorAndWait(error, id, () => process.exit(128));
}

const isPromise = (o) => o && typeof o.then === 'function';

function setInvocationIds(headers) {
  const id = headers['lambda-runtime-aws-request-id'];
  if (!id) throw new Error('invocation id is missing or invalid');
  globalThis[REQUEST_ID] = id;
  globalThis[TENANT_ID] = headers['lambda-runtime-aws-tenant-id'];
  return id;
}

function makeRuntime(handler, metadata) {
  // Called as a method named "handler", as AWS's runtime does (stack lines read "[as handler]").
  const runtime = { handler };
  // Runs the next iteration at once (not on setImmediate as AWS's client does), so that its
  // GET /next is written in the same tick as the result it follows and leaves pipelined with it.
  const scheduleIteration = () => {
    handleOnce().then(NO_OP, (err) => {
      console.log(`Unexpected Top Level Error: ${err.toString()}`);
      errorCallbacks.uncaughtException(err);
    });
  };

  async function handleOnceNonStreaming() {
    const { headers, body } = await nextInvocation().catch(fatalApiError);
    const id = setInvocationIds(headers);
    const [callback, context, markCompleted] = buildCallbackContext(id, scheduleIteration);
    try {
      setErrorCallbacks(id);
      // A handler that neither returns a promise nor calls back answers null once the loop drains.
      BeforeExit.set(() => {
        markCompleted();
        client.postInvocationResponse(null, id, scheduleIteration);
      });
      const result = runtime.handler(JSON.parse(body.toString('utf8')), attachEnvironmentData(context, headers), callback);
      if (isPromise(result)) result.then(context.succeed, context.fail).catch(context.fail);
    } catch (err) {
      callback(err);
    }
  }

  async function handleOnceStreaming() {
    const { headers, body } = await nextInvocation().catch(fatalApiError);
    const id = setInvocationIds(headers);
    let waitForEmptyEventLoop = true;
    const scheduleNext = () => {
      BeforeExit.reset();
      if (!waitForEmptyEventLoop) scheduleIteration();
      else BeforeExit.set(() => setImmediate(scheduleIteration));
    };
    const streamingContext = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(v) {
        waitForEmptyEventLoop = v;
      },
    };
    const { stream, responseDone, fail } = createResponseStream(id, metadata.highWaterMark);
    try {
      setErrorCallbacks(id);
      BeforeExit.set(scheduleIteration);
      const ctx = attachEnvironmentData(streamingContext, headers);
      const result = runtime.handler(JSON.parse(body.toString('utf8')), stream, ctx);
      if (!isPromise(result)) {
        fail('Streaming does not support non-async handlers.', scheduleNext);
        return;
      }
      const value = await result;
      if (value !== undefined) console.warn('Streaming handlers ignore return values.');
      await responseDone;
      if (!stream.writableFinished) {
        fail('Response stream is not finished.', scheduleNext);
        return;
      }
      scheduleNext();
    } catch (err) {
      fail(err, scheduleNext);
    }
  }

  const handleOnce = metadata.streaming === STREAM_RESPONSE ? handleOnceStreaming : handleOnceNonStreaming;
  return { scheduleIteration };
}

// ---------------------------------------------------------------------------------------------
// Start.

patchConsole();

process.on('uncaughtException', (error) => {
  logError('Uncaught Exception', error);
  errorCallbacks.uncaughtException(error);
});
process.on('unhandledRejection', (reason, promise) => {
  const error = new UnhandledPromiseRejection(reason, promise);
  logError('Unhandled Promise Rejection', error);
  errorCallbacks.unhandledRejection(error);
});
BeforeExit.reset();
process.on('beforeExit', () => beforeExitListener());

const handlerString = process.env._HANDLER || process.argv[2];
const appRoot = process.env.LAMBDA_TASK_ROOT || process.cwd();

let handlerFn;
let metadata;
try {
  if (!handlerString) throw new MalformedHandlerName('Bad handler');
  handlerFn = await loadHandler(appRoot, handlerString);
  metadata = { streaming: streamingMode(handlerFn), highWaterMark: undefined };
  const hwm = handlerFn[HANDLER_HIGHWATERMARK];
  if (hwm !== undefined && hwm !== null && hwm !== false && !Number.isNaN(parseInt(hwm))) metadata.highWaterMark = parseInt(hwm);
} catch (error) {
  // As AWS's runtime: an init failure is an uncaught exception → /runtime/init/error, exit 129.
  logError('Uncaught Exception', error);
  errorCallbacks.uncaughtException(error);
}
if (handlerFn !== undefined) makeRuntime(handlerFn, metadata).scheduleIteration();
