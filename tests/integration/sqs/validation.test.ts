// Every validation error as the AWS SDK sees it: exception name, HTTP status, message and query code.
import { after, before, describe, it } from "node:test";
import * as sqs from "@aws-sdk/client-sqs";
import { assertSqsError, createQueue, type ExpectedError, invalidParameterValue, queueAlreadyExists, queueDoesNotExist, type SqsHarness, startSqs, uniqueName } from "./helpers";

let h: SqsHarness;
let standard: string;
let fifo: string;
let small: string;
let dlq: string;
let fifoDlqArn: string;
let accountId: string;

before(async () => {
  h = await startSqs();
  accountId = h.team.accountId;
  standard = await createQueue(h.client, uniqueName("valid"));
  fifo = await createQueue(h.client, uniqueName("valid", true), { FifoQueue: "true" });
  small = await createQueue(h.client, uniqueName("small"), { MaximumMessageSize: "1024" });
  dlq = await createQueue(h.client, uniqueName("valid-dlq"));
  const fifoDlqName = uniqueName("valid-dlq", true);
  await createQueue(h.client, fifoDlqName, { FifoQueue: "true" });
  fifoDlqArn = `arn:aws:sqs:us-east-1:${accountId}:${fifoDlqName}`;
});
after(() => h.close());

const send = (input: Omit<sqs.SendMessageCommandInput, "QueueUrl"> & { QueueUrl?: string }) =>
  h.client.send(new sqs.SendMessageCommand({ QueueUrl: standard, ...input }));
const missingParameter = (parameter: string): ExpectedError => ({
  name: "MissingParameter",
  status: 400,
  message: `The request must contain the parameter ${parameter}.`,
});
const invalidAttributeValue = (name: string, reason?: string): ExpectedError => ({
  name: "InvalidAttributeValue",
  status: 400,
  message: `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ""}`,
});
const invalidAttributeName = (message: string): ExpectedError => ({ name: "InvalidAttributeName", status: 400, message });
const batchEntries = (n: number) => Array.from({ length: n }, (_, i) => ({ Id: `e${i}`, MessageBody: `m${i}` }));

interface Case {
  name: string;
  call: () => Promise<unknown>;
  /** A function where the expectation names something created in before(). */
  expected: ExpectedError | (() => ExpectedError);
}

