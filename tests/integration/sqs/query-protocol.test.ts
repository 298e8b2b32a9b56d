// The query protocol as older SDKs and the CLI speak it: signed form POSTs (also to the queue's URL path, without
// QueueUrl), answered with AWS's exact XML, errors included.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestTeam } from "../../helpers/fixtures";
import { FORM, queryString, signedFetch } from "../gateway/helpers";
import { createQueue, md5, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;

before(async () => {
  h = await startSqs();
});
after(() => h.close());

const NS = 'xmlns="http://queue.amazonaws.com/doc/2012-11-05/"';
const METADATA = "<ResponseMetadata><RequestId>REQUEST-ID</RequestId></ResponseMetadata>";

/** Posts an action, form-encoded and signed, to `path`; RequestIds in the XML are replaced by REQUEST-ID. */
async function query(params: Record<string, string>, path = "/", method: "POST" | "GET" = "POST"): Promise<{ status: number; xml: string }> {
  const form = { Version: "2012-11-05", ...params };
  const res = await signedFetch(h.gateway, h.team, "sqs", method === "POST" ? { path, headers: FORM, body: queryString(form) } : { method, path, query: form });
  assert.equal(res.headers.get("content-type"), "text/xml");
  const xml = (await res.text()).replace(/<RequestId>[0-9a-f-]{36}<\/RequestId>/g, "<RequestId>REQUEST-ID</RequestId>");
  return { status: res.status, xml };
}

const response = (action: string, result?: string) =>
  `<${action}Response ${NS}>${result === undefined ? "" : `<${action}Result>${result}</${action}Result>`}${METADATA}</${action}Response>`;
const errorResponse = (code: string, message: string) =>
  `<ErrorResponse ${NS}><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>REQUEST-ID</RequestId></ErrorResponse>`;

describe("queue operations", () => {
  it("CreateQueue, GetQueueUrl, ListQueues, GetQueueAttributes, ListQueueTags and DeleteQueue", async () => {
    const name = uniqueName("xml");
    const url = `${h.gateway.url}/${h.team.accountId}/${name}`;
    const created = await query({
      Action: "CreateQueue",
      QueueName: name,
      "Attribute.1.Name": "VisibilityTimeout",
      "Attribute.1.Value": "40",
      "Attribute.2.Name": "DelaySeconds",
      "Attribute.2.Value": "2",
      "Tag.1.Key": "team",
      "Tag.1.Value": "core",
    });
    assert.deepEqual(created, { status: 200, xml: response("CreateQueue", `<QueueUrl>${url}</QueueUrl>`) });
    assert.deepEqual(await query({ Action: "GetQueueUrl", QueueName: name }), { status: 200, xml: response("GetQueueUrl", `<QueueUrl>${url}</QueueUrl>`) });
    await createQueue(h.client, `${name}-2`);
    assert.deepEqual(await query({ Action: "ListQueues", QueueNamePrefix: name }), {
      status: 200,
      xml: response("ListQueues", `<QueueUrl>${url}</QueueUrl><QueueUrl>${url}-2</QueueUrl>`),
    });
    assert.deepEqual(await query({ Action: "GetQueueAttributes", QueueUrl: url, "AttributeName.1": "VisibilityTimeout", "AttributeName.2": "DelaySeconds" }), {
      status: 200,
      xml: response(
        "GetQueueAttributes",
        "<Attribute><Name>VisibilityTimeout</Name><Value>40</Value></Attribute><Attribute><Name>DelaySeconds</Name><Value>2</Value></Attribute>",
      ),
    });
    assert.deepEqual(await query({ Action: "ListQueueTags", QueueUrl: url }), {
      status: 200,
      xml: response("ListQueueTags", "<Tag><Key>team</Key><Value>core</Value></Tag>"),
    });
    // No output: no <DeleteQueueResult> element.
    assert.deepEqual(await query({ Action: "DeleteQueue", QueueUrl: url }), { status: 200, xml: response("DeleteQueue") });
  });

  it("answers a GET with the parameters in the query string", async () => {
    const name = uniqueName("xml-get");
    await createQueue(h.client, name);
    assert.deepEqual(await query({ Action: "GetQueueUrl", QueueName: name }, "/", "GET"), {
      status: 200,
      xml: response("GetQueueUrl", `<QueueUrl>${h.gateway.url}/${h.team.accountId}/${name}</QueueUrl>`),
    });
  });

  it("lists dead-letter source queues as flattened QueueUrl elements", async () => {
    const dlqName = uniqueName("xml-dlq");
    const dlq = await createQueue(h.client, dlqName);
    const source = await createQueue(h.client, uniqueName("xml-src"), {
      RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${h.team.accountId}:${dlqName}`, maxReceiveCount: 2 }),
    });
    assert.deepEqual(await query({ Action: "ListDeadLetterSourceQueues", QueueUrl: dlq }), {
      status: 200,
      xml: response("ListDeadLetterSourceQueues", `<QueueUrl>${source}</QueueUrl>`),
    });
  });
});

describe("messages, posted to the queue's URL path", () => {
  it("SendMessage and ReceiveMessage with attributes, escaping the body", async () => {
    const name = uniqueName("xml-msg");
    await createQueue(h.client, name);
    const path = `/${h.team.accountId}/${name}`;
    const body = `<b a="1">&'</b>\r\nend`;
    const sent = await query(
      {
        Action: "SendMessage",
        MessageBody: body,
        "MessageAttribute.1.Name": "colour",
        "MessageAttribute.1.Value.DataType": "String",
        "MessageAttribute.1.Value.StringValue": "blue",
        "MessageAttribute.2.Name": "blob",
        "MessageAttribute.2.Value.DataType": "Binary",
        "MessageAttribute.2.Value.BinaryValue": Buffer.from([0, 1, 2]).toString("base64"),
      },
      path,
    );
    const messageId = /<MessageId>([0-9a-f-]{36})<\/MessageId>/.exec(sent.xml)?.[1];
    const attributesMd5 = /<MD5OfMessageAttributes>([0-9a-f]{32})<\/MD5OfMessageAttributes>/.exec(sent.xml)?.[1];
    assert.ok(messageId && attributesMd5, sent.xml);
    assert.deepEqual(sent, {
      status: 200,
      xml: response(
        "SendMessage",
        `<MessageId>${messageId}</MessageId><MD5OfMessageBody>${md5(body)}</MD5OfMessageBody><MD5OfMessageAttributes>${attributesMd5}</MD5OfMessageAttributes>`,
      ),
    });

    const received = await query({ Action: "ReceiveMessage", "AttributeName.1": "SenderId", "MessageAttributeName.1": "All" }, path);
    const handle = /<ReceiptHandle>(AQEB[A-Za-z0-9_-]+)<\/ReceiptHandle>/.exec(received.xml)?.[1];
    assert.ok(handle, received.xml);
    assert.deepEqual(received, {
      status: 200,
      xml: response(
        "ReceiveMessage",
        "<Message>" +
          `<MessageId>${messageId}</MessageId>` +
          `<ReceiptHandle>${handle}</ReceiptHandle>` +
          `<MD5OfBody>${md5(body)}</MD5OfBody>` +
          "<Body>&lt;b a=&quot;1&quot;&gt;&amp;&apos;&lt;/b&gt;&#xD;&#xA;end</Body>" +
          `<Attribute><Name>SenderId</Name><Value>${h.team.principal.userId}</Value></Attribute>` +
          `<MD5OfMessageAttributes>${attributesMd5}</MD5OfMessageAttributes>` +
          "<MessageAttribute><Name>blob</Name><Value><BinaryValue>AAEC</BinaryValue><DataType>Binary</DataType></Value></MessageAttribute>" +
          "<MessageAttribute><Name>colour</Name><Value><StringValue>blue</StringValue><DataType>String</DataType></Value></MessageAttribute>" +
          "</Message>",
      ),
    });

    assert.deepEqual(await query({ Action: "ReceiveMessage" }, path), { status: 200, xml: response("ReceiveMessage", "") });
    assert.deepEqual(await query({ Action: "DeleteMessage", ReceiptHandle: handle }, path), { status: 200, xml: response("DeleteMessage") });
  });

  it("batch results list successes and failures as their own elements", async () => {
    const name = uniqueName("xml-batch");
    await createQueue(h.client, name);
    const path = `/${h.team.accountId}/${name}`;
    const sent = await query(
      {
        Action: "SendMessageBatch",
        "SendMessageBatchRequestEntry.1.Id": "ok",
        "SendMessageBatchRequestEntry.1.MessageBody": "fine",
        "SendMessageBatchRequestEntry.2.Id": "delayed",
        "SendMessageBatchRequestEntry.2.MessageBody": "later",
        "SendMessageBatchRequestEntry.2.DelaySeconds": "1000",
      },
      path,
    );
    const messageId = /<MessageId>([0-9a-f-]{36})<\/MessageId>/.exec(sent.xml)?.[1];
    assert.deepEqual(sent, {
      status: 200,
      xml: response(
        "SendMessageBatch",
        `<SendMessageBatchResultEntry><Id>ok</Id><MessageId>${messageId}</MessageId><MD5OfMessageBody>${md5("fine")}</MD5OfMessageBody></SendMessageBatchResultEntry>` +
          "<BatchResultErrorEntry><Id>delayed</Id><SenderFault>true</SenderFault><Code>InvalidParameterValue</Code>" +
          "<Message>Value 1000 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be &gt;= 0 and &lt;= 900</Message></BatchResultErrorEntry>",
      ),
    });

    const received = await query({ Action: "ReceiveMessage" }, path);
    const handle = /<ReceiptHandle>([^<]+)<\/ReceiptHandle>/.exec(received.xml)?.[1];
    assert.ok(handle);
    assert.deepEqual(
      await query(
        {
          Action: "ChangeMessageVisibilityBatch",
          "ChangeMessageVisibilityBatchRequestEntry.1.Id": "good",
          "ChangeMessageVisibilityBatchRequestEntry.1.ReceiptHandle": handle,
          "ChangeMessageVisibilityBatchRequestEntry.1.VisibilityTimeout": "60",
          "ChangeMessageVisibilityBatchRequestEntry.2.Id": "bad",
          "ChangeMessageVisibilityBatchRequestEntry.2.ReceiptHandle": "nonsense",
          "ChangeMessageVisibilityBatchRequestEntry.2.VisibilityTimeout": "60",
        },
        path,
      ),
      {
        status: 200,
        xml: response(
          "ChangeMessageVisibilityBatch",
          "<ChangeMessageVisibilityBatchResultEntry><Id>good</Id></ChangeMessageVisibilityBatchResultEntry>" +
            "<BatchResultErrorEntry><Id>bad</Id><SenderFault>true</SenderFault><Code>ReceiptHandleIsInvalid</Code>" +
            "<Message>The input receipt handle &quot;nonsense&quot; is not a valid receipt handle.</Message></BatchResultErrorEntry>",
        ),
      },
    );
    assert.deepEqual(
      await query({ Action: "DeleteMessageBatch", "DeleteMessageBatchRequestEntry.1.Id": "d", "DeleteMessageBatchRequestEntry.1.ReceiptHandle": handle }, path),
      { status: 200, xml: response("DeleteMessageBatch", "<DeleteMessageBatchResultEntry><Id>d</Id></DeleteMessageBatchResultEntry>") },
    );
  });
});

describe("errors", () => {
  it("carry the query codes and AWS's statuses", async () => {
    const name = uniqueName("xml-err");
    await createQueue(h.client, name, { DelaySeconds: "1" });
    const path = `/${h.team.accountId}/${name}`;
    const cases: [Record<string, string>, string, number, string, string][] = [
      [{ Action: "GetQueueUrl", QueueName: "no-such-queue" }, "/", 400, "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."],
      [
        { Action: "CreateQueue", QueueName: name, "Attribute.1.Name": "DelaySeconds", "Attribute.1.Value": "2" },
        "/",
        400,
        "QueueAlreadyExists",
        "A queue already exists with the same name and a different value for attribute DelaySeconds",
      ],
      [{ Action: "CreateQueue" }, "/", 400, "MissingParameter", "The request must contain the parameter QueueName."],
      [
        { Action: "ReceiveMessage", MaxNumberOfMessages: "11" },
        path,
        400,
        "InvalidParameterValue",
        "Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.",
      ],
      [
        { Action: "DeleteMessage", ReceiptHandle: "nonsense" },
        path,
        404,
        "ReceiptHandleIsInvalid",
        "The input receipt handle &quot;nonsense&quot; is not a valid receipt handle.",
      ],
      [
        { Action: "SetQueueAttributes", "Attribute.1.Name": "Colour", "Attribute.1.Value": "blue" },
        path,
        400,
        "InvalidAttributeName",
        "Unknown Attribute Colour.",
      ],
      [
        { Action: "SendMessageBatch", "SendMessageBatchRequestEntry.1.Id": "x", "SendMessageBatchRequestEntry.1.MessageBody": "a", "SendMessageBatchRequestEntry.2.Id": "x", "SendMessageBatchRequestEntry.2.MessageBody": "b" },
        path,
        400,
        "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
        "Id x repeated.",
      ],
      [{ Action: "PurgeQueue" }, path, 200, "", ""],
      [{ Action: "PurgeQueue" }, path, 403, "AWS.SimpleQueueService.PurgeQueueInProgress", `Only one PurgeQueue operation on ${name} is allowed every 60 seconds.`],
      [{ Action: "FlyToTheMoon" }, path, 400, "InvalidAction", "Could not find operation FlyToTheMoon for version 2012-11-05"],
    ];
    for (const [params, at, status, code, message] of cases) {
      const expected = status === 200 ? response(params.Action!) : errorResponse(code, message);
      assert.deepEqual(await query(params, at), { status, xml: expected }, `${params.Action} at ${at}`);
    }
  });

  it("refuses a queue URL path in another account", async () => {
    const other = await createQueue(h.clientFor(await createTestTeam()), uniqueName("xml-other"));
    const path = new URL(other).pathname;
    const { status, xml } = await query({ Action: "SendMessage", MessageBody: "intruder" }, path);
    assert.equal(status, 403);
    const arn = `arn:aws:sqs:us-east-1:${path.split("/")[1]}:${path.split("/")[2]}`;
    assert.equal(
      xml,
      errorResponse(
        "AccessDenied",
        `User: ${h.team.principal.arn} is not authorized to perform: sqs:sendmessage on resource: ${arn} because no resource-based policy allows the sqs:sendmessage action`,
      ),
    );
  });
});
