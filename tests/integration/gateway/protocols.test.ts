import assert from "node:assert/strict";
import { EventEmitter, once } from "node:events";
import { request } from "node:http";
import { after, before, describe, test } from "node:test";
import { GetCallerIdentityCommand, STSClient, STSServiceException, errorTypeRegistries } from "@aws-sdk/client-sts";
import { AwsJson1_0Protocol } from "@aws-sdk/core/protocols";
import { z } from "zod";
import { prisma } from "../../../server/db/client";
import { AwsError } from "../../../server/errors";
import { OperationRegistry } from "../../../server/gateway/registry";
import { createDefaultRegistry } from "../../../server/gateway/services";
import { arn } from "../../../server/lib/arn";
import type { CallContext } from "../../../server/services/context";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { FORM, signedFetch, startGateway, type RunningGateway } from "./helpers";

/** A made-up service that speaks every protocol, to exercise the gateway without a real service's rules. */
function widgetRegistry(): OperationRegistry {
  const registry = createDefaultRegistry();
  registry.registerService({
    name: "widgets",
    awsJson: { version: "1.1", targetPrefix: "WidgetService_20240101", namespace: "com.example.widgets", queryCompatible: true },
    awsQuery: { version: "2024-01-01", xmlNamespace: "https://widgets.example.com/doc/2024-01-01/" },
  });
  registry.register({
    service: "widgets",
    name: "CreateWidget",
    input: z.object({ Name: z.string().min(3), Count: z.number().int().optional(), Tags: z.array(z.string()).optional() }),
    handler: async (ctx, input) => ({
      WidgetArn: arn("widgets", ctx.region, ctx.accountId, `widget/${input.Name}`),
      Count: input.Count,
      Tags: input.Tags,
      CreatedAt: new Date(0),
      Note: `<&> "quoted" 'single'\r\nline`,
    }),
    resourceArn: (ctx, input) => arn("widgets", ctx.region, ctx.accountId, `widget/${input.Name}`),
    protocols: { awsJson: {}, awsQuery: { result: { members: { Tags: { name: "Tag", flattened: true } } } } },
  });
  registry.register({
    service: "widgets",
    name: "DescribeWidget",
    input: z.object({ Name: z.string() }),
    handler: async (_ctx, input) => {
      throw new AwsError("WidgetNotFound", `Widget ${input.Name} does not exist`, 400, "Sender", "AWS.Widgets.NonExistentWidget");
    },
    protocols: { awsJson: {}, awsQuery: {} },
  });
  registry.register({
    service: "widgets",
    name: "DeleteWidget",
    input: z.object({}),
    handler: async () => {
      throw new Error("secret internal detail");
    },
    protocols: { awsJson: {}, awsQuery: {} },
  });
  registry.register({
    service: "widgets",
    name: "TagWidget",
    input: z.object({ Target: z.string(), Tags: z.record(z.string()) }),
    handler: async (_ctx, input) => input,
    protocols: {
      awsQuery: {
        // `Tag.N.Key` / `Tag.N.Value` become a map; the widget is named by the path posted to.
        decode: (params, req) => {
          const tags = Array.isArray(params.Tag) ? params.Tag : [];
          return {
            Target: req.path,
            Tags: Object.fromEntries(tags.map((t) => (typeof t === "object" && !Array.isArray(t) ? [t.Key, t.Value] : []))),
          };
        },
        result: { members: { Tags: { name: "Tag", flattened: true, map: { key: "Key", value: "Value" } } } },
      },
    },
  });
  registry.register({
    service: "widgets",
    name: "PingWidget",
    input: z.object({}),
    handler: async () => ({}),
    dataEvent: true,
    protocols: { awsJson: {} },
  });
  registry.register({
    service: "widgets",
    name: "AwaitWidget",
    input: z.object({}),
    handler: (ctx) =>
      new Promise((resolve) => {
        awaitingCalls.emit("started");
        ctx.signal?.addEventListener("abort", () => {
          abortedCalls.push(ctx.requestId);
          resolve({});
        });
      }),
    readOnly: true,
    protocols: { awsJson: {} },
  });
  registry.register({
    service: "widgets",
    name: "GetWidget",
    input: z.object({ Name: z.string(), Verbose: z.boolean().optional(), Limit: z.number().optional() }),
    handler: async (_ctx, input) => input,
    protocols: { restJson1: { method: "GET", path: "/2024-01-01/widgets/{Name}" } },
  });
  registry.register({
    service: "widgets",
    name: "PutWidget",
    input: z.object({ Name: z.string(), Color: z.string() }),
    handler: async (_ctx, input) => ({ Name: input.Name, Color: input.Color }),
    protocols: { restJson1: { method: "PUT", path: "/2024-01-01/widgets/{Name}", successStatus: 201 } },
  });
  return registry;
}