const cases: Case[] = [
  // Queue existence and names.
  { name: "GetQueueUrl of a missing queue", call: () => h.client.send(new sqs.GetQueueUrlCommand({ QueueName: "no-such-queue" })), expected: queueDoesNotExist },
  {
    name: "SendMessage to a missing queue of the caller's account",
    call: () => send({ QueueUrl: `${h.gateway.url}/${accountId}/no-such-queue`, MessageBody: "x" }),
    expected: queueDoesNotExist,
  },
  {
    name: "a queue URL without an account",
    call: () => send({ QueueUrl: `${h.gateway.url}/no-such-queue`, MessageBody: "x" }),
    expected: queueDoesNotExist,
  },
  {
    name: "CreateQueue with an invalid name",
    call: () => h.client.send(new sqs.CreateQueueCommand({ QueueName: "bad name!" })),
    expected: invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"),
  },
  {
    name: "CreateQueue with an 81-character name",
    call: () => h.client.send(new sqs.CreateQueueCommand({ QueueName: "q".repeat(81) })),
    expected: invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"),
  },
  {
    name: "CreateQueue of a standard queue named .fifo",
    call: () => h.client.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("std", true) })),
    expected: invalidParameterValue("Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"),
  },
  {
    name: "CreateQueue of a FIFO queue without .fifo",
    call: () => h.client.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("nofifo"), Attributes: { FifoQueue: "true" } })),
    expected: invalidParameterValue(
      "The name of a FIFO queue can only include alphanumeric characters, hyphens, or underscores, must end with .fifo suffix and be 1 to 80 in length",
    ),
  },
  {
    name: "CreateQueue of an existing name with a different attribute",
    call: () => h.client.send(new sqs.CreateQueueCommand({ QueueName: new URL(standard).pathname.split("/")[2], Attributes: { DelaySeconds: "5" } })),
    expected: queueAlreadyExists("DelaySeconds"),
  },
  // Queue attributes.
  {
    name: "VisibilityTimeout above 12 hours",
    call: () => h.client.send(new sqs.CreateQueueCommand({ QueueName: uniqueName("attr"), Attributes: { VisibilityTimeout: "43201" } })),
    expected: invalidAttributeValue("VisibilityTimeout"),
  },
  {
    name: "MaximumMessageSize below 1 KiB",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { MaximumMessageSize: "1023" } })),
    expected: invalidAttributeValue("MaximumMessageSize"),
  },
  {
    name: "MaximumMessageSize above 256 KiB",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { MaximumMessageSize: "262145" } })),
    expected: invalidAttributeValue("MaximumMessageSize"),
  },
  {
    name: "MessageRetentionPeriod below a minute",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { MessageRetentionPeriod: "59" } })),
    expected: invalidAttributeValue("MessageRetentionPeriod"),
  },
  {
    name: "MessageRetentionPeriod above 14 days",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { MessageRetentionPeriod: "1209601" } })),
    expected: invalidAttributeValue("MessageRetentionPeriod"),
  },
  {
    name: "DelaySeconds above 15 minutes",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { DelaySeconds: "901" } })),
    expected: invalidAttributeValue("DelaySeconds"),
  },
  {
    name: "ReceiveMessageWaitTimeSeconds above 20",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { ReceiveMessageWaitTimeSeconds: "21" } })),
    expected: invalidAttributeValue("ReceiveMessageWaitTimeSeconds"),
  },
  {
    name: "a non-integer attribute value",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { DelaySeconds: "1.5" } })),
    expected: invalidAttributeValue("DelaySeconds"),
  },
  {
    name: "an unknown attribute",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { Colour: "blue" } as Record<string, string> })),
    expected: invalidAttributeName("Unknown Attribute Colour."),
  },
  {
    name: "GetQueueAttributes naming an unknown attribute",
    call: () => h.client.send(new sqs.GetQueueAttributesCommand({ QueueUrl: standard, AttributeNames: ["Colour" as sqs.QueueAttributeName] })),
    expected: invalidAttributeName("Unknown Attribute Colour."),
  },
  {
    name: "ContentBasedDeduplication on a standard queue",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { ContentBasedDeduplication: "true" } })),
    expected: invalidAttributeName("Unknown Attribute ContentBasedDeduplication."),
  },
  {
    name: "FifoQueue on a standard queue",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { FifoQueue: "true" } })),
    expected: invalidAttributeName("Unknown Attribute FifoQueue."),
  },
  {
    name: "DeduplicationScope on a standard queue",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { DeduplicationScope: "queue" } })),
    expected: invalidAttributeName("You can specify the DeduplicationScope only when FifoQueue is set to true."),
  },
  {
    name: "turning a FIFO queue into a standard one",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: fifo, Attributes: { FifoQueue: "false" } })),
    expected: invalidAttributeValue("FifoQueue", "Modifying queue type is not supported."),
  },
  {
    name: "FifoThroughputLimit perMessageGroupId with queue-wide deduplication",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: fifo, Attributes: { FifoThroughputLimit: "perMessageGroupId" } })),
    expected: invalidAttributeValue(
      "FifoThroughputLimit",
      "The perMessageGroupId value is allowed only when the value for DeduplicationScope is messageGroup.",
    ),
  },
  {
    name: "an unknown DeduplicationScope",
    call: () => h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: fifo, Attributes: { DeduplicationScope: "everywhere" } })),
    expected: invalidAttributeValue("DeduplicationScope"),
  },
  {
    name: "both KMS and SQS-managed encryption",
    call: () =>
      h.client.send(
        new sqs.CreateQueueCommand({ QueueName: uniqueName("sse"), Attributes: { KmsMasterKeyId: "alias/aws/sqs", SqsManagedSseEnabled: "true" } }),
      ),
    expected: invalidAttributeName("You can use one type of server-side encryption (SSE) at one time. You can either enable KMS SSE or SQS SSE."),
  },
  {
    name: "a RedrivePolicy with a bad ARN (echoed as sent)",
    call: () =>
      h.client.send(new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { RedrivePolicy: '{"deadLetterTargetArn": "dummy", "maxReceiveCount": 42}' } })),
    expected: invalidParameterValue(
      'Value {"deadLetterTargetArn": "dummy", "maxReceiveCount": 42} for parameter RedrivePolicy is invalid. Reason: Invalid value for deadLetterTargetArn.',
    ),
  },
  {
    name: "a RedrivePolicy with maxReceiveCount 0",
    call: () =>
      h.client.send(
        new sqs.SetQueueAttributesCommand({
          QueueUrl: standard,
          Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: `arn:aws:sqs:us-east-1:${accountId}:x`, maxReceiveCount: 0 }) },
        }),
      ),
    expected: invalidParameterValue(/^Value \{.*\} for parameter RedrivePolicy is invalid\. Reason: Invalid value for maxReceiveCount: 0, valid values are from 1 to 1000 both inclusive\.$/),
  },
  {
    name: "a RedrivePolicy naming a missing queue",
    call: () =>
      h.client.send(
        new sqs.SetQueueAttributesCommand({
          QueueUrl: standard,
          Attributes: { RedrivePolicy: `{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:${accountId}:missing-dlq","maxReceiveCount":3}` },
        }),
      ),
    expected: () =>
      invalidParameterValue(
      `Value {"deadLetterTargetArn":"arn:aws:sqs:us-east-1:${accountId}:missing-dlq","maxReceiveCount":3} for parameter RedrivePolicy is invalid. Reason: Dead letter target does not exist.`,
    ),
  },
  {
    name: "a FIFO dead-letter queue for a standard queue",
    call: () =>
      h.client.send(
        new sqs.SetQueueAttributesCommand({ QueueUrl: standard, Attributes: { RedrivePolicy: `{"deadLetterTargetArn":"${fifoDlqArn}","maxReceiveCount":3}` } }),
      ),
    expected: () =>
      invalidParameterValue(
      `Value {"deadLetterTargetArn":"${fifoDlqArn}","maxReceiveCount":3} for parameter RedrivePolicy is invalid. Reason: Dead-letter queue must be same type of queue as the source..`,
    ),
  },
  // Message bodies and attributes.
  { name: "an empty body", call: () => send({ MessageBody: "" }), expected: missingParameter("MessageBody") },
  {
    name: "a body over the queue's MaximumMessageSize",
    call: () => send({ QueueUrl: small, MessageBody: "x".repeat(1025) }),
    expected: invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."),
  },
  {
    name: "attributes counting towards the size",
    call: () => send({ QueueUrl: small, MessageBody: "x".repeat(1000), MessageAttributes: { attr: { DataType: "String", StringValue: "y".repeat(20) } } }),
    expected: invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."),
  },
  {
    name: "a body over 256 KiB",
    call: () => send({ MessageBody: "x".repeat(262_145) }),
    expected: invalidParameterValue("One or more parameters are invalid. Reason: Message must be shorter than 262144 bytes."),
  },
  {
    name: "a body with a character outside SQS's set",
    call: () => send({ MessageBody: "bad \uFFFF here" }),
    expected: {
      name: "InvalidMessageContents",
      status: 400,
      message:
        "Invalid binary character '#xFFFF' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].",
    },
  },
  {
    name: "a control character in the body",
    call: () => send({ MessageBody: "bell \u0007" }),
    expected: { name: "InvalidMessageContents", status: 400, message: /^Invalid binary character '#x7' was found in the message body/ },
  },
  {
    name: "11 message attributes",
    call: () =>
      send({
        MessageBody: "x",
        MessageAttributes: Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`a${i}`, { DataType: "String", StringValue: "v" }])),
      }),
    expected: invalidParameterValue("Number of message attributes [11] exceeds the allowed maximum [10]."),
  },
  {
    name: "an empty String attribute",
    call: () => send({ MessageBody: "x", MessageAttributes: { ErrorDetails: { DataType: "String", StringValue: "" } } }),
    expected: invalidParameterValue("Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'."),
  },
  {
    name: "a Number attribute that is not a number",
    call: () => send({ MessageBody: "x", MessageAttributes: { Age: { DataType: "Number", StringValue: "old" } } }),
    expected: invalidParameterValue("Can't cast the value of message (user) attribute 'Age' to a number."),
  },
  {
    name: "an attribute name with a reserved prefix",
    call: () => send({ MessageBody: "x", MessageAttributes: { "AWS.thing": { DataType: "String", StringValue: "v" } } }),
    expected: invalidParameterValue(
      "You can't use message attribute names beginning with 'AWS.' or 'Amazon.'. These strings are reserved for internal use. Additionally, they cannot start or end with '.'.",
    ),
  },
  {
    name: "an attribute name with illegal characters",
    call: () => send({ MessageBody: "x", MessageAttributes: { "a b": { DataType: "String", StringValue: "v" } } }),
    expected: invalidParameterValue(
      "Message (user) attributes name can only contain upper and lower score characters, digits, periods, hyphens and underscores. ",
    ),
  },
  {
    name: "an attribute type without a known prefix",
    call: () => send({ MessageBody: "x", MessageAttributes: { a: { DataType: "Text", StringValue: "v" } } }),
    expected: invalidParameterValue(
      "The type of message (user) attribute 'a' is invalid. You must use only the following supported type prefixes: Binary, Number, String.",
    ),
  },
  {
    name: "DelaySeconds above 900 on a message",
    call: () => send({ MessageBody: "x", DelaySeconds: 901 }),
    expected: invalidParameterValue("Value 901 for parameter DelaySeconds is invalid. Reason: DelaySeconds must be >= 0 and <= 900"),
  },
  {
    name: "a MessageDeduplicationId on a standard queue",
    call: () => send({ MessageBody: "x", MessageDeduplicationId: "d1" }),
    expected: invalidParameterValue("Value d1 for parameter MessageDeduplicationId is invalid. Reason: The request includes a parameter that is not valid for this queue type."),
  },
  {
    name: "an AWSTraceHeader that is not a String",
    call: () => send({ MessageBody: "x", MessageSystemAttributes: { AWSTraceHeader: { DataType: "Binary", BinaryValue: Buffer.from("x") } } }),
    expected: invalidParameterValue("Message system attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'."),
  },
  // FIFO sends.
  { name: "a FIFO send without MessageGroupId", call: () => send({ QueueUrl: fifo, MessageBody: "x", MessageDeduplicationId: "d" }), expected: missingParameter("MessageGroupId") },
  {
    name: "a FIFO send without a deduplication ID",
    call: () => send({ QueueUrl: fifo, MessageBody: "x", MessageGroupId: "g" }),
    expected: invalidParameterValue("The queue should either have ContentBasedDeduplication enabled or MessageDeduplicationId provided explicitly"),
  },
  {
    name: "a per-message delay on a FIFO queue",
    call: () => send({ QueueUrl: fifo, MessageBody: "x", MessageGroupId: "g", MessageDeduplicationId: "d", DelaySeconds: 2 }),
    expected: invalidParameterValue("Value 2 for parameter DelaySeconds is invalid. Reason: The request include parameter that is not valid for this queue type."),
  },
  {
    name: "a MessageGroupId over 128 characters",
    call: () => send({ QueueUrl: fifo, MessageBody: "x", MessageGroupId: "g".repeat(129), MessageDeduplicationId: "d" }),
    expected: invalidParameterValue(
      `Value ${"g".repeat(129)} for parameter MessageGroupId is invalid. Reason: MessageGroupId can only include alphanumeric and punctuation characters. 1 to 128 in length.`,
    ),
  },
  {
    name: "a FIFO batch without MessageGroupId fails as a whole",
    call: () => h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: fifo, Entries: [{ Id: "a", MessageBody: "x", MessageDeduplicationId: "d" }] })),
    expected: invalidParameterValue("The request must contain the parameter MessageGroupId."),
  },
  // Receive parameters.
  {
    name: "MaxNumberOfMessages 11",
    call: () => h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: standard, MaxNumberOfMessages: 11 })),
    expected: invalidParameterValue("Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."),
  },
  {
    name: "MaxNumberOfMessages 0",
    call: () => h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: standard, MaxNumberOfMessages: 0 })),
    expected: invalidParameterValue("Value 0 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided."),
  },
  {
    name: "WaitTimeSeconds 21",
    call: () => h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: standard, WaitTimeSeconds: 21 })),
    expected: invalidParameterValue("Value 21 for parameter WaitTimeSeconds is invalid. Reason: Must be >= 0 and <= 20, if provided."),
  },
  {
    name: "a receive VisibilityTimeout above 12 hours",
    call: () => h.client.send(new sqs.ReceiveMessageCommand({ QueueUrl: standard, VisibilityTimeout: 43201 })),
    expected: invalidParameterValue("Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided."),
  },
  // Receipt handles.
  {
    name: "DeleteMessage with a malformed receipt handle",
    call: () => h.client.send(new sqs.DeleteMessageCommand({ QueueUrl: standard, ReceiptHandle: "garbage" })),
    expected: { name: "ReceiptHandleIsInvalid", status: 404, message: 'The input receipt handle "garbage" is not a valid receipt handle.' },
  },
  {
    name: "ChangeMessageVisibility with a malformed receipt handle",
    call: () => h.client.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: standard, ReceiptHandle: "garbage", VisibilityTimeout: 5 })),
    expected: { name: "ReceiptHandleIsInvalid", status: 404, message: 'The input receipt handle "garbage" is not a valid receipt handle.' },
  },
  {
    name: "ChangeMessageVisibility above 12 hours",
    call: () => h.client.send(new sqs.ChangeMessageVisibilityCommand({ QueueUrl: standard, ReceiptHandle: "garbage", VisibilityTimeout: 43201 })),
    expected: invalidParameterValue("Value 43201 for parameter VisibilityTimeout is invalid. Reason: Must be >= 0 and <= 43200, if provided."),
  },
  // Batches (whole-request errors).
  {
    name: "an empty SendMessageBatch",
    call: () => h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: standard, Entries: [] })),
    expected: {
      name: "EmptyBatchRequest",
      status: 400,
      message: "There should be at least one SendMessageBatchRequestEntry in the request.",
      code: "AWS.SimpleQueueService.EmptyBatchRequest",
    },
  },
  {
    name: "an empty DeleteMessageBatch",
    call: () => h.client.send(new sqs.DeleteMessageBatchCommand({ QueueUrl: standard, Entries: [] })),
    expected: {
      name: "EmptyBatchRequest",
      status: 400,
      message: "There should be at least one DeleteMessageBatchRequestEntry in the request.",
      code: "AWS.SimpleQueueService.EmptyBatchRequest",
    },
  },
  {
    name: "an empty ChangeMessageVisibilityBatch",
    call: () => h.client.send(new sqs.ChangeMessageVisibilityBatchCommand({ QueueUrl: standard, Entries: [] })),
    expected: {
      name: "EmptyBatchRequest",
      status: 400,
      message: "There should be at least one ChangeMessageVisibilityBatchRequestEntry in the request.",
      code: "AWS.SimpleQueueService.EmptyBatchRequest",
    },
  },
  {
    name: "a batch of 11 entries",
    call: () => h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: standard, Entries: batchEntries(11) })),
    expected: {
      name: "TooManyEntriesInBatchRequest",
      status: 400,
      message: "Maximum number of entries per request are 10. You have sent 11.",
      code: "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
    },
  },
  {
    name: "a batch with repeated entry IDs",
    call: () =>
      h.client.send(
        new sqs.DeleteMessageBatchCommand({
          QueueUrl: standard,
          Entries: [
            { Id: "same", ReceiptHandle: "a" },
            { Id: "same", ReceiptHandle: "b" },
          ],
        }),
      ),
    expected: {
      name: "BatchEntryIdsNotDistinct",
      status: 400,
      message: "Id same repeated.",
      code: "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
    },
  },
  {
    name: "a batch entry ID with illegal characters",
    call: () => h.client.send(new sqs.SendMessageBatchCommand({ QueueUrl: standard, Entries: [{ Id: "no spaces", MessageBody: "x" }] })),
    expected: {
      name: "InvalidBatchEntryId",
      status: 400,
      message: "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
      code: "AWS.SimpleQueueService.InvalidBatchEntryId",
    },
  },
  {
    name: "a batch over 256 KiB in total",
    call: () =>
      h.client.send(
        new sqs.SendMessageBatchCommand({
          QueueUrl: standard,
          Entries: [
            { Id: "a", MessageBody: "x".repeat(131_072) },
            { Id: "b", MessageBody: "x".repeat(131_073) },
          ],
        }),
      ),
    expected: {
      name: "BatchRequestTooLong",
      status: 400,
      message: "Batch requests cannot be longer than 262144 bytes. You have sent 262145 bytes.",
      code: "AWS.SimpleQueueService.BatchRequestTooLong",
    },
  },
  // Listing, tags, permissions.
  {
    name: "ListQueues with MaxResults 0",
    call: () => h.client.send(new sqs.ListQueuesCommand({ MaxResults: 0 })),
    expected: invalidParameterValue("Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000."),
  },
  {
    name: "ListQueues with MaxResults 1001",
    call: () => h.client.send(new sqs.ListQueuesCommand({ MaxResults: 1001 })),
    expected: invalidParameterValue("Value for parameter MaxResults is invalid. Reason: MaxResults must be an integer between 1 and 1000."),
  },
  {
    name: "ListQueues with a forged NextToken",
    call: () => h.client.send(new sqs.ListQueuesCommand({ MaxResults: 5, NextToken: "not-a-token" })),
    expected: invalidParameterValue("Invalid NextToken value."),
  },
  {
    name: "TagQueue without tags",
    call: () => h.client.send(new sqs.TagQueueCommand({ QueueUrl: standard, Tags: {} })),
    expected: missingParameter("Tags"),
  },
  {
    name: "RemovePermission of an unknown label",
    call: () => h.client.send(new sqs.RemovePermissionCommand({ QueueUrl: standard, Label: "crossaccountpermission2" })),
    expected: invalidParameterValue("Value crossaccountpermission2 for parameter Label is invalid. Reason: can't find label."),
  },
  {
    name: "AddPermission of an unknown action",
    call: () =>
      h.client.send(new sqs.AddPermissionCommand({ QueueUrl: standard, Label: "l1", AWSAccountIds: ["111122223333"], Actions: ["Fly"] })),
    expected: invalidParameterValue("Value SQS:Fly for parameter ActionName is invalid. Reason: Please refer to the appropriate WSDL for a list of valid actions. "),
  },
  {
    name: "AddPermission for a principal that is no account ID",
    call: () =>
      h.client.send(
        new sqs.AddPermissionCommand({ QueueUrl: standard, Label: "l3", AWSAccountIds: ["arn:aws:iam::111122223333:user/u"], Actions: ["SendMessage"] }),
      ),
    // As AWS answered it (aws/aws-cli#7416).
    expected: invalidParameterValue("Value arn:aws:iam::111122223333:user/u for parameter PrincipalId is invalid. Reason: Unable to verify principal."),
  },
  {
    name: "AddPermission of 8 actions",
    call: () =>
      h.client.send(
        new sqs.AddPermissionCommand({
          QueueUrl: standard,
          Label: "l2",
          AWSAccountIds: ["111122223333"],
          Actions: ["SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "GetQueueUrl", "PurgeQueue", "ListQueueTags"],
        }),
      ),
    expected: { name: "OverLimit", status: 403, message: "8 Actions were found, maximum allowed is 7." },
  },
  // Message move tasks.
  {
    name: "StartMessageMoveTask from a queue that is no dead-letter queue",
    call: () => h.client.send(new sqs.StartMessageMoveTaskCommand({ SourceArn: `arn:aws:sqs:us-east-1:${accountId}:${new URL(dlq).pathname.split("/")[2]}` })),
    expected: invalidParameterValue("Source queue must be configured as a Dead Letter Queue."),
  },
  {
    name: "StartMessageMoveTask from a missing queue",
    call: () => h.client.send(new sqs.StartMessageMoveTaskCommand({ SourceArn: `arn:aws:sqs:us-east-1:${accountId}:missing` })),
    expected: { name: "ResourceNotFoundException", status: 404, message: "The resource that you specified for the SourceArn parameter doesn't exist." },
  },
  {
    name: "CancelMessageMoveTask with an undecodable handle",
    call: () => h.client.send(new sqs.CancelMessageMoveTaskCommand({ TaskHandle: "not-a-handle" })),
    expected: invalidParameterValue("Value for parameter TaskHandle is invalid."),
  },
];

