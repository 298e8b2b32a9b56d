// Stratus's Node.js runtime: loads the handler named by _HANDLER from LAMBDA_TASK_ROOT and serves invocations
// through the Lambda Runtime API, behaving like AWS's Node.js runtime interface client (handler resolution,
// callback and async handlers, callbackWaitsForEmptyEventLoop, the context object, console formatting, and the
// error documents and log lines it produces).
import fs from "node:fs";
import net from "node:net";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import util from "node:util";

const require = createRequire(import.meta.url);
const [apiHost, apiPort] = process.env.AWS_LAMBDA_RUNTIME_API.split(":");
const taskRoot = process.env.LAMBDA_TASK_ROOT;
const REQUEST_ID = Symbol.for("aws.lambda.runtime.requestId");

// ---------------------------------------------------------------------------------------------------------------
// Runtime API client: one kept-alive connection speaking HTTP/1.1 by hand, as AWS's runtime interface client
// does with its native client (Node's http module would cost more CPU per event than a small handler). The
// Runtime API always answers with a Content-Length. The socket is unreferenced between calls, so an idle
// connection does not hold the event loop open.

let apiSocket;
let received = Buffer.alloc(0);
let awaiting;

function apiFailure(err) {
  const current = awaiting;
  awaiting = undefined;
  apiSocket = undefined;
  current?.reject(err);
}

function readResponse() {
  const headEnd = received.indexOf("\r\n\r\n");
  if (!awaiting || headEnd < 0) return;
  const [statusLine, ...lines] = received.subarray(0, headEnd).toString("latin1").split("\r\n");
  const headers = {};
  for (const line of lines) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const bodyEnd = headEnd + 4 + Number(headers["content-length"] ?? 0);
  if (received.length < bodyEnd) return;
  const body = received.subarray(headEnd + 4, bodyEnd);
  received = received.subarray(bodyEnd);
  const current = awaiting;
  awaiting = undefined;
  apiSocket.unref();
  current.resolve({ status: Number(statusLine.split(" ")[1]), headers, body });
}

function connectApi() {
  const socket = net.connect({ host: apiHost, port: Number(apiPort), noDelay: true });
  socket.on("data", (chunk) => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    readResponse();
  });
  socket.on("error", apiFailure);
  socket.on("close", () => apiFailure(new Error("The Runtime API closed the connection")));
  return socket;
}

function call(method, route, body, headers = {}) {
  return new Promise((resolve, reject) => {
    if (!apiSocket || apiSocket.destroyed) apiSocket = connectApi();
    awaiting = { resolve, reject };
    const payload = body === undefined ? undefined : Buffer.from(body, "utf8");
    let head = `${method} /2018-06-01/runtime/${route} HTTP/1.1\r\nHost: ${apiHost}:${apiPort}\r\n`;
    // A header value (an error's name) must not break the request's framing.
    for (const [name, value] of Object.entries(headers)) head += `${name}: ${String(value).replace(/[\r\n]/g, " ")}\r\n`;
    head += `Content-Length: ${payload?.length ?? 0}\r\n\r\n`;
    apiSocket.ref();
    apiSocket.write(payload ? Buffer.concat([Buffer.from(head, "latin1"), payload]) : head);
  });
}

// The platform is gone or refused the runtime: nothing sensible is left to do.
function platformFailure(err) {
  process.stderr.write(`Runtime API call failed: ${err?.stack ?? err}\n`);
  process.exit(1);
}

