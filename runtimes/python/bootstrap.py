"""Lambent's Python runtime: speaks the Lambda Runtime API and runs a handler
the way AWS's Python runtime (awslambdaric) does. Standard library only,
Python 3.9+. Started as

    python3 -u /var/runtime/bootstrap.py [handler]

Reads AWS_LAMBDA_RUNTIME_API, _HANDLER (or argv[1]), LAMBDA_TASK_ROOT
(default: cwd; put first on sys.path), and for the context
AWS_LAMBDA_FUNCTION_NAME, AWS_LAMBDA_FUNCTION_VERSION,
AWS_LAMBDA_FUNCTION_MEMORY_SIZE, AWS_LAMBDA_LOG_GROUP_NAME,
AWS_LAMBDA_LOG_STREAM_NAME; AWS_LAMBDA_LOG_LEVEL sets the root logger level.

Exit: 1 after reporting an init failure on /runtime/init/error (as AWS's
runtime), 1 when the Runtime API itself fails; handler errors never exit.

Stem-cell mode (LAMBENT_STEM=1, Lambent's pre-started pool): the runtime starts
with no function, prints STEM_READY on stdout and reads one JSON line on stdin,
{"env": {...}}: the function's complete environment. It replaces os.environ
with it and rebuilds the PYTHONPATH part of sys.path; the second line, "go",
says the code is mounted: it enters LAMBDA_TASK_ROOT and continues as a normal
start.
"""

import decimal
import http.client
import importlib
import json
import logging
import os
import re
import socket
import sys
import time
import traceback
from urllib.parse import quote

_THIS_FILE = os.path.abspath(__file__)
_GLOBAL_AWS_REQUEST_ID = None
_GLOBAL_TENANT_ID = None

ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"


class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


# ---------------------------------------------------------------------------------------------
# Output: stdout is unbuffered whatever the interpreter flags.


class Unbuffered(object):
    def __init__(self, stream):
        self.stream = stream

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc_value, exc_tb):
        self.stream.__exit__(exc_type, exc_value, exc_tb)

    def __getattr__(self, attr):
        return getattr(self.stream, attr)

    def write(self, msg):
        self.stream.write(msg)
        self.stream.flush()

    def writelines(self, msgs):
        self.stream.writelines(msgs)
        self.stream.flush()


def _log(msg):
    sys.stdout.write(msg)


def log_error(error_result):
    """Writes an error the way AWS's runtime logs it: "[ERROR] Type: message" plus the traceback."""
    error_description = "[ERROR]"
    error_type = error_result.get("errorType")
    if error_type:
        error_description += " " + error_type
    error_message = error_result.get("errorMessage")
    if error_message:
        if error_type:
            error_description += ":"
        error_description += " " + error_message
    lines = [error_description]
    stack_trace = error_result.get("stackTrace")
    if stack_trace is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack_trace:
            if element == "":
                lines.append("")
            else:
                lines.extend(element.splitlines())
    _log("\n".join(lines) + "\n")


class LambdaLoggerHandler(logging.Handler):
    def emit(self, record):
        try:
            _log(self.format(record))
        except Exception:  # noqa: BLE001 - logging must never raise into user code
            self.handleError(record)


class LambdaLoggerFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _GLOBAL_AWS_REQUEST_ID or ""
        record.tenant_id = _GLOBAL_TENANT_ID
        return True


def _setup_logging():
    logging.Formatter.converter = time.gmtime
    logger = logging.getLogger()
    handler = LambdaLoggerHandler()
    handler.setFormatter(
        logging.Formatter(
            "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n",
            "%Y-%m-%dT%H:%M:%S",
        )
    )
    handler.addFilter(LambdaLoggerFilter())
    logger.addHandler(handler)
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in ("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL", "CRITICAL"):
        level = {"TRACE": "DEBUG", "WARN": "WARNING", "FATAL": "CRITICAL"}.get(level, level)
        logger.setLevel(getattr(logging, level))