const awaitingCalls = new EventEmitter();
const abortedCalls: string[] = [];
const logged: unknown[][] = [];
const logger = { info: () => {}, warn: () => {}, error: (...args: unknown[]) => void logged.push(args) };

let gateway: RunningGateway;
let team: TestTeam;

before(async () => {
  gateway = await startGateway({ registry: widgetRegistry(), logger, maxBodyBytes: 1024 });
  team = await createTestTeam({ role: "developer" });
});
after(async () => {
  await gateway.close();
  await prisma().$disconnect();
});

const jsonHeaders = (operation: string) => ({ "content-type": "application/x-amz-json-1.1", "x-amz-target": `WidgetService_20240101.${operation}` });
const queryCall = (params: Record<string, string>) =>
  signedFetch(gateway, team, "widgets", { headers: FORM, body: new URLSearchParams({ Version: "2024-01-01", ...params }).toString() });
const jsonCall = (operation: string, body: unknown) =>
  signedFetch(gateway, team, "widgets", { headers: jsonHeaders(operation), body: JSON.stringify(body) });

async function auditFor(requestId: string | null) {
  assert.ok(requestId);
  return prisma().auditEvent.findFirstOrThrow({ where: { requestId } });
}

describe("one handler, two protocols", () => {
  test("awsQuery: nested parameters are decoded and coerced, the result is XML with declared shapes", async () => {
    const res = await queryCall({ Action: "CreateWidget", Name: "gear", Count: "3", "Tags.member.1": "a", "Tags.member.2": "b&c" });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "text/xml");
    const requestId = res.headers.get("x-amzn-requestid");
    const widgetArn = `arn:aws:widgets:us-east-1:${team.accountId}:widget/gear`;
    assert.equal(
      await res.text(),
      `<CreateWidgetResponse xmlns="https://widgets.example.com/doc/2024-01-01/"><CreateWidgetResult>` +
        `<WidgetArn>${widgetArn}</WidgetArn><Count>3</Count><Tag>a</Tag><Tag>b&amp;c</Tag>` +
        `<CreatedAt>1970-01-01T00:00:00.000Z</CreatedAt><Note>&lt;&amp;&gt; &quot;quoted&quot; &apos;single&apos;&#xD;&#xA;line</Note>` +
        `</CreateWidgetResult><ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></CreateWidgetResponse>`,
    );
    const audit = await auditFor(requestId);
    assert.equal(audit.action, "widgets:CreateWidget");
    assert.equal(audit.success, true);
    assert.equal(audit.resourceArn, widgetArn);
    assert.equal(audit.accountId, team.accountId);
    assert.equal(audit.userId, team.userId);
    assert.equal(audit.accessKeyId, team.accessKeyId);
    assert.equal(audit.source, "gateway");
    assert.equal(audit.region, "us-east-1");
  });

  test("awsQuery: an operation's decoder reshapes parameters and may read the request", async () => {
    const res = await signedFetch(gateway, team, "widgets", {
      path: "/widgets/gear",
      headers: FORM,
      body: new URLSearchParams({ Action: "TagWidget", "Tag.1.Key": "env", "Tag.1.Value": "prod", "Tag.2.Key": "team", "Tag.2.Value": "a<b" }).toString(),
    });
    assert.equal(res.status, 200);
    assert.match(
      await res.text(),
      /<TagWidgetResult><Target>\/widgets\/gear<\/Target><Tag><Key>env<\/Key><Value>prod<\/Value><\/Tag><Tag><Key>team<\/Key><Value>a&lt;b<\/Value><\/Tag><\/TagWidgetResult>/,
    );
  });

  test("awsJson: the same operation answers JSON, timestamps as epoch seconds", async () => {
    const res = await jsonCall("CreateWidget", { Name: "gear", Count: 3, Tags: ["a"] });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get("content-type"), "application/x-amz-json-1.1");
    const body = await res.json();
    assert.deepEqual(body, {
      WidgetArn: `arn:aws:widgets:us-east-1:${team.accountId}:widget/gear`,
      Count: 3,
      Tags: ["a"],
      CreatedAt: 0,
      Note: `<&> "quoted" 'single'\r\nline`,
    });
  });

  test("invalid input is a 400 validation error in each protocol's words, and is audited", async () => {
    const viaQuery = await queryCall({ Action: "CreateWidget", Name: "ab", Count: "many" });
    assert.equal(viaQuery.status, 400);
    const xml = await viaQuery.text();
    assert.match(xml, /<Type>Sender<\/Type><Code>ValidationError<\/Code><Message>2 validation errors detected: Value at &apos;Name&apos;/);
    assert.match(xml, /Value at &apos;Count&apos; failed to satisfy constraint: Expected number, received string/);
    const audit = await auditFor(viaQuery.headers.get("x-amzn-requestid"));
    assert.deepEqual([audit.action, audit.success, audit.errorCode], ["widgets:CreateWidget", false, "ValidationError"]);

    const viaJson = await jsonCall("CreateWidget", { Name: "ab" });
    assert.equal(viaJson.status, 400);
    assert.equal(viaJson.headers.get("x-amzn-errortype"), "ValidationException");
    assert.equal(viaJson.headers.get("x-amzn-query-error"), "ValidationError;Sender");
    const body = (await viaJson.json()) as { __type: string; message: string };
    assert.equal(body.__type, "com.example.widgets#ValidationException");
    assert.match(body.message, /^1 validation error detected: Value at 'Name' failed to satisfy constraint/);
  });

  test("service errors keep their code, and their query code where it differs", async () => {
    const viaQuery = await queryCall({ Action: "DescribeWidget", Name: "nope" });
    assert.equal(viaQuery.status, 400);
    assert.match(await viaQuery.text(), /<Code>AWS\.Widgets\.NonExistentWidget<\/Code><Message>Widget nope does not exist<\/Message>/);

    const viaJson = await jsonCall("DescribeWidget", { Name: "nope" });
    assert.equal(viaJson.status, 400);
    assert.equal(viaJson.headers.get("x-amzn-query-error"), "AWS.Widgets.NonExistentWidget;Sender");
    assert.deepEqual(await viaJson.json(), { __type: "com.example.widgets#WidgetNotFound", message: "Widget nope does not exist" });
    // Describe* is read-only: nothing to audit.
    assert.equal(await prisma().auditEvent.count({ where: { requestId: viaJson.headers.get("x-amzn-requestid") } }), 0);
  });

  test("data events are not audited", async () => {
    const res = await jsonCall("PingWidget", {});
    assert.equal(res.status, 200);
    assert.equal(await prisma().auditEvent.count({ where: { requestId: res.headers.get("x-amzn-requestid") } }), 0);
  });

  test("unexpected exceptions are a 500 InternalFailure that leaks nothing, logged and audited", async () => {
    logged.length = 0;
    const res = await jsonCall("DeleteWidget", {});
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.doesNotMatch(text, /secret internal detail/);
    assert.equal(JSON.parse(text).__type, "com.example.widgets#InternalFailure");
    assert.equal(res.headers.get("x-amzn-query-error"), "InternalFailure;Receiver");
    assert.ok(logged.some((args) => args.some((a) => a instanceof Error && a.message === "secret internal detail")));
    const audit = await auditFor(res.headers.get("x-amzn-requestid"));
    assert.deepEqual([audit.success, audit.errorCode], [false, "InternalFailure"]);
  });

  test("a body that is not JSON is a SerializationException", async () => {
    const res = await signedFetch(gateway, team, "widgets", { headers: jsonHeaders("CreateWidget"), body: "{nope" });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("x-amzn-errortype"), "SerializationException");
  });
});

