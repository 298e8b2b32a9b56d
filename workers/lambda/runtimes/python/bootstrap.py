"""Stratus's Python runtime: loads the handler named by _HANDLER ("module.function") from LAMBDA_TASK_ROOT and
serves invocations through the Lambda Runtime API, behaving like AWS's Python runtime interface client (the
context object, error documents with errorType / stackTrace, "[ERROR] ..." log records, logging format)."""

import http.client
import importlib
import json
import logging
import math
import os
import resource
import socket
import sys
import time
import traceback
from decimal import Decimal

TASK_ROOT = os.environ["LAMBDA_TASK_ROOT"]
_HOST, _PORT = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
ERROR_LOG_IDENT = "\u00a0"  # AWS indents traceback lines in logs with NO-BREAK SPACE
_TEXT_FRAME = 0xA55A0003
# Raw stdout/stderr text: the platform splits it into lines, in order with the logging records.
_RAW_OUTPUT_FRAME = 0xA55A0001
_LEVEL_MASKS = {logging.DEBUG: 0b01000, logging.INFO: 0b01100, logging.WARNING: 0b10000, logging.ERROR: 0b10100, logging.CRITICAL: 0b11000}

_request_id = None


def _limit_address_space():
    """The pool enforces the function's memory on resident memory; this is the backstop against an allocation
    too fast to sample. Address space runs well above resident memory (thread stacks, malloc arenas, mapped
    libraries), hence the headroom."""
    memory_mb = int(os.environ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"])
    limit = max(memory_mb * 2, memory_mb + 512) * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))


class RuntimeClient:
    def __init__(self):
        self.connection = http.client.HTTPConnection(_HOST, int(_PORT))
        self.connection.connect()
        self.connection.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _call(self, method, route, body=None, headers=None):
        self.connection.request(method, "/2018-06-01/runtime/" + route, body=body, headers=headers or {})
        response = self.connection.getresponse()
        return response.status, response.headers, response.read()

    def next(self, telemetry_bytes):
        # How much was framed so far: the platform reads the log pipe up to there before it ends the invocation.
        status, headers, body = self._call("GET", "invocation/next", headers={"X-Stratus-Telemetry-Bytes": str(telemetry_bytes)})
        if status != 200:
            raise RuntimeError("invocation/next answered %d: %r" % (status, body))
        return headers, body

    def _post(self, route, body, error_type=None):
        headers = {"Content-Type": "application/json"}
        if error_type:
            headers["Lambda-Runtime-Function-Error-Type"] = error_type
        status, _, answer = self._call("POST", route, body, headers)
        if status != 202:
            sys.stderr.write("Runtime API %s answered %d: %s\n" % (route, status, answer.decode("utf-8", "replace")))

    def post_invocation_result(self, request_id, payload):
        self._post("invocation/%s/response" % request_id, payload)

    def post_invocation_error(self, request_id, error):
        self._post("invocation/%s/error" % request_id, to_json(error).encode("utf-8"), error.get("errorType"))

    def post_init_error(self, error):
        self._post("init/error", to_json(error).encode("utf-8"), error.get("errorType"))


class FaultException(Exception):
    MARSHAL_ERROR = "Runtime.MarshalError"
    UNMARSHAL_ERROR = "Runtime.UnmarshalError"
    IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
    BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
    MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
    USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
    HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
    LAMBDA_CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"

    def __init__(self, exception_type, msg, trace=None):
        super().__init__(msg)
        self.msg = msg
        self.exception_type = exception_type
        self.trace = trace


class Encoder(json.JSONEncoder):
    """awslambdaric's encoder (simplejson there): Decimals as numbers, non-ASCII kept as is on python3.12."""

    def __init__(self):
        super().__init__(ensure_ascii=os.environ.get("AWS_EXECUTION_ENV") != "AWS_Lambda_python3.12")

    def default(self, o):
        if isinstance(o, Decimal):
            return math.nan if o.is_nan() else float(o)
        return super().default(o)


def to_json(obj):
    return Encoder().encode(obj)


# --- the context object, as in awslambdaric's lambda_context.py -------------------------------------------------


class CognitoIdentity:
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]


class Client:
    __slots__ = ["installation_id", "app_title", "app_version_name", "app_version_code", "app_package_name"]


class ClientContext:
    __slots__ = ["custom", "env", "client"]


