/** Cleartext HTTP/2 next to HTTP/1.1 on the gateway's one port (the SDK's Kinesis client speaks HTTP/2). */
import assert from "node:assert/strict";
import { connect as connectHttp2, type ClientHttp2Session } from "node:http2";
import { connect as connectTcp } from "node:net";
import { after, before, describe, test } from "node:test";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { NodeHttp2Handler } from "@smithy/node-http-handler";
import { prisma } from "../../../server/db/client";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { startGateway, type RunningGateway } from "./helpers";

let gateway: RunningGateway;
let team: TestTeam;

before(async () => {
  gateway = await startGateway();
  team = await createTestTeam();
});
after(async () => {
  await gateway.close();
  await prisma().$disconnect();
});

function h2Session(url = gateway.url): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connectHttp2(url);
    session.once("connect", () => resolve(session));
    session.once("error", reject);
  });
}

/** One request on an HTTP/2 session: status, headers and body. */
function h2Request(session: ClientHttp2Session, headers: Record<string, string>, body = ""): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const stream = session.request({ ":method": "POST", ":path": "/", ...headers });
    let responseHeaders: Record<string, unknown> = {};
    const chunks: Buffer[] = [];
    stream.on("response", (h) => (responseHeaders = h));
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve({ status: Number(responseHeaders[":status"]), headers: responseHeaders, body: Buffer.concat(chunks).toString("utf8") }));
    stream.on("error", reject);
    stream.end(body);
  });
}

describe("HTTP/2 with prior knowledge (h2c)", () => {
  test("the SDK's HTTP/2 handler makes signed calls, several over one session", async () => {
    const handler = new NodeHttp2Handler({ disableConcurrentStreams: false });
    const client = new STSClient({ endpoint: gateway.url, region: "us-east-1", credentials: team, maxAttempts: 1, requestHandler: handler });
    try {
      const answers = await Promise.all([1, 2, 3].map(() => client.send(new GetCallerIdentityCommand({}))));
      for (const out of answers) {
        assert.equal(out.Account, team.accountId);
        assert.equal(out.$metadata.httpStatusCode, 200);
        assert.match(out.$metadata.requestId ?? "", /^[0-9a-f-]{36}$/);
      }
    } finally {
      client.destroy();
    }
  });

  test("an unsigned request gets the protocol's authentication error, with the request id header", async () => {
    const session = await h2Session();
    try {
      const res = await h2Request(
        session,
        { "content-type": "application/x-www-form-urlencoded" },
        "Action=GetCallerIdentity&Version=2011-06-15",
      );
      assert.equal(res.status, 403);
      assert.match(String(res.headers["x-amzn-requestid"]), /^[0-9a-f-]{36}$/);
      assert.match(res.body, /<Code>MissingAuthenticationToken<\/Code>/);
    } finally {
      session.close();
    }
  });

  test("closing the gateway ends idle HTTP/2 sessions instead of waiting for them", async () => {
    const own = await startGateway();
    const session = await h2Session(own.url);
    const closed = new Promise((resolve) => session.once("close", resolve));
    await own.close();
    await closed;
    assert.ok(session.closed || session.destroyed);
  });
});

describe("HTTP/1.1 on the same port", () => {
  test("a request whose first packet is one byte still reaches HTTP/1.1", async () => {
    const { port } = new URL(gateway.url);
    const response = await new Promise<string>((resolve, reject) => {
      const socket = connectTcp(Number(port), "127.0.0.1");
      let text = "";
      socket.setNoDelay(true);
      socket.on("data", (chunk) => (text += chunk.toString("latin1")));
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
      socket.once("connect", () => {
        // "P" could begin either protocol's preface: the gateway must wait for more before choosing.
        socket.write("P");
        setImmediate(() => socket.write("OST / HTTP/1.1\r\nHost: localhost\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
      });
    });
    assert.match(response, /^HTTP\/1\.1 (400|403) /);
    assert.match(response, /x-amzn-RequestId: [0-9a-f-]{36}/i);
  });
});