async function post(route, body, headers) {
  const res = await call("POST", route, body, { "Content-Type": "application/json", ...headers });
  if (res.status !== 202) process.stderr.write(`Runtime API ${route} answered ${res.status}: ${res.body}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Errors, serialized like the runtime interface client's Errors.js.

function isErrorLike(obj) {
  return obj && typeof obj.name === "string" && typeof obj.message === "string" && typeof obj.stack === "string";
}

function toRapidResponse(error) {
  try {
    if (util.types.isNativeError(error) || isErrorLike(error)) {
      return { errorType: error.name, errorMessage: error.message, trace: error.stack.split("\n") };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: "handled",
      errorMessage: "callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack",
    };
  }
}

function withEnumerableProperties(value) {
  if (!(value instanceof Error)) return value;
  const ret = Object.assign({ errorType: value.name, errorMessage: value.message, code: value.code }, value);
  if (typeof value.stack === "string") ret.stack = value.stack.split("\n");
  return ret;
}

function toFormatted(error) {
  try {
    return "\t" + JSON.stringify(error, (_key, value) => withEnumerableProperties(value));
  } catch {
    return "\t" + JSON.stringify(toRapidResponse(error));
  }
}

const intoError = (err) => (err instanceof Error ? err : new Error(err));

function runtimeError(name, message, stack) {
  const error = new Error(message);
  error.name = name;
  if (stack) error.stack = stack;
  return error;
}

// ---------------------------------------------------------------------------------------------------------------
// Console: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, one framed telemetry record per call.

const LEVELS = {
  TRACE: { name: "TRACE", priority: 1, mask: 0b00100 },
  DEBUG: { name: "DEBUG", priority: 2, mask: 0b01000 },
  INFO: { name: "INFO", priority: 3, mask: 0b01100 },
  WARN: { name: "WARN", priority: 4, mask: 0b10000 },
  ERROR: { name: "ERROR", priority: 5, mask: 0b10100 },
  FATAL: { name: "FATAL", priority: 6, mask: 0b11000 },
};

const TEXT_FRAME = 0xa55a0003;
/** Raw stdout/stderr text: the platform splits it into lines, in order with the console's records. */
const RAW_OUTPUT_FRAME = 0xa55a0001;

/**
 * Bytes framed so far. Each /invocation/next tells the platform (X-Stratus-Telemetry-Bytes), so it reads the
 * pipe up to there before it ends the invocation's log: the pipe and the API socket are read independently.
 */
let telemetryBytes = 0;

function frameWriter(fd) {
  const header = Buffer.alloc(16);
  return (type, text, now = new Date()) => {
    header.writeUInt32BE(type >>> 0, 0);
    header.writeUInt32BE(text.length, 4);
    header.writeBigUInt64BE(BigInt(now.getTime()) * 1000n, 8);
    fs.writeSync(fd, header);
    fs.writeSync(fd, text);
    telemetryBytes += header.length + text.length;
  };
}

function makeLogger() {
  const writeFrame = frameWriter(Number(process.env._LAMBDA_TELEMETRY_LOG_FD));
  delete process.env._LAMBDA_TELEMETRY_LOG_FD;
  for (const stream of [process.stdout, process.stderr]) {
    stream.write = (chunk, encoding, callback) => {
      writeFrame(RAW_OUTPUT_FRAME, typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? encoding : "utf8") : Buffer.from(chunk));
      const done = typeof encoding === "function" ? encoding : callback;
      if (done) process.nextTick(done);
      return true;
    };
  }
  return (level, message, params) => {
    const now = new Date();
    const text = Buffer.from(`${now.toISOString()}\t${globalThis[REQUEST_ID]}\t${level.name}\t${util.format(message, ...params)}\n`, "utf8");
    writeFrame(TEXT_FRAME | level.mask, text, now);
  };
}

function patchConsole() {
  const log = makeLogger();
  const threshold = LEVELS[process.env.AWS_LAMBDA_LOG_LEVEL?.toUpperCase()] ?? LEVELS.TRACE;
  const method = (level) => (level.priority >= threshold.priority ? (message, ...params) => log(level, message, params) : () => {});
  console.trace = method(LEVELS.TRACE);
  console.debug = method(LEVELS.DEBUG);
  console.info = method(LEVELS.INFO);
  console.log = console.info;
  console.warn = method(LEVELS.WARN);
  console.error = method(LEVELS.ERROR);
  console.fatal = (message, ...params) => log(LEVELS.FATAL, message, params);
}

const logError = (label, err) => console.error(label, toFormatted(intoError(err)));

// ---------------------------------------------------------------------------------------------------------------
// Loading the handler, like the runtime interface client's UserFunction.js.

// On Lambda nothing above /var/task or /opt holds node_modules. Here the code and layer directories live inside
// the Stratus data directory, whose ancestors may (the project's own node_modules): CommonJS lookups from the
// code or a layer stop at its root, so NODE_PATH decides the rest, in Lambda's order.
const confinedRoots = [
  taskRoot,
  ...(process.env.NODE_PATH ?? "")
    .split(":")
    .filter((dir) => dir.endsWith("/nodejs/node_modules"))
    .map((dir) => dir.slice(0, -"/nodejs/node_modules".length)),
];
const nodeModulePaths = Module._nodeModulePaths;
Module._nodeModulePaths = function (from) {
  const paths = nodeModulePaths.call(this, from);
  const root = confinedRoots.find((r) => from === r || from.startsWith(r + "/"));
  return root ? paths.filter((p) => p.startsWith(root + "/")) : paths;
};

function moduleRootAndHandler(full) {
  const handlerString = path.basename(full);
  return [full.substring(0, full.indexOf(handlerString)), handlerString];
}

function splitHandlerString(handler) {
  const match = handler.match(/^([^.]*)\.(.*)$/);
  if (!match || match.length !== 3) throw runtimeError("Runtime.MalformedHandlerName", "Bad handler");
  return [match[1], match[2]];
}

function resolveHandler(object, nested) {
  return nested.split(".").reduce((value, key) => value && value[key], object);
}

function tryRequireFile(file, extension = "") {
  const full = file + extension;
  return fs.existsSync(full) ? require(full) : undefined;
}

async function tryImport(file, extension) {
  const full = file + extension;
  return fs.existsSync(full) ? await import(pathToFileURL(full).href) : undefined;
}

/** `"type": "module"` in the nearest package.json, looking no higher than the task root (like /var/task). */
function hasPackageJsonTypeModule(folder) {
  for (let dir = folder; ; dir = path.dirname(dir)) {
    if (dir.endsWith("/node_modules")) return false;
    const pj = path.join(dir, "package.json");
    if (fs.existsSync(pj)) {
      try {
        return JSON.parse(fs.readFileSync(pj, "utf8"))?.type === "module";
      } catch (e) {
        console.warn(`${pj} cannot be read, it will be ignored for ES module detection purposes.`, e);
        return false;
      }
    }
    if (dir === taskRoot || dir === path.dirname(dir)) return false;
  }
}

async function tryRequire(appRoot, moduleRoot, module) {
  const lambdaStylePath = path.resolve(appRoot, moduleRoot, module);
  const extensionless = tryRequireFile(lambdaStylePath);
  if (extensionless) return extensionless;
  const pjHasModule = hasPackageJsonTypeModule(path.dirname(lambdaStylePath));
  if (!pjHasModule) {
    const loaded = tryRequireFile(lambdaStylePath, ".js");
    if (loaded) return loaded;
  }
  const loaded = (pjHasModule && (await tryImport(lambdaStylePath, ".js"))) || (await tryImport(lambdaStylePath, ".mjs")) || tryRequireFile(lambdaStylePath, ".cjs");
  if (loaded) return loaded;
  return require(require.resolve(module, { paths: [appRoot, moduleRoot] }));
}

async function loadHandler(appRoot, fullHandlerString) {
  if (fullHandlerString.includes("..")) {
    throw runtimeError(
      "Runtime.MalformedHandlerName",
      `'${fullHandlerString}' is not a valid handler name. Use absolute paths when specifying root directories in handler names.`,
    );
  }
  const [moduleRoot, moduleAndHandler] = moduleRootAndHandler(fullHandlerString);
  const [module, handlerPath] = splitHandlerString(moduleAndHandler);
  let userApp;
  try {
    userApp = await tryRequire(appRoot, moduleRoot, module);
  } catch (e) {
    if (e instanceof SyntaxError) throw runtimeError("Runtime.UserCodeSyntaxError", String(e), e.stack);
    if (e?.code === "MODULE_NOT_FOUND") throw runtimeError("Runtime.ImportModuleError", String(e));
    throw e;
  }
  const handler = resolveHandler(userApp, handlerPath);
  if (!handler) throw runtimeError("Runtime.HandlerNotFound", `${fullHandlerString} is undefined or not exported`);
  if (typeof handler !== "function") throw runtimeError("Runtime.HandlerNotFound", `${fullHandlerString} is not a function`);
  return handler;
}

// ---------------------------------------------------------------------------------------------------------------
// Invocations, like the runtime interface client's Runtime.js and CallbackContext.js.

let beforeExit = () => {};
process.on("beforeExit", () => beforeExit());

const errorCallbacks = {
  // Until the first invocation, failures are init errors.
  uncaughtException: (error) => postInitError(error).then(() => process.exit(129), platformFailure),
  unhandledRejection: (error) => postInitError(error).then(() => process.exit(128), platformFailure),
};

process.on("uncaughtException", (error) => {
  logError("Uncaught Exception", error);
  errorCallbacks.uncaughtException(error);
});
process.on("unhandledRejection", (reason) => {
  const error = runtimeError("Runtime.UnhandledPromiseRejection", reason?.message ?? String(reason));
  error.reason = reason;
  logError("Unhandled Promise Rejection", error);
  errorCallbacks.unhandledRejection(error);
});

function postInitError(error) {
  const body = toRapidResponse(error);
  return post("init/error", JSON.stringify(body), { "Lambda-Runtime-Function-Error-Type": body.errorType ?? "Runtime.Unknown" });
}

function postInvocationError(id, error) {
  const body = toRapidResponse(error);
  return post(`invocation/${encodeURIComponent(id)}/error`, JSON.stringify(body), { "Lambda-Runtime-Function-Error-Type": body.errorType ?? "Unhandled" });
}

function parseJsonHeader(value, name) {
  if (!value) return undefined;
  try {
    return JSON.parse(value);
  } catch {
    throw new Error(`Cannot parse ${name} as JSON: ${value}`);
  }
}

const isPromise = (value) => value && typeof value.then === "function";

function invocationContext(headers, callbackContext) {
  const deadline = Number(headers["lambda-runtime-deadline-ms"]);
  return Object.assign(callbackContext, {
    clientContext: parseJsonHeader(headers["lambda-runtime-client-context"], "ClientContext"),
    identity: parseJsonHeader(headers["lambda-runtime-cognito-identity"], "CognitoIdentity"),
    invokedFunctionArn: headers["lambda-runtime-invoked-function-arn"],
    awsRequestId: headers["lambda-runtime-aws-request-id"],
    getRemainingTimeInMillis: () => deadline - Date.now(),
    functionVersion: process.env.AWS_LAMBDA_FUNCTION_VERSION,
    functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
    memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
  });
}

async function handleOnce(handler, isAsync) {
  const next = await call("GET", "invocation/next", undefined, { "X-Stratus-Telemetry-Bytes": telemetryBytes }).catch(platformFailure);
  if (next.status !== 200) platformFailure(new Error(`invocation/next answered ${next.status}: ${next.body}`));
  const headers = next.headers;
  const id = headers["lambda-runtime-aws-request-id"];
  globalThis[REQUEST_ID] = id;
  if (headers["lambda-runtime-trace-id"]) process.env._X_AMZN_TRACE_ID = headers["lambda-runtime-trace-id"];
  else delete process.env._X_AMZN_TRACE_ID;

  const scheduleNext = () => setImmediate(() => handleOnce(handler, isAsync));
  errorCallbacks.uncaughtException = (error) => postInvocationError(id, error).then(() => process.exit(129), platformFailure);
  errorCallbacks.unhandledRejection = (error) => postInvocationError(id, error).then(() => process.exit(128), platformFailure);

  const postError = (err) => {
    logError("Invoke Error", err);
    postInvocationError(id, err).then(scheduleNext, platformFailure);
  };
  let completed = false;
  const complete = (result) => {
    if (completed) {
      console.error("Invocation has already been reported as done. Cannot call complete more than once per invocation.");
      return;
    }
    completed = true;
    let body;
    try {
      body = JSON.stringify(result === undefined ? null : result);
    } catch {
      return postError(runtimeError("Runtime.JSONStringifyError", "Unable to stringify response body"));
    }
    post(`invocation/${encodeURIComponent(id)}/response`, body).then(scheduleNext, platformFailure);
  };

  let waitForEmptyEventLoop = true;
  const callback = (err, result) => {
    beforeExit = () => {};
    if (err !== undefined && err !== null) postError(err);
    else if (!waitForEmptyEventLoop) complete(result);
    else beforeExit = () => setImmediate(() => complete(result));
  };
  const done = (err, result) => {
    beforeExit = () => {};
    if (err !== undefined && err !== null) postError(err);
    else complete(result);
  };
  // Only the first of callback/succeed/fail/done counts.
  let finished = false;
  const once =
    (fn) =>
    (...args) => {
      if (finished) return;
      fn(...args);
      finished = true;
    };
  const callbackContext = {
    get callbackWaitsForEmptyEventLoop() {
      return waitForEmptyEventLoop;
    },
    set callbackWaitsForEmptyEventLoop(value) {
      waitForEmptyEventLoop = value;
    },
    succeed: once((result) => done(null, result)),
    fail: once((err) => (err === undefined || err === null ? done("handled") : done(err, null))),
    done: once(done),
  };

  // The event loop emptied without the handler finishing.
  beforeExit = () => {
    completed = true;
    if (isAsync) {
      const error = runtimeError(
        "Runtime.NodeJsExit",
        "The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled.",
      );
      logError("Invoke Error", error);
      postInvocationError(id, error).then(scheduleNext, platformFailure);
    } else {
      post(`invocation/${encodeURIComponent(id)}/response`, "null").then(scheduleNext, platformFailure);
    }
  };

  const onceCallback = once(callback);
  try {
    const context = invocationContext(headers, callbackContext);
    const result = handler(JSON.parse(next.body.toString("utf8")), context, onceCallback);
    if (isPromise(result)) result.then(callbackContext.succeed, callbackContext.fail).catch(callbackContext.fail);
  } catch (err) {
    onceCallback(err);
  }
}

patchConsole();
let handler;
try {
  handler = await loadHandler(taskRoot, process.env._HANDLER);
} catch (error) {
  logError("Uncaught Exception", error);
  await postInitError(error).catch(platformFailure);
  process.exit(129);
}
void handleOnce(handler, handler.constructor?.name === "AsyncFunction");