def _make_obj(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


class LambdaContext:
    def __init__(self, invoke_id, client_context, cognito_identity, epoch_deadline_time_in_ms, invoked_function_arn):
        self.aws_request_id = invoke_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invoked_function_arn
        self.client_context = _make_obj(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _make_obj(Client, self.client_context.client)
        self.identity = _make_obj(CognitoIdentity, {})
        if cognito_identity is not None:
            self.identity.cognito_identity_id = cognito_identity.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito_identity.get("cognitoIdentityPoolId")
        self._epoch_deadline_time_in_ms = epoch_deadline_time_in_ms

    def get_remaining_time_in_millis(self):
        delta = self._epoch_deadline_time_in_ms - int(time.time() * 1000)
        return delta if delta > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return (
            "LambdaContext([aws_request_id={},log_group_name={},log_stream_name={},function_name={},memory_limit_in_mb={},"
            "function_version={},invoked_function_arn={},client_context={},identity={}])"
        ).format(
            self.aws_request_id,
            self.log_group_name,
            self.log_stream_name,
            self.function_name,
            self.memory_limit_in_mb,
            self.function_version,
            self.invoked_function_arn,
            self.client_context,
            self.identity,
        )


# --- logging ----------------------------------------------------------------------------------------------------


class FramedLogSink:
    """Lambda's telemetry framing: type, length, timestamp in microseconds, message; big-endian."""

    def __init__(self, fd):
        self.file = os.fdopen(int(fd), "wb", 0)
        self.bytes_written = 0

    def log(self, msg, frame_type=_TEXT_FRAME):
        encoded = msg.encode("utf-8")
        timestamp = time.time_ns() // 1000
        self.file.write(frame_type.to_bytes(4, "big") + len(encoded).to_bytes(4, "big") + timestamp.to_bytes(8, "big") + encoded)
        self.bytes_written += 16 + len(encoded)

    def log_error(self, message_lines):
        self.log("\n".join(message_lines), _TEXT_FRAME | _LEVEL_MASKS[logging.ERROR])


class LambdaLoggerHandler(logging.Handler):
    def __init__(self, sink):
        super().__init__()
        self.sink = sink

    def emit(self, record):
        self.sink.log(self.format(record), _TEXT_FRAME | _LEVEL_MASKS.get(record.levelno, 0))


class LambdaLoggerFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        return True


class FramedOutput:
    """sys.stdout / sys.stderr writing through the log descriptor, so print output and logging records keep
    the order they were written in. Anything else (fileno, buffer, ...) is the real stream's."""

    def __init__(self, stream, sink):
        self.stream = stream
        self.sink = sink

    def __getattr__(self, attr):
        return getattr(self.stream, attr)

    def write(self, msg):
        self.sink.log(msg, _RAW_OUTPUT_FRAME)
        return len(msg)

    def writelines(self, msgs):
        for msg in msgs:
            self.write(msg)

    def flush(self):
        pass


def _setup_logging(sink):
    logging.Formatter.converter = time.gmtime
    handler = LambdaLoggerHandler(sink)
    handler.setFormatter(logging.Formatter("[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n", "%Y-%m-%dT%H:%M:%S"))
    handler.addFilter(LambdaLoggerFilter())
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL", "").upper()
    if level in logging._nameToLevel:
        logging.getLogger().setLevel(level)
    logging.getLogger().addHandler(handler)


def log_error(error_result, sink):
    description = "[ERROR]"
    if error_result.get("errorType"):
        description += " " + error_result["errorType"]
    if error_result.get("errorMessage"):
        if error_result.get("errorType"):
            description += ":"
        description += " " + error_result["errorMessage"]
    lines = [description]
    stack_trace = error_result.get("stackTrace")
    if stack_trace is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack_trace:
            if element == "":
                lines.append("")
                continue
            for line in element.splitlines():
                stripped = line.lstrip(" ")
                lines.append(ERROR_LOG_IDENT * (len(line) - len(stripped)) + stripped)
    sink.log_error(lines)


# --- errors -----------------------------------------------------------------------------------------------------


def make_error(error_message, error_type, stack_trace, invoke_id=None):
    return {
        "errorMessage": error_message if error_message else "",
        "errorType": error_type if error_type else "",
        "requestId": invoke_id if invoke_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _user_frames(tb):
    frames = traceback.extract_tb(tb)
    for i, frame in enumerate(frames):
        if "/bootstrap.py" not in frame.filename:
            return frames[i:]
    return frames


def build_fault_result(exc_info, invoke_id=None):
    etype, value, tb = exc_info
    return make_error(str(value), etype.__name__, traceback.format_list(_user_frames(tb)), invoke_id)


# --- handler loading and invocations ----------------------------------------------------------------------------


def get_handler(handler):
    try:
        modname, fname = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultException(FaultException.MALFORMED_HANDLER_NAME, "Bad handler '{}': {}".format(handler, str(e)))
    try:
        if modname.split(".")[0] in sys.builtin_module_names:
            raise FaultException(FaultException.BUILT_IN_MODULE_CONFLICT, "Cannot use built-in module {} as a handler module".format(modname))
        module = importlib.import_module(modname.replace("/", "."))
    except ImportError as e:
        raise FaultException(FaultException.IMPORT_MODULE_ERROR, "Unable to import module '{}': {}".format(modname, str(e)))
    except SyntaxError as e:
        trace = ['  File "%s" Line %s\n    %s' % (e.filename, e.lineno, e.text)]
        raise FaultException(FaultException.USER_CODE_SYNTAX_ERROR, "Syntax error in module '{}': {}".format(modname, str(e)), trace)
    try:
        return getattr(module, fname)
    except AttributeError:
        raise FaultException(FaultException.HANDLER_NOT_FOUND, "Handler '{}' missing on module '{}'".format(fname, modname))


def _parse_json_header(value, name):
    if not value:
        return None
    try:
        return json.loads(value)
    except Exception as e:
        raise FaultException(FaultException.LAMBDA_CONTEXT_UNMARSHAL_ERROR, "Unable to parse {} JSON: {}".format(name, str(e)))


def handle_event(client, request_handler, headers, body, sink):
    global _request_id
    invoke_id = headers.get("Lambda-Runtime-Aws-Request-Id")
    _request_id = invoke_id
    trace_id = headers.get("Lambda-Runtime-Trace-Id")
    if trace_id:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)
    error_result = None
    try:
        context = LambdaContext(
            invoke_id,
            _parse_json_header(headers.get("Lambda-Runtime-Client-Context"), "Client Context"),
            _parse_json_header(headers.get("Lambda-Runtime-Cognito-Identity"), "Cognito Identity"),
            int(headers.get("Lambda-Runtime-Deadline-Ms")),
            headers.get("Lambda-Runtime-Invoked-Function-Arn"),
        )
        try:
            event = json.loads(body)
        except Exception as e:
            raise FaultException(FaultException.UNMARSHAL_ERROR, "Unable to unmarshal input: {}".format(str(e)))
        response = request_handler(event, context)
        try:
            result = response if isinstance(response, bytes) else to_json(response).encode("utf-8")
        except Exception as e:
            raise FaultException(FaultException.MARSHAL_ERROR, "Unable to marshal response: {}".format(str(e)))
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace, invoke_id)
    except Exception:
        error_result = build_fault_result(sys.exc_info(), invoke_id)
    if error_result is not None:
        log_error(error_result, sink)
        client.post_invocation_error(invoke_id, error_result)
    else:
        client.post_invocation_result(invoke_id, result)


def main():
    _limit_address_space()
    # The handler's modules are looked up from the task root first, as from /var/task on Lambda.
    sys.path[0] = TASK_ROOT
    sink = FramedLogSink(os.environ.pop("_LAMBDA_TELEMETRY_LOG_FD"))
    sys.stdout = FramedOutput(sys.stdout, sink)
    sys.stderr = FramedOutput(sys.stderr, sink)
    client = RuntimeClient()
    try:
        _setup_logging(sink)
        request_handler = get_handler(os.environ["_HANDLER"])
    except FaultException as e:
        error_result = make_error(e.msg, e.exception_type, e.trace)
        log_error(error_result, sink)
        client.post_init_error(error_result)
        sys.exit(1)
    except Exception:
        error_result = build_fault_result(sys.exc_info())
        log_error(error_result, sink)
        client.post_init_error(error_result)
        sys.exit(1)
    while True:
        headers, body = client.next(sink.bytes_written)
        handle_event(client, request_handler, headers, body, sink)


if __name__ == "__main__":
    main()