# ---------------------------------------------------------------------------------------------
# Errors, as the Python runtime reports them: {"errorMessage","errorType","requestId","stackTrace"}.


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "Exception",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _user_frames(tb):
    """The traceback without the runtime's own leading frames (formatted as traceback.format_list)."""
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if os.path.abspath(frame.filename) != _THIS_FILE:
            return traceback.format_list(frames[i:])
    return []


def build_fault_result(exc_info, msg, invoke_id=None):
    etype, value, tb = exc_info
    return make_error(msg if msg else str(value), etype.__name__, _user_frames(tb), invoke_id)


# ---------------------------------------------------------------------------------------------
# (Un)marshalling.


def _json_default(obj):
    if isinstance(obj, decimal.Decimal):
        if obj.is_nan():
            return float("nan")
        return int(obj) if obj == obj.to_integral_value() else float(obj)
    raise TypeError("Object of type %s is not JSON serializable" % obj.__class__.__name__)


def to_json(obj):
    return json.dumps(obj, ensure_ascii=False, allow_nan=True, default=_json_default)


def marshal_response(response):
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        return to_json(response).encode("utf-8"), "application/json"
    except (TypeError, ValueError) as e:
        raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)), None)


def unmarshal_request(body, content_type):
    if content_type is not None and content_type != "application/json":
        return body
    try:
        return json.loads(body)
    except ValueError as e:
        raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)), None)


# ---------------------------------------------------------------------------------------------
# Runtime API client: one persistent HTTP/1.1 connection.


class RuntimeApiError(Exception):
    pass


_BASE = "/2018-06-01/runtime/"
_MAX_HEAD_BYTES = 1 << 20
_MAX_BODY_BYTES = 64 << 20
_STATUS_LINE = re.compile(rb"HTTP/1\.[01] ([1-5][0-9][0-9])(?: |\r?\n)")
_CHUNK_SIZE = re.compile(rb"([0-9a-fA-F]{1,8})[ \t]*(?:;[^\r\n]*)?\r?\n$")


