// Number message attributes at the edges of SQS's Number domain (up to 38 significant digits, magnitude
// between 10^-128 and 10^+126, or zero), through SendMessage and SendMessageBatch.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { assertSqsError, counts, createQueue, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

const digits38 = "12345678901234567890123456789012345678";
const inDomain: [label: string, value: string][] = [
  ["38 significant digits", digits38],
  ["38 significant digits, signed, with leading and trailing zeros", `-000${digits38.slice(0, 20)}.${digits38.slice(20)}000`],
  ["trailing integer zeros, which are not significant", `${digits38}00000`],
  ["10^126 in exponent notation", "1e126"],
  ["10^126 written out", `1${"0".repeat(126)}`],
  ["the largest 38-digit value below 10^126", `${"9".repeat(38)}e88`],
  ["-10^126", "-1E+126"],
  ["10^-128 in exponent notation", "1e-128"],
  ["10^-128 written out", `0.${"0".repeat(127)}1`],
  ["-10^-128", "-0.1e-127"],
  ["zero", "0"],
  ["zero with a sign, a fraction and an exponent far out of range", "-0.000e-999"],
];
const outOfDomain: [label: string, value: string][] = [
  ["39 significant digits", `${digits38}9`],
  ["39 significant digits behind leading zeros", `0.000${digits38}9`],
  ["just above 10^126, in 38 digits", `1.${"0".repeat(36)}1e126`],
  ["10^127", "1e127"],
  ["just above 10^126 written out, in 38 digits", `1${"0".repeat(36)}1${"0".repeat(89)}`],
  ["just below 10^-128", "9e-129"],
  ["10^-129 written out", `0.${"0".repeat(128)}1`],
  ["-10^-129", "-1e-129"],
  ["an exponent no number type holds", "1e99999999999999999999"],
];
const outOfRange = (name: string) =>
  `The value of message (user) attribute '${name}' is out of range for a number: up to 38 significant digits, between 10^-128 and 10^+126.`;
const numberAttribute = (value: string) => ({ n: { DataType: "Number", StringValue: value } });

describe("Number message attributes", () => {
  let url: string;
  before(async () => {
    url = await createQueue(h.client, uniqueName("number-attrs"));
  });

  for (const [label, value] of inDomain) {
    it(`SendMessage accepts ${label} and delivers it unchanged`, async () => {
      const queue = await createQueue(h.client, uniqueName("number-ok"));
      await h.client.send(new sqs.SendMessageCommand({ QueueUrl: queue, MessageBody: "n", MessageAttributes: numberAttribute(value) }));
      const { Messages = [] } = await h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: queue, MessageAttributeNames: ["All"] }));
      assert.equal(Messages[0]?.MessageAttributes?.n?.StringValue, value);
    });
  }

  for (const [label, value] of outOfDomain) {
    it(`SendMessage refuses ${label}`, async () => {
      await assertSqsError(
        h.client.send(
          new sqs.SendMessageCommand({ QueueUrl: url, MessageBody: "n", MessageAttributes: { Weight: { DataType: "Number.kg", StringValue: value } } }),
        ),
        { name: "InvalidParameterValue", status: 400, message: outOfRange("Weight") },
      );
    });
  }

  it("SendMessageBatch fails only the entries out of the domain", async () => {
    const queue = await createQueue(h.client, uniqueName("number-batch"));
    const entries = [...inDomain, ...outOfDomain].map(([, value], i) => ({ Id: `e${i}`, MessageBody: "n", MessageAttributes: numberAttribute(value) }));
    const bad = new Set(entries.slice(inDomain.length).map((e) => e.Id));
    // Ten entries a batch at most.
    const results = [];
    for (let i = 0; i < entries.length; i += 10) {
      results.push(await h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: queue, Entries: entries.slice(i, i + 10) })));
    }
    assert.deepEqual(
      results.flatMap((r) => r.Successful ?? []).map((e) => e.Id),
      entries.filter((e) => !bad.has(e.Id)).map((e) => e.Id),
    );
    assert.deepEqual(
      results.flatMap((r) => r.Failed ?? []),
      [...bad].map((Id) => ({ Id, SenderFault: true, Code: "InvalidParameterValue", Message: outOfRange("n") })),
    );
    assert.equal((await counts(h.client, queue)).visible, inDomain.length);
  });
});