describe("unknown operations", () => {
  test("an unregistered JSON operation is UnknownOperationException", async () => {
    const res = await signedFetch(gateway, team, "widgets", { headers: jsonHeaders("ExplodeWidget"), body: "{}" });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("x-amzn-errortype"), "UnknownOperationException");
    assert.equal(((await res.json()) as { __type: string }).__type, "com.example.widgets#UnknownOperationException");
  });

  test("an unregistered STS JSON operation and an unknown target prefix too", async () => {
    const sts = await signedFetch(gateway, team, "sts", {
      headers: { "content-type": "application/x-amz-json-1.0", "x-amz-target": "AWSSecurityTokenServiceV20110615.AssumeNothing" },
      body: "{}",
    });
    assert.equal(sts.status, 400);
    assert.equal(sts.headers.get("x-amzn-errortype"), "UnknownOperationException");
    assert.equal(sts.headers.get("x-amzn-query-error"), "InvalidAction;Sender");

    const unknown = await signedFetch(gateway, team, "example", {
      headers: { "content-type": "application/x-amz-json-1.1", "x-amz-target": "ExampleService_20240101.ListThings" },
      body: "{}",
    });
    assert.equal(unknown.status, 400);
    assert.deepEqual(await unknown.json(), { __type: "UnknownOperationException", message: "Stratus does not provide the 'example' service" });
  });

  test("an unknown query Action is InvalidAction in XML, with the request id", async () => {
    const res = await queryCall({ Action: "ExplodeWidget" });
    assert.equal(res.status, 400);
    const requestId = res.headers.get("x-amzn-requestid");
    assert.equal(
      await res.text(),
      `<ErrorResponse xmlns="https://widgets.example.com/doc/2024-01-01/"><Error><Type>Sender</Type><Code>InvalidAction</Code>` +
        `<Message>Could not find operation ExplodeWidget for version 2024-01-01</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
    );
  });

  test("a restJson path that matches no route is a 404 UnknownOperationException", async () => {
    const res = await signedFetch(gateway, team, "widgets", { method: "DELETE", path: "/2024-01-01/widgets/gear" });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get("x-amzn-errortype"), "UnknownOperationException");
  });
});

describe("restJson1", () => {
  test("path labels are decoded and query parameters coerced to the schema", async () => {
    const res = await signedFetch(gateway, team, "widgets", { method: "GET", path: "/2024-01-01/widgets/big%20gear", query: { Verbose: "true", Limit: "5" } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { Name: "big gear", Verbose: true, Limit: 5 });
  });

  test("a JSON body with a declared success status", async () => {
    const res = await signedFetch(gateway, team, "widgets", {
      method: "PUT",
      path: "/2024-01-01/widgets/gear",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ Color: "red" }),
    });
    assert.equal(res.status, 201);
    assert.deepEqual(await res.json(), { Name: "gear", Color: "red" });
  });
});

describe("the STS SDK speaking awsJson1_0 (query-compatible)", () => {
  const jsonSts = (credentials: { accessKeyId: string; secretAccessKey: string }) =>
    new STSClient({
      endpoint: gateway.url,
      region: "us-east-1",
      credentials,
      maxAttempts: 1,
      protocol: new AwsJson1_0Protocol({
        defaultNamespace: "com.amazonaws.sts",
        serviceTarget: "AWSSecurityTokenServiceV20110615",
        awsQueryCompatible: true,
        errorTypeRegistries,
      }),
    });

  test("gets the caller identity", async () => {
    const out = await jsonSts(team).send(new GetCallerIdentityCommand({}));
    assert.equal(out.Account, team.accountId);
    assert.equal(out.Arn, team.principal.arn);
  });

  test("reads auth errors by their query code", async () => {
    for (const [credentials, name] of [
      [{ accessKeyId: team.accessKeyId, secretAccessKey: "wrong" }, "SignatureDoesNotMatch"],
      [{ accessKeyId: "AKIANOSUCHKEY0000000", secretAccessKey: "x" }, "InvalidClientTokenId"],
    ] as const) {
      await assert.rejects(jsonSts(credentials).send(new GetCallerIdentityCommand({})), (error: unknown) => {
        assert.ok(error instanceof STSServiceException);
        assert.equal(error.name, name);
        assert.equal(error.$metadata.httpStatusCode, 403);
        return true;
      });
    }
  });
});

describe("HTTP framing", () => {
  test("health reports ok when the database answers", async () => {
    const res = await fetch(`${gateway.url}/_stratus/health`);
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { status: "ok" });
    assert.match(res.headers.get("x-amzn-requestid") ?? "", /^[0-9a-f-]{36}$/);
  });

  test("every response carries its own x-amzn-RequestId", async () => {
    const responses = await Promise.all([fetch(`${gateway.url}/`), fetch(`${gateway.url}/_stratus/health`), queryCall({ Action: "ExplodeWidget" })]);
    const ids = responses.map((r) => r.headers.get("x-amzn-requestid"));
    for (const id of ids) assert.match(id ?? "", /^[0-9a-f-]{36}$/);
    assert.equal(new Set(ids).size, ids.length);
  });

  test("a body over the limit is 413 in the protocol's error shape, before authentication", async () => {
    const big = "x".repeat(2048);
    const viaQuery = await fetch(`${gateway.url}/`, { method: "POST", headers: { ...FORM, authorization: "AWS4-HMAC-SHA256 Credential=AKIA/20250101/us-east-1/widgets/aws4_request" }, body: `Action=CreateWidget&Name=${big}` });
    assert.equal(viaQuery.status, 413);
    assert.match(await viaQuery.text(), /^<ErrorResponse xmlns="https:\/\/widgets.example.com\/doc\/2024-01-01\/"><Error><Type>Sender<\/Type><Code>RequestEntityTooLarge<\/Code>/);

    const viaJson = await fetch(`${gateway.url}/`, { method: "POST", headers: jsonHeaders("CreateWidget"), body: JSON.stringify({ Name: big }) });
    assert.equal(viaJson.status, 413);
    assert.equal(viaJson.headers.get("x-amzn-errortype"), "RequestEntityTooLarge");
  });

  test("a chunked body is cut off as soon as it passes the limit", async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${gateway.url}/`, { method: "POST", headers: jsonHeaders("CreateWidget") }, (res) => {
        let text = "";
        res.setEncoding("utf8").on("data", (chunk: string) => (text += chunk)).on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on("error", reject);
      for (let i = 0; i < 4; i++) req.write("y".repeat(512));
      req.end();
    });
    assert.equal(status, 413);
    assert.equal(JSON.parse(body).__type, "com.example.widgets#RequestEntityTooLarge");
  });
});