class LambdaRuntimeClient(object):
    """A minimal HTTP/1.1 client on one keep-alive socket. A result is sent together with the
    next GET /next (pipelined, one write), so the runtime never waits for the 202 before asking
    for more work; the answers to those posts are read (and, like AWS's client, ignored) before
    the next invocation. Init errors go over their own http.client connection."""

    def __init__(self, address):
        host, _, port = address.rpartition(":")
        self.address = address
        self.host = host.strip("[]")
        self.port = int(port)
        self.sock = None
        self.rfile = None
        self.unread = 0  # answers to pipelined posts still to read
        self.next_sent = False
        self.next_request = ("GET %sinvocation/next HTTP/1.1\r\nHost: %s\r\n\r\n" % (_BASE, address)).encode("latin-1")

    def _connect(self):
        s = socket.create_connection((self.host, self.port))
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.sock = s
        self.rfile = s.makefile("rb")
        self.unread = 0
        self.next_sent = False

    def _send(self, data):
        if self.sock is None:
            self._connect()
        self.sock.sendall(data)

    def _read_response(self):
        """(status, headers, body) of the next response. A broken or hostile Runtime API must not make the runtime
        read without bound, misframe what follows or run a handler on a partial event: a head past 1 MiB, a body
        past 64 MiB (invocation payloads are at most 6 MB), a length or chunk size that is not a plain number,
        conflicting lengths, an unknown transfer coding or a connection closed mid-response raise RuntimeApiError."""
        try:
            while True:
                status, headers, body = self._read_one_response()
                if not 100 <= status < 200:  # 1xx (100 Continue): informational, the answer follows
                    return status, headers, body
        except (ValueError, IndexError, UnicodeError) as e:
            raise RuntimeApiError("malformed Runtime API response: %s" % (e,))

    def _read_line(self, budget):
        line = self.rfile.readline(budget + 1)
        if len(line) > budget:
            raise RuntimeApiError("Runtime API response head too large")
        if not line.endswith(b"\n"):
            raise RuntimeApiError("Runtime API connection closed mid-response")
        return line

    def _read_exactly(self, n):
        data = self.rfile.read(n)
        if len(data) != n:
            raise RuntimeApiError("Runtime API connection closed mid-response")
        return data

    def _read_one_response(self):
        budget = _MAX_HEAD_BYTES
        line = self.rfile.readline(budget + 1)
        if not line:
            raise RuntimeApiError("Runtime API connection closed")
        if len(line) > budget or not line.endswith(b"\n"):
            raise RuntimeApiError("Runtime API response head too large or cut short")
        budget -= len(line)
        m = _STATUS_LINE.match(line)
        if m is None:
            raise ValueError("status line %r" % (line[:100],))
        status = int(m.group(1))
        headers = {}
        while True:
            line = self._read_line(budget)
            budget -= len(line)
            if line in (b"\r\n", b"\n"):
                break
            name, _, value = line.decode("latin-1").partition(":")
            name, value = name.strip().lower(), value.strip()
            if name == "content-length" and headers.get(name, value) != value:
                raise ValueError("conflicting Content-Length headers")
            headers[name] = value
        te = headers.get("transfer-encoding")
        if te is not None:
            if te.lower() != "chunked":
                raise ValueError("transfer coding %r" % (te,))
            parts = []
            total = 0
            while True:
                m = _CHUNK_SIZE.match(self._read_line(4096))
                if m is None:
                    raise ValueError("bad chunk size")
                size = int(m.group(1), 16)
                total += size
                if total > _MAX_BODY_BYTES:
                    raise ValueError("chunked body too large")
                if size == 0:
                    while True:  # trailers, up to the blank line, within what is left of the head budget
                        line = self._read_line(budget)
                        budget -= len(line)
                        if line in (b"\r\n", b"\n"):
                            break
                    break
                parts.append(self._read_exactly(size))
                if self._read_exactly(2) != b"\r\n":
                    raise ValueError("chunk not followed by CRLF")
            body = b"".join(parts)
        else:
            cl = headers.get("content-length") or "0"
            if not cl.isdigit() or not cl.isascii() or int(cl) > _MAX_BODY_BYTES:
                raise ValueError("Content-Length %r" % (cl[:40],))
            length = int(cl)
            body = self._read_exactly(length) if length else b""
        return status, headers, body

    def wait_next_invocation(self):
        """Returns (headers with lower-case names, body) of the next invocation."""
        if not self.next_sent:
            self._send(self.next_request)
        self.next_sent = False
        while self.unread:
            self._read_response()
            self.unread -= 1
        status, headers, body = self._read_response()
        if status != 200:
            raise RuntimeApiError("GET /next answered %d: %r" % (status, body[:200]))
        if not headers.get("lambda-runtime-aws-request-id"):
            raise RuntimeApiError("GET /next answered without Lambda-Runtime-Aws-Request-Id")
        return headers, body

    def _post_then_next(self, path, body, content_type):
        head = "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (path, self.address, content_type, len(body))
        self._send(head.encode("latin-1") + body + self.next_request)
        self.unread += 1
        self.next_sent = True

    def post_invocation_result(self, invoke_id, result, content_type):
        self._post_then_next(_BASE + "invocation/" + quote(invoke_id, safe="") + "/response", result, content_type)

    def post_invocation_error(self, invoke_id, error_response_data):
        self._post_then_next(_BASE + "invocation/" + quote(invoke_id, safe="") + "/error", error_response_data.encode("utf-8"), "application/json")

    def post_init_error(self, error_result):
        conn = http.client.HTTPConnection(self.host, self.port)
        try:
            conn.request(
                "POST",
                _BASE + "init/error",
                to_json(error_result).encode("utf-8"),
                {"Content-Type": "application/json", ERROR_TYPE_HEADER: error_result["errorType"]},
            )
            conn.getresponse().read()
        finally:
            conn.close()