describe("validation errors", () => {
  for (const c of cases) it(c.name, () => assertSqsError(c.call(), typeof c.expected === "function" ? c.expected() : c.expected));

  it("PurgeQueue twice within 60 seconds", async () => {
    const url = await createQueue(h.client, uniqueName("purge"));
    await h.client.send(new sqs.PurgeQueueCommand({ QueueUrl: url }));
    await assertSqsError(h.client.send(new sqs.PurgeQueueCommand({ QueueUrl: url })), {
      name: "PurgeQueueInProgress",
      status: 403,
      message: `Only one PurgeQueue operation on ${new URL(url).pathname.split("/")[2]} is allowed every 60 seconds.`,
      code: "AWS.SimpleQueueService.PurgeQueueInProgress",
    });
  });

  it("AddPermission with a label that exists", async () => {
    const add = () => h.client.send(new sqs.AddPermissionCommand({ QueueUrl: dlq, Label: "crossaccountpermission", AWSAccountIds: ["111122223333"], Actions: ["SendMessage"] }));
    await add();
    await assertSqsError(add(), invalidParameterValue("Value crossaccountpermission for parameter Label is invalid. Reason: Already exists."));
  });

  it("CreateQueue within 60 seconds of deleting that name", async () => {
    const name = uniqueName("reuse");
    const url = await createQueue(h.client, name);
    await h.client.send(new sqs.DeleteQueueCommand({ QueueUrl: url }));
    await assertSqsError(h.client.send(new sqs.CreateQueueCommand({ QueueName: name })), {
      name: "QueueDeletedRecently",
      status: 400,
      message: "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
      code: "AWS.SimpleQueueService.QueueDeletedRecently",
    });
  });
});
