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
import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import util from 'node:util';

const nodeRequire = createRequire(import.meta.url);

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
// Runtime API client: one keep-alive agent, request options built once.

const API = process.env.AWS_LAMBDA_RUNTIME_API;
if (!API) {
  process.stderr.write('bootstrap: AWS_LAMBDA_RUNTIME_API is not set\n');
  process.exit(1);
}
const colon = API.lastIndexOf(':');
const API_HOST = API.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
const API_PORT = Number(API.slice(colon + 1));
const agent = new http.Agent({ keepAlive: true });
const BASE = '/2018-06-01/runtime/';
const NEXT_OPTIONS = { agent, host: API_HOST, port: API_PORT, path: BASE + 'invocation/next', method: 'GET' };
const JSON_TYPE = 'application/json';

function fatalApiError(err) {
  process.stderr.write(`bootstrap: Runtime API request failed: ${err?.stack ?? err}\n`);
  process.exit(1);
}

/** GET /next → { headers, body } (resolves once the runtime has work). */
function nextInvocation() {
  return new Promise((resolve, reject) => {
    const req = http.request(NEXT_OPTIONS, (res) => {
      let first = null;
      let chunks = null;
      res.on('data', (c) => {
        if (first === null) first = c;
        else if (chunks === null) chunks = [first, c];
        else chunks.push(c);
      });
      res.on('end', () => {
        if (res.statusCode !== 200) {
          reject(new Error(`GET /next answered ${res.statusCode}: ${String(chunks ? Buffer.concat(chunks) : first ?? '')}`));
          return;
        }
        resolve({ headers: res.headers, body: chunks !== null ? Buffer.concat(chunks) : (first ?? Buffer.alloc(0)) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** POST a body; calls back (status) once the Runtime API has answered. */
function post(urlPath, body, headers, callback) {
  const buf = typeof body === 'string' ? Buffer.from(body) : body;
  headers['Content-Length'] = buf.length;
  const req = http.request({ agent, host: API_HOST, port: API_PORT, path: urlPath, method: 'POST', headers }, (res) => {
    res.resume();
    res.on('end', () => callback(res.statusCode));
  });
  req.on('error', fatalApiError);
  req.end(buf);
}

function serialize(body) {
  try {
    return JSON.stringify(body === undefined ? null : body);
  } catch {
    throw new Error('Unable to stringify response body');
  }
}

const client = {
  postInvocationResponse(result, id, callback) {
    const body = serialize(result);
    post(BASE + 'invocation/' + encodeURIComponent(id) + '/response', body, { 'Content-Type': JSON_TYPE }, () => callback());
  },
  postInvocationError(error, id, callback) {
    const body = serialize(toRapidResponse(error));
    post(BASE + 'invocation/' + encodeURIComponent(id) + '/error', body, { 'Content-Type': JSON_TYPE }, () => callback());
  },
  postInitError(error, callback) {
    const response = toRapidResponse(error);
    const headers = { 'Content-Type': JSON_TYPE };
    if (typeof response.errorType === 'string' && /^[\x21-\x7e]+$/.test(response.errorType)) {
      headers['Lambda-Runtime-Function-Error-Type'] = response.errorType;
    }
    post(BASE + 'init/error', serialize(response), headers, () => callback());
  },
};

// ---------------------------------------------------------------------------------------------
// beforeExit: how "wait for an empty event loop" is implemented (as AWS's runtime does). The
// runtime's own idle keep-alive socket is unref'd by the agent, so 'beforeExit' fires exactly
// when the user's pending work (timers, sockets, promises) has drained.

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
    const ns = await import(pathToFileURL(file).href);
    // A CommonJS module's exports object is the namespace's default (as require() would return).
    return isEsm(file) ? ns : ns.default;
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
  errorCallbacks.uncaughtException = (error) => client.postInvocationError(error, id, () => process.exit(129));
  errorCallbacks.unhandledRejection = (error) => client.postInvocationError(error, id, () => process.exit(128));
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
  const scheduleIteration = () =>
    setImmediate(() =>
      handleOnce().then(NO_OP, (err) => {
        console.log(`Unexpected Top Level Error: ${err.toString()}`);
        errorCallbacks.uncaughtException(err);
      }),
    );

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
      const result = handler(JSON.parse(body.toString('utf8')), attachEnvironmentData(context, headers), callback);
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
      const result = handler(JSON.parse(body.toString('utf8')), stream, ctx);
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