# ---------------------------------------------------------------------------------------------
# Context.


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client(object):
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]


def make_obj_from_dict(_class, _dict):
    if _dict is None:
        return None
    obj = _class()
    for field in _class.__slots__:
        setattr(obj, field, _dict.get(field, None))
    return obj


class LambdaContext(object):
    def __init__(self, invoke_id, client_context, cognito_identity, epoch_deadline_time_in_ms, invoked_function_arn=None, tenant_id=None):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.tenant_id = tenant_id

        self.client_context = make_obj_from_dict(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = make_obj_from_dict(Client, self.client_context.client)

        self.identity = make_obj_from_dict(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")

        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        delta_ms = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return delta_ms if delta_ms > 0 else 0

    def log(self, msg):
        _log(str(msg))

    def __repr__(self):
        return (
            "{}([aws_request_id={},log_group_name={},log_stream_name={},function_name={},memory_limit_in_mb={},"
            "function_version={},invoked_function_arn={},client_context={},identity={},tenant_id={}])".format(
                self.__class__.__name__,
                self.aws_request_id,
                self.log_group_name,
                self.log_stream_name,
                self.function_name,
                self.memory_limit_in_mb,
                self.function_version,
                self.invoked_function_arn,
                self.client_context,
                self.identity,
                self.tenant_id,
            )
        )


def _header_json(value):
    # http.client decodes header bytes as latin-1; the Runtime API sends UTF-8 JSON.
    return json.loads(value.encode("latin-1").decode("utf-8"))


def create_lambda_context(client_context_json, cognito_identity_json, deadline_ms, invoke_id, invoked_function_arn, tenant_id):
    client_context = None
    if client_context_json:
        try:
            client_context = _header_json(client_context_json)
        except Exception as e:
            raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse Client Context JSON: {}".format(str(e)), None)
    cognito_identity = None
    if cognito_identity_json:
        try:
            cognito_identity = _header_json(cognito_identity_json)
        except Exception as e:
            raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse Cognito Identity JSON: {}".format(str(e)), None)
    return LambdaContext(invoke_id, client_context, cognito_identity, deadline_ms, invoked_function_arn, tenant_id)


# ---------------------------------------------------------------------------------------------
# Handler loading (awslambdaric's rules).


def make_fault_handler(fault):
    def result(*args):
        raise fault

    return result


def _get_handler(handler):
    try:
        (modname, fname) = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e)))

    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(
                FaultException.BUILT_IN_MODULE_CONFLICT,
                "Cannot use built-in module {} as a handler module".format(modname),
            )
        m = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(
            FaultException.IMPORT_MODULE_ERROR,
            "Unable to import module '{}': {}".format(modname, str(e)),
        )
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(
            FaultException.USER_CODE_SYNTAX_ERROR,
            "Syntax error in module '{}': {}".format(modname, str(e)),
            trace,
        )

    try:
        request_handler = getattr(m, fname)
    except AttributeError:
        # As AWS: reported on every invocation, not as an init failure.
        fault = FaultException(
            FaultException.HANDLER_NOT_FOUND,
            "Handler '{}' missing on module '{}'".format(fname, modname),
            None,
        )
        request_handler = make_fault_handler(fault)
    return request_handler


# ---------------------------------------------------------------------------------------------
# The loop.


def update_xray_env_variable(trace_id):
    if trace_id is not None:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    elif "_X_AMZN_TRACE_ID" in os.environ:
        del os.environ["_X_AMZN_TRACE_ID"]


