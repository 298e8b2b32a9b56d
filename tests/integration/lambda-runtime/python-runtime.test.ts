import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { ExecutionPool } from "../../../workers/lambda";
import { deploy, functionConfig, invoke, json, messages, reportLine } from "./helpers";

const pool = new ExecutionPool();
after(() => pool.close());

describe("Python runtime", () => {
  it("runs lambda_handler(event, context) with Lambda's context object, environment and captured output", async () => {
    assert.ok(process.env.DATABASE_URL);
    const code = await deploy({
      "lambda_function.py": `
import logging
import os
import tempfile

print("module loaded")
count = 0

def lambda_handler(event, context):
    global count
    count += 1
    print("event is", event)
    logging.getLogger().warning("warned %d", count)
    path = os.path.join(tempfile.gettempdir(), "kept.txt")
    before = open(path).read() if os.path.exists(path) else ""
    with open(path, "a") as f:
        f.write("x")
    return {
        "count": count,
        "before": before,
        "function_name": context.function_name,
        "function_version": context.function_version,
        "invoked_function_arn": context.invoked_function_arn,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "aws_request_id": context.aws_request_id,
        "log_group_name": context.log_group_name,
        "log_stream_name": context.log_stream_name,
        "remaining": context.get_remaining_time_in_millis(),
        "custom": context.client_context.custom if context.client_context else None,
        "identity_id": context.identity.cognito_identity_id,
        "env": dict(os.environ),
    }
`,
    });
    const config = functionConfig("python3.12", "lambda_function.lambda_handler", code, { environment: { STAGE: "test" } });
    const clientContext = JSON.stringify({ custom: { k: "v" }, env: {}, client: { app_title: "app" } });
    const cognitoIdentity = JSON.stringify({ cognitoIdentityId: "id-1", cognitoIdentityPoolId: "pool-1" });
    const first = await invoke(pool, config, { n: 1 }, { clientContext, cognitoIdentity });
    assert.equal(first.functionError, undefined, first.payload.toString());
    const body = json<Record<string, unknown> & { env: Record<string, string> }>(first);
    assert.equal(body.count, 1);
    assert.equal(body.function_name, config.functionName);
    assert.equal(body.function_version, "$LATEST");
    assert.equal(body.invoked_function_arn, `arn:aws:lambda:us-east-1:123456789012:function:${config.functionName}`);
    assert.equal(body.memory_limit_in_mb, "128");
    assert.equal(body.aws_request_id, first.requestId);
    assert.equal(body.log_group_name, config.logGroupName);
    assert.equal(body.log_stream_name, first.logStreamName);
    assert.ok(Number(body.remaining) > 0 && Number(body.remaining) <= 3000);
    assert.deepEqual(body.custom, { k: "v" });
    assert.equal(body.identity_id, "id-1");
    assert.equal(body.env.AWS_EXECUTION_ENV, "AWS_Lambda_python3.12");
    assert.equal(body.env.STAGE, "test");
    assert.equal(body.env.DATABASE_URL, undefined);
    assert.equal(body.env.REDIS_URL, undefined);
    assert.equal(body.env._LAMBDA_TELEMETRY_LOG_FD, undefined, "the runtime hides its log descriptor");

    const lines = messages(first);
    assert.ok(lines.indexOf("module loaded\n") < lines.findIndex((m) => m.startsWith("START ")), "init output precedes START");
    assert.ok(lines.includes("event is {'n': 1}\n"));
    assert.ok(lines.some((m) => new RegExp(`^\\[WARNING\\]\\t\\d{4}-\\d\\d-\\d\\dT[\\d:]+\\.\\d{3}Z\\t${first.requestId}\\twarned 1\\n$`).test(m)));
    assert.match(reportLine(first), /\tInit Duration: \d+\.\d\d ms\t\n$/);

    const second = await invoke(pool, config, { n: 2 });
    assert.equal(second.coldStart, false);
    assert.equal(json(second).count, 2);
    assert.equal(json(second).before, "x");
  });

  it("reports exceptions as AWS's Python runtime does and stays warm", async () => {
    const code = await deploy({
      "app/handlers.py": `
class OrderError(Exception):
    pass

def fail(event, context):
    if event.get("kind") == "custom":
        raise OrderError("order 42 rejected")
    if event.get("kind") == "unserializable":
        return {1, 2}
    return {"ok": True}
`,
    });
    const config = functionConfig("python3.11", "app/handlers.fail", code);
    const result = await invoke(pool, config, { kind: "custom" });
    assert.equal(result.functionError, "Unhandled");
    assert.equal(result.errorType, "OrderError");
    const error = json<{ errorMessage: string; errorType: string; requestId: string; stackTrace: string[] }>(result);
    assert.deepEqual(Object.keys(error), ["errorMessage", "errorType", "requestId", "stackTrace"]);
    assert.equal(error.errorMessage, "order 42 rejected");
    assert.equal(error.errorType, "OrderError");
    assert.equal(error.requestId, result.requestId);
    assert.equal(error.stackTrace.length, 1, "frames of the runtime itself are left out");
    assert.match(error.stackTrace[0] ?? "", /^ {2}File ".*app\/handlers\.py", line 7, in fail\n {4}raise OrderError\("order 42 rejected"\)\n/);
    const logged = messages(result).find((m) => m.startsWith("[ERROR] OrderError: order 42 rejected\nTraceback (most recent call last):\n"));
    assert.ok(logged, JSON.stringify(messages(result)));

    const marshal = await invoke(pool, config, { kind: "unserializable" });
    assert.equal(marshal.errorType, "Runtime.MarshalError");
    assert.match(json<{ errorMessage: string }>(marshal).errorMessage, /^Unable to marshal response: Object of type set is not JSON serializable/);

    const ok = await invoke(pool, config, {});
    assert.equal(ok.coldStart, false);
    assert.deepEqual(json(ok), { ok: true });
  });

  it("reports import failures as init errors", async () => {
    const code = await deploy({ "lambda_function.py": "def lambda_handler(event, context):\n    return 1\n" });
    const missingModule = await invoke(pool, functionConfig("python3.12", "nope.lambda_handler", code));
    assert.equal(missingModule.errorType, "Runtime.ImportModuleError");
    assert.deepEqual(json(missingModule), {
      errorMessage: "Unable to import module 'nope': No module named 'nope'",
      errorType: "Runtime.ImportModuleError",
      requestId: "",
      stackTrace: [],
    });
    assert.ok(messages(missingModule).some((m) => m.startsWith("INIT_REPORT Init Duration: ") && m.endsWith("\tStatus: error\tError Type: Runtime.ImportModuleError\n")));
    const missingHandler = await invoke(pool, functionConfig("python3.12", "lambda_function.handler", code));
    assert.equal(missingHandler.errorType, "Runtime.HandlerNotFound");
    assert.equal(json(missingHandler).errorMessage, "Handler 'handler' missing on module 'lambda_function'");
  });

  it("kills a Python function that exceeds its memory", async () => {
    const code = await deploy({
      "lambda_function.py": `
import time

def lambda_handler(event, context):
    kept = []
    while True:
        kept.append(b"x" * (8 * 1024 * 1024))
        time.sleep(0.005)
`,
    });
    const result = await invoke(pool, functionConfig("python3.12", "lambda_function.lambda_handler", code));
    assert.equal(result.outOfMemory, true);
    assert.equal(result.errorType, "Runtime.OutOfMemory");
    assert.match(reportLine(result), /\tStatus: error\tError Type: Runtime\.OutOfMemory\n$/);
  });
});
