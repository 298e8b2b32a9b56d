import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, describe, it } from "node:test";
import { ExecutionPool, MAX_PAYLOAD_BYTES } from "../../../workers/lambda";
import { waitFor } from "../../helpers/wait";
import { deploy, functionConfig, invoke, json, messages, reportLine } from "./helpers";

const pool = new ExecutionPool();
after(() => pool.close());

// AWS's custom runtime tutorial bootstrap, verbatim apart from the echo.
const CURL_BOOTSTRAP = `#!/bin/bash
set -euo pipefail
echo "bootstrap starting with handler $_HANDLER"
sleep 1000 &
HELPER=$!
while true
do
  HEADERS="$(mktemp)"
  EVENT_DATA=$(curl -sS -LD "$HEADERS" "http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/next")
  REQUEST_ID=$(grep -Fi Lambda-Runtime-Aws-Request-Id "$HEADERS" | tr -d '[:space:]' | cut -d: -f2)
  echo "handling $REQUEST_ID"
  RESPONSE="{\\"echo\\":$EVENT_DATA,\\"helper\\":$HELPER,\\"tmp\\":\\"$HEADERS\\"}"
  curl -sS -o /dev/null -X POST "http://\${AWS_LAMBDA_RUNTIME_API}/2018-06-01/runtime/invocation/$REQUEST_ID/response" -d "$RESPONSE"
done
`;

// Exercises the Runtime API's contract from inside a context: status codes and error bodies for calls out of order.
const PROBING_BOOTSTRAP = `#!/usr/bin/env python3
import http.client, json, os

host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")

def call(method, path, body=None, headers=None):
    connection = http.client.HTTPConnection(host, int(port))
    connection.request(method, "/2018-06-01/runtime/" + path, body=body, headers=headers or {})
    response = connection.getresponse()
    result = {"status": response.status, "body": response.read().decode(), "headers": {k.lower(): v for k, v in response.getheaders()}}
    connection.close()
    return result

probes = {"early_response": call("POST", "invocation/abc/response", b"{}"), "unknown_path": call("GET", "nope")}
while True:
    nxt = call("GET", "invocation/next")
    request_id = nxt["headers"]["lambda-runtime-aws-request-id"]
    mode = json.loads(nxt["body"]).get("mode")
    if mode == "probe":
        probes["next"] = nxt
        probes["wrong_id"] = call("POST", "invocation/not-the-id/response", b"{}")
        probes["late_init_error"] = call("POST", "init/error", b"{}")
        first = call("POST", "invocation/%s/response" % request_id, json.dumps(probes).encode())
        print("first response", first["status"], first["body"], flush=True)
        again = call("POST", "invocation/%s/response" % request_id, b"{}")
        print("second response", again["status"], again["body"], flush=True)
    elif mode == "error":
        document = {"errorMessage": "custom failure", "errorType": "CustomError", "stackTrace": ["frame"]}
        call("POST", "invocation/%s/error" % request_id, json.dumps(document).encode(), {"Lambda-Runtime-Function-Error-Type": "Custom.Failure"})
    elif mode == "big":
        big = call("POST", "invocation/%s/response" % request_id, b"x" * (${MAX_PAYLOAD_BYTES} + 1))
        print("big response", big["status"], big["body"], flush=True)
    else:
        call("POST", "invocation/%s/response" % request_id, b'"plain"')
`;

const INIT_FAILING_BOOTSTRAP = `#!/usr/bin/env python3
import http.client, os
host, port = os.environ["AWS_LAMBDA_RUNTIME_API"].split(":")
connection = http.client.HTTPConnection(host, int(port))
connection.request("POST", "/2018-06-01/runtime/init/error", body=b'{"errorMessage":"no config","errorType":"ConfigMissing"}', headers={"Lambda-Runtime-Function-Error-Type": "Custom.ConfigMissing"})
print("init error answered", connection.getresponse().status, flush=True)
`;

