/**
 * Where a SendMessage's time goes, stage by stage, with the real code in one process (no server
 * edits): the SDK's client-side work (serialise, sign, parse, MD5 check) against a canned response,
 * then each gateway stage on a real signed request — routing, decoding, SigV4 authentication, input
 * validation, the domain function, the bare INSERT it runs, encoding — and the whole dispatch.
 *
 *   npx tsx bench/sqs/stages.ts [--n 2000] [--interleave]
 *
 * Uses the bench database (BENCH_DATABASE_URL, default stratus_bench) and Redis DB 3, like run.ts.
 */
import { createHash, randomUUID } from "node:crypto";
import { Agent, request } from "node:http";
import { parseArgs } from "node:util";
import { CreateQueueCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { Readable } from "node:stream";
import { fmt, summarize } from "../lib/stats";
import { freePort, startChild, waitForHttp } from "../lib/processes";
import { BENCH_DATABASE_URL, BENCH_REDIS_URL } from "../lib/cli";
import { prepareStratus } from "../lib/servers";

const { values: args } = parseArgs({ options: { n: { type: "string", default: "2000" }, interleave: { type: "boolean", default: false } } });
const N = Number(args.n);
const DATABASE_URL = BENCH_DATABASE_URL;
const REDIS_URL = BENCH_REDIS_URL;

interface Stage {
  name: string;
  fn: () => unknown;
  samples: number[];
  cpu: number;
}
const stages: Stage[] = [];

/**
 * Registers a stage. Stages run one after another (warm-up, then n calls each), or with --interleave
 * one call of each in turn (drift hits all alike, but each stage then also pays the others' cache misses and GC).
 */
function stage(name: string, fn: () => unknown): void {
  stages.push({ name, fn, samples: [], cpu: 0 });
}

async function runStages(n: number, interleave: boolean): Promise<void> {
  const once = async (s: Stage) => {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await s.fn();
    s.samples.push((performance.now() - t0) * 1000);
    const cpu = process.cpuUsage(cpu0);
    s.cpu += cpu.user + cpu.system;
  };
  if (interleave) {
    for (const s of stages) for (let i = 0; i < Math.min(300, n); i++) await s.fn();
    for (let i = 0; i < n; i++) for (const s of stages) await once(s);
  } else {
    for (const s of stages) {
      for (let i = 0; i < Math.min(300, n); i++) await s.fn();
      for (let i = 0; i < n; i++) await once(s);
    }
  }
  for (const s of stages) {
    const sum = summarize(s.samples);
    console.log(`${s.name.padEnd(70)} p50 ${fmt(sum.p50, 0).padStart(6)} µs   mean ${fmt(sum.mean, 0).padStart(6)} µs   CPU ${fmt(s.cpu / n, 0).padStart(6)} µs`);
  }
}

/** A no-op HTTP server in a child process: the floor for any HTTP round trip between two Node processes here. */
async function noopServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = startChild("no-op http server", process.execPath, [
    "-e",
    `require("node:http").createServer((req, res) => { req.resume(); req.on("end", () => { res.writeHead(200, { "content-type": "application/x-amz-json-1.0" }); res.end("{}"); }); }).listen(${port}, "127.0.0.1");`,
  ]);
  const url = `http://127.0.0.1:${port}/`;
  await waitForHttp(url, child, 10_000);
  return { url, stop: () => child.stop() };
}

/** The parts of the SDK's signed HTTP request used here. */
interface HttpRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: unknown;
}