def handle_event_request(client, request_handler, invoke_id, event_body, content_type, headers):
    error_result = None
    try:
        lambda_context = create_lambda_context(
            headers.get("lambda-runtime-client-context"),
            headers.get("lambda-runtime-cognito-identity"),
            int(headers.get("lambda-runtime-deadline-ms") or 0),
            invoke_id,
            headers.get("lambda-runtime-invoked-function-arn"),
            headers.get("lambda-runtime-aws-tenant-id"),
        )
        event = unmarshal_request(event_body, content_type)
        response = request_handler(event, lambda_context)
        result, result_content_type = marshal_response(response)
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        error_result = build_fault_result(sys.exc_info(), None, invoke_id)

    if error_result is not None:
        log_error(error_result)
        client.post_invocation_error(invoke_id, to_json(error_result))
    else:
        client.post_invocation_result(invoke_id, result, result_content_type)


def run(app_root, handler, runtime_api):
    global _GLOBAL_AWS_REQUEST_ID, _GLOBAL_TENANT_ID
    sys.stdout = Unbuffered(sys.stdout)
    sys.stderr = Unbuffered(sys.stderr)
    if app_root not in sys.path[:1]:
        sys.path.insert(0, app_root)

    client = LambdaRuntimeClient(runtime_api)
    error_result = None
    request_handler = None
    try:
        _setup_logging()
        if not handler:
            raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '': handler not set")
        request_handler = _get_handler(handler)
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace)
    except Exception:
        error_result = build_fault_result(sys.exc_info(), None)

    if error_result is not None:
        log_error(error_result)
        client.post_init_error(error_result)
        sys.exit(1)

    while True:
        headers, body = client.wait_next_invocation()
        invoke_id = headers.get("lambda-runtime-aws-request-id")
        _GLOBAL_AWS_REQUEST_ID = invoke_id
        _GLOBAL_TENANT_ID = headers.get("lambda-runtime-aws-tenant-id")
        update_xray_env_variable(headers.get("lambda-runtime-trace-id"))
        content_type = headers.get("content-type") or "application/json"
        handle_event_request(client, request_handler, invoke_id, body, content_type, headers)


def _specialize():
    sys.stdout.buffer.write(b"STEM_READY\n")
    sys.stdout.buffer.flush()
    line = sys.stdin.buffer.readline()
    if not line:
        sys.exit(0)  # Lambent went away before using this stem
    env = json.loads(line)["env"]
    old = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    os.environ.clear()
    os.environ.update(env)
    # PYTHONPATH entries follow the script's directory on sys.path, as at a normal start.
    new = [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p]
    rest = [p for p in sys.path[1:] if p not in old and p not in new]
    sys.path[:] = sys.path[:1] + new + rest
    sys.path_importer_cache.clear()
    importlib.invalidate_caches()
    time.tzset()
    # Second line: the code is mounted at the task root now.
    if sys.stdin.buffer.readline().strip() != b"go":
        sys.exit(0)
    os.chdir(env.get("LAMBDA_TASK_ROOT") or "/var/task")


def main(argv):
    # AWS_ENDPOINT_URL[_<SERVICE>] for a host botocore older than 1.31.57: a lazy hook, nothing imported now.
    import lambent_endpoints

    lambent_endpoints.install()
    if os.environ.get("LAMBENT_STEM") == "1":
        _specialize()
    runtime_api = os.environ.get("AWS_LAMBDA_RUNTIME_API")
    if not runtime_api:
        sys.stderr.write("bootstrap: AWS_LAMBDA_RUNTIME_API is not set\n")
        sys.exit(1)
    handler = os.environ.get("_HANDLER") or (argv[1] if len(argv) > 1 else "")
    app_root = os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd()
    try:
        run(app_root, handler, runtime_api)
    except (RuntimeApiError, http.client.HTTPException, ConnectionError, OSError) as e:
        sys.stderr.write("bootstrap: Runtime API request failed: %r\n" % (e,))
        sys.exit(1)


if __name__ == "__main__":
    main(sys.argv)