describe("custom runtimes (provided.al2023)", () => {
  it("runs a bash bootstrap that talks to the Runtime API with curl, and kills its whole process group on retire", async () => {
    assert.ok(existsSync("/usr/bin/curl") || existsSync("/bin/curl"), "curl is installed");
    const code = await deploy({ bootstrap: { content: CURL_BOOTSTRAP, mode: 0o755 } });
    const config = functionConfig("provided.al2023", "function.handler", code);
    const first = await invoke(pool, config, { n: 1 });
    assert.equal(first.functionError, undefined);
    const body = json<{ echo: unknown; helper: number; tmp: string }>(first);
    assert.deepEqual(body.echo, { n: 1 });
    assert.ok(body.tmp.startsWith(`${config.codeDir}`) === false && body.tmp.includes("/lambda/run/"), "mktemp uses the context's TMPDIR");
    const lines = messages(first);
    assert.ok(lines.indexOf("bootstrap starting with handler function.handler\n") < lines.findIndex((m) => m.startsWith("START ")));
    assert.ok(lines.includes(`handling ${first.requestId}\n`));
    assert.match(reportLine(first), /\tInit Duration: \d+\.\d\d ms\t\n$/);

    const second = await invoke(pool, config, { n: 2 });
    assert.equal(second.coldStart, false);
    assert.deepEqual(json(second).echo, { n: 2 });

    process.kill(body.helper, 0);
    await pool.retire(config.contextKey);
    await waitFor("the bootstrap's background helper to be killed", () => {
      try {
        process.kill(body.helper, 0);
        return undefined;
      } catch {
        return true;
      }
    });
  });

  it("answers calls out of order with the Runtime API's status codes and error documents", async () => {
    const code = await deploy({ bootstrap: { content: PROBING_BOOTSTRAP, mode: 0o755 } });
    const config = functionConfig("provided.al2023", "unused", code);
    const clientContext = JSON.stringify({ custom: { a: 1 } });
    const cognitoIdentity = JSON.stringify({ cognitoIdentityId: "i", cognitoIdentityPoolId: "p" });
    const traceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
    const result = await pool.invoke(config, {
      requestId: "5f3f2f76-0000-4000-8000-000000000001",
      payload: Buffer.from(JSON.stringify({ mode: "probe" })),
      invokedFunctionArn: "arn:aws:lambda:us-east-1:123456789012:function:probe:live",
      clientContext,
      cognitoIdentity,
      traceId,
    });
    type Probe = { status: number; body: string; headers: Record<string, string> };
    const probes = json<Record<string, Probe>>(result);
    assert.equal(probes.early_response?.status, 403);
    assert.deepEqual(JSON.parse(probes.early_response!.body), {
      errorMessage: "State transition from Started to InvocationResponse failed for runtime. Error: State transition is not allowed",
      errorType: "InvalidStateTransition",
    });
    assert.equal(probes.unknown_path?.status, 404);
    const next = probes.next!;
    assert.equal(next.status, 200);
    assert.equal(next.headers["lambda-runtime-aws-request-id"], "5f3f2f76-0000-4000-8000-000000000001");
    assert.equal(next.headers["lambda-runtime-invoked-function-arn"], "arn:aws:lambda:us-east-1:123456789012:function:probe:live");
    assert.equal(next.headers["lambda-runtime-trace-id"], traceId);
    assert.equal(next.headers["lambda-runtime-client-context"], clientContext);
    assert.equal(next.headers["lambda-runtime-cognito-identity"], cognitoIdentity);
    assert.equal(next.headers["content-type"], "application/json");
    const deadline = Number(next.headers["lambda-runtime-deadline-ms"]);
    assert.ok(deadline > Date.now() - 60_000 && deadline <= Date.now() + 3000, `deadline ${deadline}`);
    assert.equal(next.body, JSON.stringify({ mode: "probe" }));
    assert.equal(probes.wrong_id?.status, 400);
    assert.deepEqual(JSON.parse(probes.wrong_id!.body), { errorMessage: "Invalid request ID", errorType: "InvalidRequestID" });
    assert.equal(probes.late_init_error?.status, 403);
    assert.equal(JSON.parse(probes.late_init_error!.body).errorType, "InvalidStateTransition");
    const lines = messages(result);
    assert.ok(lines.includes('first response 202 {"status":"OK"}\n'));
    assert.ok(
      lines.includes(
        'second response 403 {"errorMessage":"State transition from RuntimeResponseSentState to InvocationResponse failed for runtime. Error: State transition is not allowed","errorType":"InvalidStateTransition"}\n',
      ),
      JSON.stringify(lines),
    );

    const failed = await invoke(pool, config, { mode: "error" });
    assert.equal(failed.functionError, "Unhandled");
    assert.equal(failed.errorType, "Custom.Failure");
    assert.deepEqual(json(failed), { errorMessage: "custom failure", errorType: "CustomError", stackTrace: ["frame"] });

    const big = await invoke(pool, config, { mode: "big" });
    assert.equal(big.errorType, "Function.ResponseSizeTooLarge");
    assert.ok(messages(big).includes('big response 413 {"errorMessage":"Exceeded maximum allowed payload size (6291556 bytes).","errorType":"RequestEntityTooLarge"}\n'));

    const plain = await invoke(pool, config, {});
    assert.equal(plain.coldStart, false);
    assert.equal(json(plain), "plain");
  });

  it("reports an init error posted by the runtime with the type it gave", async () => {
    const code = await deploy({ bootstrap: { content: INIT_FAILING_BOOTSTRAP, mode: 0o755 } });
    const result = await invoke(pool, functionConfig("provided.al2023", "unused", code));
    assert.equal(result.errorType, "Custom.ConfigMissing");
    assert.deepEqual(json(result), { errorMessage: "no config", errorType: "ConfigMissing" });
    assert.ok(messages(result).includes("init error answered 202\n"));
    assert.match(reportLine(result), /\tStatus: error\tError Type: Custom\.ConfigMissing\n$/);
  });

  it("refuses a missing or non-executable bootstrap with Runtime.InvalidEntrypoint", async () => {
    const missing = await invoke(pool, functionConfig("provided.al2023", "x", await deploy({ "main.sh": "echo hi" })));
    assert.equal(missing.errorType, "Runtime.InvalidEntrypoint");
    assert.deepEqual(json(missing), {
      errorType: "Runtime.InvalidEntrypoint",
      errorMessage: `RequestId: ${missing.requestId} Error: Couldn't find valid bootstrap(s): [/var/task/bootstrap /opt/bootstrap]`,
    });
    const notExecutable = await invoke(pool, functionConfig("provided.al2023", "x", await deploy({ bootstrap: { content: CURL_BOOTSTRAP, mode: 0o644 } })));
    assert.equal(json(notExecutable).errorMessage, `RequestId: ${notExecutable.requestId} Error: fork/exec /var/task/bootstrap: permission denied`);
  });
});