async function main(): Promise<void> {
  const setup = await prepareStratus(DATABASE_URL, REDIS_URL);
  const { prisma } = await import("../../server/db/client");
  const { pgPool } = await import("../../server/db/pool");
  const { createDefaultRegistry } = await import("../../server/gateway/services");
  const { routeRequest } = await import("../../server/gateway/routing");
  const { PROTOCOLS } = await import("../../server/gateway/protocols");
  const { authenticate } = await import("../../server/gateway/authenticate");
  const { dispatch } = await import("../../server/gateway/dispatch");
  const { collectHeaders } = await import("../../server/gateway/request");
  const { parseSignature, verifySignature, payloadHash } = await import("../../server/gateway/sigv4");
  const { resolveCredential } = await import("../../server/services/iam/credentials");
  const { IamDecisionData } = await import("../../server/services/iam/policy-sets");
  const { sendMessage } = await import("../../server/services/sqs/send");
  const { resolveQueue } = await import("../../server/services/sqs/store");
  const { SqsSchemas } = await import("../../server/services/sqs/schemas");
  const { queueWakeups } = await import("../../server/services/sqs/wakeups");

  const db = prisma();
  const { Redis } = await import("ioredis");
  const redis = new Redis(REDIS_URL);
  const registry = createDefaultRegistry();
  const deps = { registry, db, resolveCredential, iam: new IamDecisionData(db), logger: console };
  const endpoint = "http://127.0.0.1:4566";
  const queueName = `bench-stages-${Date.now().toString(36)}`;
  const body = "x".repeat(100);
  const md5 = createHash("md5").update(body).digest("hex");

  // A client whose "network" captures the signed request and answers like the gateway would.
  let captured: HttpRequest | undefined;
  let answer = "";
  const fake = {
    handle: async (request: HttpRequest) => {
      captured = request;
      return { response: { statusCode: 200, headers: { "content-type": "application/x-amz-json-1.0" }, body: Readable.from([Buffer.from(answer)]) } };
    },
  };
  const client = new SQSClient({
    endpoint,
    region: "us-east-1",
    credentials: { accessKeyId: setup.accessKeyId, secretAccessKey: setup.secretAccessKey },
    maxAttempts: 1,
    requestHandler: fake as never,
  });
  const toGateway = (request: HttpRequest) => {
    const raw = Object.entries(request.headers).flat();
    const bodyBuf = Buffer.from(request.body as string);
    return {
      method: request.method,
      path: request.path,
      query: "",
      headers: collectHeaders(raw),
      body: bodyBuf,
      requestId: randomUUID(),
      sourceIp: "127.0.0.1",
      signal: new AbortController().signal,
    };
  };

  // Create the queue through dispatch, as a real CreateQueue would arrive.
  answer = JSON.stringify({ QueueUrl: `${endpoint}/${setup.accountId}/${queueName}` });
  await client.send(new CreateQueueCommand({ QueueName: queueName }));
  const createReq = toGateway(captured!);
  const created = await dispatch(deps, routeRequest(registry, createReq), createReq);
  if (created.status !== 200) throw new Error(`CreateQueue failed: ${created.body}`);
  const queueUrl = `${endpoint}/${setup.accountId}/${queueName}`;

  answer = JSON.stringify({ MessageId: randomUUID(), MD5OfMessageBody: md5 });
  const sendCommand = () => new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body });
  await client.send(sendCommand());
  const req = toGateway(captured!);

  const noop = await noopServer();
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const signedBody = Buffer.from(captured!.body as string);
  const post = () =>
    new Promise<void>((resolve, reject) => {
      const r = request(noop.url, { method: "POST", agent, headers: { ...captured!.headers, "content-length": String(signedBody.length) } }, (res) => {
        res.resume();
        res.on("end", resolve);
      });
      r.on("error", reject);
      r.end(signedBody);
    });
  console.log(`\nSendMessage, ${N} calls per stage${args.interleave ? ", stages interleaved" : ""} (Node ${process.version}):\n`);
  stage("floor: HTTP round trip, Node client → no-op Node server (child process)", post);
  stage("SDK client side: build, serialise, sign, parse, MD5 check", () => client.send(sendCommand()));
  stage("gateway: collect headers + route", () => routeRequest(registry, { ...req, headers: collectHeaders(Object.entries(captured!.headers).flat()) }));
  const route = routeRequest(registry, req);
  const protocol = PROTOCOLS[route.protocol];
  stage("gateway: decode (awsJson body parse)", () => protocol.decode(req, route.service!, registry));
  const parts = parseSignature(req);
  stage("gateway: SigV4 parse Authorization header", () => parseSignature(req));
  stage("gateway: SigV4 credential lookup (cached)", () => resolveCredential(db, parts.scope.accessKeyId));
  const credential = (await resolveCredential(db, parts.scope.accessKeyId))!;
  stage("gateway: SigV4 verify (payload SHA-256, canonical request, HMAC; key cached)", () =>
    verifySignature(req, parts, credential.secretAccessKey, payloadHash(req, parts, req.body)),
  );
  stage("gateway: authenticate() total", () => authenticate(req, "sqs", deps));
  const { params } = protocol.decode(req, route.service!, registry);
  stage("gateway: zod input validation (SendMessage schema)", () => SqsSchemas.SendMessage.safeParse(params));
  const caller = await authenticate(req, "sqs", deps);
  const ctx = { accountId: caller.principal.accountId, region: caller.region, principal: caller.principal, requestId: "r", source: "gateway" as const, endpoint };
  stage("domain: resolveQueue (1 s cache)", () => resolveQueue(db, ctx, queueUrl, "SendMessage"));
  const queue = await resolveQueue(db, ctx, queueUrl, "SendMessage");
  const insert = `
    INSERT INTO sqs_messages (queue_id, message_id, body, message_attributes, md5_of_body, md5_of_message_attributes,
                              trace_header, sender_id, sent_at, visible_at, enqueued_at, group_id, deduplication_id, sequence_number)
    SELECT $1, m.message_id, m.body, m.attributes, m.md5_of_body, m.md5_of_attributes, m.trace_header, $2,
           now(), now() + make_interval(secs => m.delay), now(), m.group_id, m.deduplication_id, m.sequence_number
      FROM unnest($3::uuid[], $4::text[], $5::jsonb[], $6::text[], $7::text[], $8::text[], $9::int[], $10::text[], $11::text[], $12::text[])
        AS m(message_id, body, attributes, md5_of_body, md5_of_attributes, trace_header, delay, group_id, deduplication_id, sequence_number)`;
  stage("postgres: the bare INSERT (pg pool, prepared, autocommit)", () =>
    pgPool().query({ name: "bench-insert", text: insert, values: [queue.id, "bench", [randomUUID()], [body], [null], [md5], [null], [null], [0], [null], [null], [null]] }),
  );
  stage("postgres: SELECT 1 round trip (pg pool)", () => pgPool().query({ name: "bench-select1", text: "SELECT 1" }));
  stage("domain: sendMessage() (queue lookup, checks, MD5, INSERT, wake-up)", () => sendMessage(db, ctx, { QueueUrl: queueUrl, MessageBody: body }));
  const operation = registry.operation("sqs", "SendMessage", "awsJson")!;
  stage("gateway: operation.execute() (validation + sendMessage)", () => operation.execute(ctx, params));
  const outcome = await operation.execute(ctx, params);
  stage("Redis: PUBLISH (what every send's wake-up does)", () => redis.publish("stratus:bench:noop", "x"));
  stage("gateway: encode output", () => protocol.encodeOutput(operation, (outcome as { output: unknown }).output, "r"));
  stage("gateway: dispatch() total (decode → auth → execute → encode)", () => dispatch(deps, route, { ...req, requestId: randomUUID() }));

  await runStages(N, args.interleave!);
  agent.destroy();
  await noop.stop();
  await db.$disconnect();
  await pgPool().end();
  await queueWakeups().close();
  redis.disconnect();
  const { Client } = (await import("pg")).default;
  const admin = new Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query("DELETE FROM sqs_queues WHERE name = $1", [queueName]);
  await admin.end();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