describe("long-running calls", () => {
  test("ctx.signal aborts when the client disconnects", async () => {
    const client = new AbortController();
    const started = once(awaitingCalls, "started");
    const call = signedFetch(gateway, team, "widgets", { headers: jsonHeaders("AwaitWidget"), body: "{}" }, undefined, client.signal);
    await started;
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.deepEqual(abortedCalls, []);
    client.abort();
    await assert.rejects(call, { name: "AbortError" });
    for (let i = 0; i < 50 && abortedCalls.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(abortedCalls.length, 1);
  });
});

describe("registry", () => {
  const ctx: CallContext = {
    accountId: "123456789012",
    region: "us-east-1",
    principal: { accountId: "123456789012", arn: "arn:aws:iam::123456789012:user/a", userId: "AIDAEXAMPLE", role: "owner" },
    requestId: "r",
    source: "gateway",
  };

  test("a service can name its own validation error; failed calls still report their resource", async () => {
    const registry = new OperationRegistry();
    registry.registerService({
      name: "fns",
      awsJson: { version: "1.1", targetPrefix: "Fns", namespace: "com.example.fns" },
      validationError: (_error, message) => new AwsError("InvalidParameterValueException", message, 400),
    });
    registry.register({
      service: "fns",
      name: "CreateFn",
      input: z.object({ Name: z.string().regex(/^[a-z]+$/) }),
      handler: async () => {
        throw new AwsError("ResourceConflictException", "exists", 409);
      },
      resourceArn: (c, input) => `arn:aws:fns:${c.region}:${c.accountId}:fn/${input.Name}`,
      protocols: { awsJson: {} },
    });
    const operation = registry.operation("fns", "CreateFn", "awsJson");
    assert.ok(operation);
    assert.equal(operation.action, "fns:CreateFn");
    assert.equal(operation.readOnly, false);
    assert.equal(registry.operation("fns", "CreateFn", "awsQuery"), undefined);

    const invalid = await operation.execute(ctx, { Name: "UPPER" });
    assert.ok(!invalid.ok && invalid.error instanceof AwsError);
    assert.equal(invalid.error.code, "InvalidParameterValueException");
    assert.equal(invalid.resourceArn, undefined);

    const conflict = await operation.execute(ctx, { Name: "fn" });
    assert.ok(!conflict.ok && conflict.error instanceof AwsError);
    assert.equal(conflict.error.code, "ResourceConflictException");
    assert.equal(conflict.resourceArn, "arn:aws:fns:us-east-1:123456789012:fn/fn");
  });

  test("registration mistakes fail loudly at start-up", () => {
    const registry = new OperationRegistry();
    const op = { name: "Op", input: z.object({}), handler: async () => ({}), protocols: { awsQuery: {} } };
    assert.throws(() => registry.register({ ...op, service: "nope" }), /Register service nope before its operations/);
    registry.registerService({ name: "svc", awsJson: { version: "1.0", targetPrefix: "Svc", namespace: "com.example.svc" } });
    assert.throws(() => registry.registerService({ name: "svc" }), /already registered/);
    assert.throws(() => registry.register({ ...op, service: "svc" }), /does not declare awsQuery/);
    registry.register({ ...op, service: "svc", protocols: { awsJson: {} } });
    assert.throws(() => registry.register({ ...op, service: "svc", protocols: { awsJson: {} } }), /svc:Op is already registered/);
  });
});
