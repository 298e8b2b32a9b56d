/** The CBOR codec, and AWS's CBOR protocol (`application/x-amz-cbor-1.1`) on the gateway's JSON services. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { prisma } from "../../../server/db/client";
import { CborError, CborTag, decodeCbor, encodeCbor } from "../../../server/gateway/protocols/cbor";
import { createTestTeam, type TestTeam } from "../../helpers/fixtures";
import { signedFetch, startGateway, type RunningGateway } from "./helpers";

const hex = (text: string) => Buffer.from(text.replace(/\s+/g, ""), "hex");

describe("CBOR codec", () => {
  test("decodes RFC 8949 Appendix A examples", () => {
    const cases: [string, unknown][] = [
      ["00", 0],
      ["17", 23],
      ["1818", 24],
      ["1903e8", 1000],
      ["1a000f4240", 1000000],
      ["1b000000e8d4a51000", 1000000000000],
      ["20", -1],
      ["3903e7", -1000],
      ["f90000", 0],
      ["f93c00", 1],
      ["f97bff", 65504],
      ["f9c400", -4],
      ["fa47c35000", 100000],
      ["fb3ff199999999999a", 1.1],
      ["f4", false],
      ["f5", true],
      ["f6", null],
      ["6161", "a"],
      ["62c3bc", "\u00fc"],
      ["83010203", [1, 2, 3]],
      ["a26161016162820203", { a: 1, b: [2, 3] }],
      ["9f018202039f0405ffff", [1, [2, 3], [4, 5]]],
      ["bf61610161629f0203ffff", { a: 1, b: [2, 3] }],
      ["7f657374726561646d696e67ff", "streaming"],
    ];
    for (const [input, expected] of cases) assert.deepEqual(decodeCbor(hex(input)), expected, input);
    assert.deepEqual(decodeCbor(hex("5f42010243030405ff")), Buffer.from([1, 2, 3, 4, 5]));
    const tagged = decodeCbor(hex("c11a514b67b0"));
    assert.ok(tagged instanceof CborTag);
    assert.equal(tagged.tag, 1);
    assert.equal(tagged.value, 1363896240);
  });

  test("encodes in the shortest form and round-trips what AWS responses hold", () => {
    assert.deepEqual(encodeCbor(0), hex("00"));
    assert.deepEqual(encodeCbor(24), hex("1818"));
    assert.deepEqual(encodeCbor(-1000), hex("3903e7"));
    assert.deepEqual(encodeCbor(1000000000000), hex("1b000000e8d4a51000"));
    assert.deepEqual(encodeCbor(1.1), hex("fb3ff199999999999a"));
    assert.deepEqual(encodeCbor({ a: 1, b: [2, 3], skipped: undefined }), hex("a26161016162820203"));
    assert.deepEqual(encodeCbor(new CborTag(1, 1363896240000)), hex("c11b0000013d8e8d0780"));
    const value = { Records: [{ Data: Buffer.from("hello"), SequenceNumber: "4959", Text: "\u00fc\u6c34", N: null, Ok: true }] };
    assert.deepEqual(decodeCbor(encodeCbor(value)), value);
  });

  test("malformed input is a CborError, never a crash or a partial value", () => {
    for (const input of ["", "18", "62c3", "83 01 02", "9f 01", "a1 01 02", "ff", "1c", "00 00", "5f 61 61 ff"]) {
      assert.throws(() => decodeCbor(hex(input)), CborError, input);
    }
    assert.throws(() => decodeCbor(Buffer.alloc(100, 0x81)), /too deep/);
  });
});

describe("the CBOR protocol on an AWS JSON service", () => {
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

  const call = (target: string, body: unknown) =>
    signedFetch(gateway, team, "logs", {
      headers: { "content-type": "application/x-amz-cbor-1.1", "x-amz-target": `Logs_20140328.${target}` },
      body: encodeCbor(body),
    });

  test("a call in CBOR is answered in CBOR", async () => {
    const name = `cbor-${Date.now()}`;
    const created = await call("CreateLogGroup", { logGroupName: name });
    assert.equal(created.status, 200);
    assert.equal(created.headers.get("content-type"), "application/x-amz-cbor-1.1");
    const res = await call("DescribeLogGroups", { logGroupNamePrefix: name });
    assert.equal(res.status, 200);
    const out = decodeCbor(Buffer.from(await res.arrayBuffer())) as { logGroups: { logGroupName: string; creationTime: number }[] };
    assert.deepEqual(out.logGroups.map((g) => g.logGroupName), [name]);
    assert.ok(Math.abs(out.logGroups[0]!.creationTime - Date.now()) < 60_000);
  });

  test("errors are CBOR maps with the error type, and the type header", async () => {
    const res = await call("DeleteLogGroup", { logGroupName: `missing-${Date.now()}` });
    assert.equal(res.status, 400);
    assert.equal(res.headers.get("x-amzn-errortype"), "ResourceNotFoundException");
    const out = decodeCbor(Buffer.from(await res.arrayBuffer())) as { __type: string; message: string };
    assert.match(out.__type, /ResourceNotFoundException$/);
    assert.equal(out.message, "The specified log group does not exist.");
  });

  test("a body that is not CBOR is a SerializationException, in CBOR", async () => {
    const res = await signedFetch(gateway, team, "logs", {
      headers: { "content-type": "application/x-amz-cbor-1.1", "x-amz-target": "Logs_20140328.DescribeLogGroups" },
      body: Buffer.from([0x62, 0xc3]),
    });
    assert.equal(res.status, 400);
    const out = decodeCbor(Buffer.from(await res.arrayBuffer())) as { __type: string };
    assert.match(out.__type, /SerializationException$/);
  });
});
