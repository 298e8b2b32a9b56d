import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, describe, it } from "node:test";
import { ExecutionPool } from "../../../workers/lambda";
import { deploy, functionConfig, invoke, json, messages, reportLine } from "./helpers";

const pool = new ExecutionPool();
after(() => pool.close());

describe("Node.js runtime", () => {
  it("runs a CommonJS handler with Lambda's context object and environment, and none of the server's", async () => {
    assert.ok(process.env.DATABASE_URL, "the test process itself has a database URL");
    const code = await deploy({
      "index.js": `
        const os = require("node:os");
        exports.handler = async (event, context) => ({
          event,
          context: {
            functionName: context.functionName, functionVersion: context.functionVersion,
            invokedFunctionArn: context.invokedFunctionArn, memoryLimitInMB: context.memoryLimitInMB,
            awsRequestId: context.awsRequestId, logGroupName: context.logGroupName, logStreamName: context.logStreamName,
            remaining: context.getRemainingTimeInMillis(), clientContext: context.clientContext, identity: context.identity,
            waits: context.callbackWaitsForEmptyEventLoop,
          },
          env: process.env,
          tmpdir: os.tmpdir(),
          cwd: process.cwd(),
        });`,
    });
    const config = functionConfig("nodejs20.x", "index.handler", code, { environment: { GREETING: "hello", AWS_REGION: "eu-west-3" } });
    const clientContext = JSON.stringify({ custom: { tenant: "a" }, env: { locale: "en" } });
    const cognitoIdentity = JSON.stringify({ cognitoIdentityId: "us-east-1:abc", cognitoIdentityPoolId: "us-east-1:pool" });
    const result = await invoke(pool, config, { hello: "world" }, { clientContext, cognitoIdentity });
    assert.equal(result.functionError, undefined);
    const body = json<{ event: unknown; context: Record<string, unknown>; env: Record<string, string>; tmpdir: string; cwd: string }>(result);

    assert.deepEqual(body.event, { hello: "world" });
    assert.equal(body.context.functionName, config.functionName);
    assert.equal(body.context.functionVersion, "$LATEST");
    assert.equal(body.context.invokedFunctionArn, `arn:aws:lambda:us-east-1:123456789012:function:${config.functionName}`);
    assert.equal(body.context.memoryLimitInMB, "128");
    assert.equal(body.context.awsRequestId, result.requestId);
    assert.equal(body.context.logGroupName, config.logGroupName);
    assert.equal(body.context.logStreamName, result.logStreamName);
    assert.ok(Number(body.context.remaining) > 0 && Number(body.context.remaining) <= 3000);
    assert.deepEqual(body.context.clientContext, JSON.parse(clientContext));
    assert.deepEqual(body.context.identity, JSON.parse(cognitoIdentity));
    assert.equal(body.context.waits, true);
    assert.match(result.logStreamName, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);

    const env = body.env;
    assert.equal(env.AWS_LAMBDA_FUNCTION_NAME, config.functionName);
    assert.equal(env.AWS_LAMBDA_FUNCTION_VERSION, "$LATEST");
    assert.equal(env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE, "128");
    assert.equal(env.AWS_LAMBDA_LOG_GROUP_NAME, config.logGroupName);
    assert.equal(env.AWS_LAMBDA_LOG_STREAM_NAME, result.logStreamName);
    assert.equal(env.AWS_LAMBDA_INITIALIZATION_TYPE, "on-demand");
    assert.equal(env.AWS_EXECUTION_ENV, "AWS_Lambda_nodejs20.x");
    assert.equal(env.AWS_REGION, "us-east-1", "reserved keys win over the function's variables");
    assert.equal(env.AWS_DEFAULT_REGION, "us-east-1");
    assert.equal(env.AWS_ENDPOINT_URL, "http://127.0.0.1:4566");
    assert.equal(env.AWS_ACCESS_KEY_ID, "ASIATESTKEY");
    assert.equal(env.AWS_SECRET_ACCESS_KEY, "test-secret");
    assert.equal(env.AWS_SESSION_TOKEN, "test-session-token");
    assert.equal(env.LAMBDA_TASK_ROOT, code);
    assert.equal(env._HANDLER, "index.handler");
    assert.equal(env.TZ, ":UTC");
    assert.equal(env.LANG, "en_US.UTF-8");
    assert.match(env.AWS_LAMBDA_RUNTIME_API ?? "", /^127\.0\.0\.1:\d+$/);
    assert.match(env._X_AMZN_TRACE_ID ?? "", /^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Parent=[0-9a-f]{16};Sampled=0$/);
    assert.equal(env.GREETING, "hello");
    assert.equal(body.tmpdir, env.TMPDIR);
    assert.equal(body.cwd, code);
    for (const leaked of ["DATABASE_URL", "REDIS_URL", "STRATUS_SECRET_KEY", "STRATUS_DATA_DIR", "NODE_ENV", "HOME"]) {
      assert.equal(env[leaked], undefined, `${leaked} must not reach function code`);
    }
  });

  it("provides the AWS SDK for JavaScript v3, which calls AWS_ENDPOINT_URL with the role's credentials", async () => {
    const seen: { url?: string; authorization?: string; token?: string; body: string }[] = [];
    const endpoint = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk: Buffer) => (body += chunk.toString()));
      req.on("end", () => {
        seen.push({ url: req.url, authorization: req.headers.authorization, token: req.headers["x-amz-security-token"] as string, body });
        res.writeHead(200, { "Content-Type": "text/xml" });
        res.end(
          '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
            "<Arn>arn:aws:sts::123456789012:assumed-role/exec/fn</Arn><UserId>AROAEXAMPLE:fn</UserId><Account>123456789012</Account>" +
            "</GetCallerIdentityResult><ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata></GetCallerIdentityResponse>",
        );
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, "127.0.0.1", resolve));
    try {
      const code = await deploy({
        "index.js": `
          const { STSClient, GetCallerIdentityCommand } = require("@aws-sdk/client-sts");
          exports.handler = async () => {
            const { Account, Arn } = await new STSClient({}).send(new GetCallerIdentityCommand({}));
            return { Account, Arn };
          };`,
      });
      const { port } = endpoint.address() as AddressInfo;
      const result = await invoke(pool, functionConfig("nodejs20.x", "index.handler", code, { endpointUrl: `http://127.0.0.1:${port}` }));
      assert.deepEqual(json(result), { Account: "123456789012", Arn: "arn:aws:sts::123456789012:assumed-role/exec/fn" }, result.payload.toString());
      assert.equal(seen.length, 1);
      assert.match(seen[0]!.authorization ?? "", /^AWS4-HMAC-SHA256 Credential=ASIATESTKEY\/\d{8}\/us-east-1\/sts\/aws4_request, /);
      assert.equal(seen[0]!.token, "test-session-token");
      assert.match(seen[0]!.body, /Action=GetCallerIdentity/);
    } finally {
      endpoint.close();
    }
  });

  it("loads ES modules: .mjs files and .js files under a package.json with type module", async () => {
    const code = await deploy({
      "esm.mjs": `import os from "node:os"; export const handler = async (event) => ({ kind: "mjs", platform: os.platform(), event });`,
      "pkg/package.json": `{"type":"module"}`,
      "pkg/app.js": `export async function handler() { return { kind: "js-module", meta: typeof import.meta.url }; }`,
      "plain.js": `module.exports.handler = async () => ({ kind: "cjs", hasRequire: typeof require });`,
    });
    const mjs = await invoke(pool, functionConfig("nodejs22.x", "esm.handler", code), { n: 1 });
    assert.deepEqual(json(mjs), { kind: "mjs", platform: "linux", event: { n: 1 } });
    const moduleJs = await invoke(pool, functionConfig("nodejs20.x", "pkg/app.handler", code));
    assert.deepEqual(json(moduleJs), { kind: "js-module", meta: "string" });
    // No package.json in the code: a .js file is CommonJS, as under /var/task (not the server's "type": "module").
    const cjs = await invoke(pool, functionConfig("nodejs20.x", "plain.handler", code));
    assert.deepEqual(json(cjs), { kind: "cjs", hasRequire: "function" });
  });

  it("runs callback handlers, waiting for the event loop unless callbackWaitsForEmptyEventLoop is false", async () => {
    const code = await deploy({
      "cb.js": `
        exports.wait = (event, context, callback) => {
          setTimeout(() => console.log("timer fired"), 30);
          callback(null, { style: "callback" });
        };
        exports.nowait = (event, context, callback) => {
          if (event.first) {
            context.callbackWaitsForEmptyEventLoop = false;
            setTimeout(() => console.log("left over from the first event"), 30);
          }
          callback(null, { first: Boolean(event.first) });
        };
        exports.fails = (event, context, callback) => callback(new RangeError("out of range"));`,
    });
    const waited = await invoke(pool, functionConfig("nodejs20.x", "cb.wait", code));
    assert.deepEqual(json(waited), { style: "callback" });
    const lines = messages(waited);
    const timer = lines.findIndex((m) => m.endsWith("\tINFO\ttimer fired\n"));
    assert.ok(timer > 0 && timer < lines.findIndex((m) => m.startsWith("END ")), "the response waited for the timer");

    // Not waiting: the response goes out at once; the context is frozen with the timer pending, which fires
    // when the next event thaws it, so its output lands in the second invocation (as on Lambda).
    const config = functionConfig("nodejs20.x", "cb.nowait", code);
    const first = await invoke(pool, config, { first: true });
    assert.deepEqual(json(first), { first: true });
    assert.ok(!messages(first).some((m) => m.includes("left over")));
    const second = await invoke(pool, config, { first: false });
    assert.equal(second.coldStart, false);
    assert.ok(messages(second).some((m) => m.includes("\tINFO\tleft over from the first event\n")));

    const failed = await invoke(pool, functionConfig("nodejs20.x", "cb.fails", code));
    assert.equal(failed.functionError, "Unhandled");
    assert.equal(json(failed).errorType, "RangeError");
  });

  it("reports a thrown error with errorType, errorMessage and trace, logs it, and keeps the context warm", async () => {
    const code = await deploy({
      "index.js": `
        let invocations = 0;
        exports.handler = async (event) => {
          invocations++;
          if (event.fail) { const e = new TypeError("boom"); e.code = "E_BOOM"; throw e; }
          if (event.throwString) throw "plain string";
          return { invocations };
        };`,
    });
    const config = functionConfig("nodejs20.x", "index.handler", code);
    const failed = await invoke(pool, config, { fail: true });
    assert.equal(failed.functionError, "Unhandled");
    assert.equal(failed.errorType, "TypeError");
    const error = json<{ errorType: string; errorMessage: string; trace: string[] }>(failed);
    assert.deepEqual(Object.keys(error), ["errorType", "errorMessage", "trace"]);
    assert.equal(error.errorType, "TypeError");
    assert.equal(error.errorMessage, "boom");
    assert.equal(error.trace[0], "TypeError: boom");
    assert.match(error.trace[1] ?? "", /at (exports\.handler|Runtime\.handler) \(.*index\.js:\d+:\d+\)/);
    const logged = messages(failed).find((m) => m.includes("\tERROR\tInvoke Error \t"));
    assert.ok(logged, "the Node runtime logs Invoke Error");
    const document = JSON.parse(logged.slice(logged.indexOf("\t{") + 1)) as Record<string, unknown>;
    assert.equal(document.errorType, "TypeError");
    assert.equal(document.code, "E_BOOM");
    assert.ok(Array.isArray(document.stack));
    assert.equal(reportLine(failed).includes("Status:"), false, "a function error is no platform failure");

    const thrownString = await invoke(pool, config, { throwString: true });
    assert.deepEqual(json(thrownString), { errorType: "string", errorMessage: "plain string", trace: [] });

    const ok = await invoke(pool, config, {});
    assert.equal(ok.coldStart, false);
    assert.deepEqual(json(ok), { invocations: 3 });
  });

  it("reports init failures with Lambda's Runtime.* error types and starts over on the next invocation", async () => {
    const code = await deploy({ "index.js": `console.log("loading"); exports.handler = async () => "ok";`, "broken.js": `exports.handler = async () => {` });
    const missing = await invoke(pool, functionConfig("nodejs20.x", "missing.handler", code));
    assert.equal(missing.functionError, "Unhandled");
    assert.equal(missing.errorType, "Runtime.ImportModuleError");
    assert.match(json<{ errorMessage: string }>(missing).errorMessage, /^Error: Cannot find module 'missing'/);
    assert.ok(messages(missing).some((m) => m.includes("\tERROR\tUncaught Exception \t{\"errorType\":\"Runtime.ImportModuleError\"")));
    assert.ok(messages(missing).some((m) => /^INIT_REPORT Init Duration: \d+\.\d\d ms\tPhase: init\tStatus: error\tError Type: Runtime\.ImportModuleError\n$/.test(m)));
    assert.match(reportLine(missing), /\tStatus: error\tError Type: Runtime\.ImportModuleError\n$/);

    const notExported = await invoke(pool, functionConfig("nodejs20.x", "index.nope", code));
    assert.equal(notExported.errorType, "Runtime.HandlerNotFound");
    assert.equal(json<{ errorMessage: string }>(notExported).errorMessage, "index.nope is undefined or not exported");
    assert.ok(messages(notExported).some((m) => m.endsWith("\tundefined\tINFO\tloading\n")), "init output is part of the failed invocation's log");

    const syntax = await invoke(pool, functionConfig("nodejs20.x", "broken.handler", code));
    assert.equal(syntax.errorType, "Runtime.UserCodeSyntaxError");

    const badName = functionConfig("nodejs20.x", "index", code);
    const first = await invoke(pool, badName);
    assert.equal(first.errorType, "Runtime.MalformedHandlerName");
    const again = await invoke(pool, badName);
    assert.equal(again.coldStart, true, "a context whose init failed is never reused");
  });

  it("reuses a warm context: module state and the temporary directory survive, init runs once", async () => {
    const code = await deploy({
      "index.js": `
        const fs = require("node:fs");
        const path = require("node:path");
        const os = require("node:os");
        console.log("initializing");
        let counter = 0;
        exports.handler = async () => {
          counter++;
          const file = path.join(os.tmpdir(), "visits.txt");
          const before = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : "";
          fs.appendFileSync(file, "x");
          return { counter, before };
        };`,
    });
    const config = functionConfig("nodejs20.x", "index.handler", code);
    const cold = await invoke(pool, config);
    assert.equal(cold.coldStart, true);
    assert.ok(cold.initDurationMs !== undefined && cold.initDurationMs > 0);
    assert.deepEqual(json(cold), { counter: 1, before: "" });
    assert.ok(messages(cold).some((m) => m.endsWith("\tINFO\tinitializing\n")));
    assert.match(reportLine(cold), /\tInit Duration: \d+\.\d\d ms\t\n$/);

    const warm = await invoke(pool, config);
    assert.equal(warm.coldStart, false);
    assert.equal(warm.initDurationMs, undefined);
    assert.deepEqual(json(warm), { counter: 2, before: "x" });
    assert.equal(warm.logStreamName, cold.logStreamName);
    assert.ok(!messages(warm).some((m) => m.includes("initializing")));
    assert.ok(!reportLine(warm).includes("Init Duration"));
  });

  it("confines function code: no other function's code, no server files, no child processes, no foreign Runtime API use", async () => {
    const other = await deploy({ "secret.js": `exports.handler = async () => "the other function's code";` });
    const code = await deploy({
      "index.js": `
        const fs = require("node:fs");
        const attempt = (fn) => { try { fn(); return "allowed"; } catch (e) { return e.code ?? e.message; } };
        exports.handler = async (event) => ({
          systemFile: attempt(() => fs.readFileSync("/etc/hostname")),
          otherFunction: attempt(() => fs.readFileSync(event.other + "/secret.js")),
          serverFile: attempt(() => fs.readFileSync(event.server)),
          writeCode: attempt(() => fs.writeFileSync(__dirname + "/planted.js", "x")),
          sharedTmp: attempt(() => fs.writeFileSync("/tmp/planted-by-function", "x")),
          childProcess: attempt(() => require("node:child_process").execSync("id")),
          ownCode: attempt(() => fs.readFileSync(__filename)),
          runtimeApi: process.env.AWS_LAMBDA_RUNTIME_API,
        });`,
    });
    const config = functionConfig("nodejs20.x", "index.handler", code, { environment: { NODE_OPTIONS: "--allow-fs-read=/ --enable-source-maps" } });
    const result = await invoke(pool, config, { other, server: `${process.cwd()}/package.json` });
    const body = json<Record<string, string>>(result);
    assert.equal(body.systemFile, "ERR_ACCESS_DENIED");
    assert.equal(body.otherFunction, "ERR_ACCESS_DENIED");
    assert.equal(body.serverFile, "ERR_ACCESS_DENIED");
    assert.equal(body.writeCode, "ERR_ACCESS_DENIED");
    assert.equal(body.sharedTmp, "ERR_ACCESS_DENIED");
    assert.equal(body.childProcess, "ERR_ACCESS_DENIED");
    assert.equal(body.ownCode, "allowed");
    assert.ok(messages(result).some((m) => m.includes("NODE_OPTIONS flags not allowed in the sandbox were dropped: --allow-fs-read=/")));

    // The context's Runtime API only talks to the context's own processes.
    await assert.rejects(fetch(`http://${body.runtimeApi}/2018-06-01/runtime/invocation/next`));
  });

  it("logs console output and the START/END/REPORT lines in Lambda's format, with a 4 KB tail", async () => {
    const code = await deploy({
      "index.js": `exports.handler = async () => {
        console.log("multi\\nline", { a: 1 });
        console.warn("careful");
        console.error("bad %d", 7);
        process.stdout.write("raw stdout line\\n");
        console.log("y".repeat(5000));
        return null;
      };`,
    });
    const result = await invoke(pool, functionConfig("nodejs20.x", "index.handler", code));
    const id = result.requestId;
    const lines = messages(result);
    assert.match(lines[0] ?? "", /^INIT_START Runtime Version: nodejs:20\.v[\d.]+\tRuntime Version ARN: arn:aws:lambda:us-east-1::runtime:[0-9a-f]{64}\n$/);
    assert.equal(lines[1], `START RequestId: ${id} Version: $LATEST\n`);
    const iso = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    assert.match(lines[2] ?? "", new RegExp(`^${iso}\\t${id}\\tINFO\\tmulti\\nline { a: 1 }\\n$`), "a multi-line message is one event");
    assert.match(lines[3] ?? "", new RegExp(`^${iso}\\t${id}\\tWARN\\tcareful\\n$`));
    assert.match(lines[4] ?? "", new RegExp(`^${iso}\\t${id}\\tERROR\\tbad 7\\n$`));
    assert.equal(lines[5], "raw stdout line\n");
    assert.equal(lines.at(-2), `END RequestId: ${id}\n`);
    const report = lines.at(-1) ?? "";
    const match = /^REPORT RequestId: ([^\t]+)\tDuration: (\d+\.\d\d) ms\tBilled Duration: (\d+) ms\tMemory Size: 128 MB\tMax Memory Used: (\d+) MB\tInit Duration: (\d+\.\d\d) ms\t\n$/.exec(report);
    assert.ok(match, report);
    assert.equal(match[1], id);
    assert.equal(Number(match[3]), Math.ceil(result.durationMs + (result.initDurationMs ?? 0)));
    assert.equal(Number(match[3]), result.billedDurationMs);
    assert.equal(Number(match[4]), result.maxMemoryUsedMB);
    assert.ok(result.maxMemoryUsedMB > 10 && result.maxMemoryUsedMB <= 128);
    assert.equal(json(result), null);
    for (let i = 1; i < result.logEvents.length; i++) assert.ok(result.logEvents[i]!.timestamp >= result.logEvents[i - 1]!.timestamp);

    assert.ok(Buffer.byteLength(result.logTail) <= 4096);
    assert.ok(result.logTail.endsWith(`END RequestId: ${id}\n${report}`));
    assert.ok(result.logTail.includes("yyyy"));
    assert.ok(!result.logTail.includes("START RequestId"), "the tail is only the last 4 KB");
  });
});
