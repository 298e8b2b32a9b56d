import { AwsError } from "../../errors";

/**
 * SQS errors. `code` is the JSON protocol's shape name (what the v3 SDK names the exception); the
 * query code is what the XML protocol and the JSON `x-amzn-query-error` header carry.
 */
function sqsError(code: string, queryCode: string, message: string, status = 400): AwsError {
  return new AwsError(code, message, status, "Sender", queryCode);
}

const invalidParameterValue = (message: string) => sqsError("InvalidParameterValueException", "InvalidParameterValue", message);

export const SqsErrors = {
  queueDoesNotExist: () =>
    sqsError("QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue", "The specified queue does not exist."),
  queueDeletedRecently: () =>
    sqsError(
      "QueueDeletedRecently",
      "AWS.SimpleQueueService.QueueDeletedRecently",
      "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
    ),
  queueNameExists: (attribute: string) =>
    sqsError("QueueNameExists", "QueueAlreadyExists", `A queue already exists with the same name and a different value for attribute ${attribute}`),
  invalidParameterValue,
  /** AWS's "Value X for parameter P is invalid. Reason: R" form (AWS drops the X where it has none to show). */
  invalidParameter: (parameter: string, value: unknown, reason: string) =>
    invalidParameterValue(`Value ${value === undefined ? "" : `${String(value)} `}for parameter ${parameter} is invalid. Reason: ${reason}`),
  missingParameter: (parameter: string) =>
    sqsError("MissingRequiredParameterException", "MissingParameter", `The request must contain the parameter ${parameter}.`),
  invalidAttributeName: (message: string) => sqsError("InvalidAttributeName", "InvalidAttributeName", message),
  unknownAttribute: (name: string) => sqsError("InvalidAttributeName", "InvalidAttributeName", `Unknown Attribute ${name}.`),
  invalidAttributeValue: (name: string, reason?: string) =>
    sqsError("InvalidAttributeValue", "InvalidAttributeValue", `Invalid value for the parameter ${name}.${reason ? ` Reason: ${reason}` : ""}`),
  invalidMessageContents: (codePoint: number) =>
    sqsError(
      "InvalidMessageContents",
      "InvalidMessageContents",
      `Invalid binary character '#x${codePoint.toString(16).toUpperCase()}' was found in the message body, the set of allowed characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF].`,
    ),
  receiptHandleIsInvalid: (handle: string) =>
    sqsError("ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid", `The input receipt handle "${handle}" is not a valid receipt handle.`, 404),
  purgeQueueInProgress: (queueName: string) =>
    sqsError(
      "PurgeQueueInProgress",
      "AWS.SimpleQueueService.PurgeQueueInProgress",
      `Only one PurgeQueue operation on ${queueName} is allowed every 60 seconds.`,
      403,
    ),
  emptyBatchRequest: (entryType: string) =>
    sqsError("EmptyBatchRequest", "AWS.SimpleQueueService.EmptyBatchRequest", `There should be at least one ${entryType} in the request.`),
  tooManyEntriesInBatchRequest: (count: number) =>
    sqsError(
      "TooManyEntriesInBatchRequest",
      "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
      `Maximum number of entries per request are 10. You have sent ${count}.`,
    ),
  batchEntryIdsNotDistinct: (id: string) =>
    sqsError("BatchEntryIdsNotDistinct", "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", `Id ${id} repeated.`),
  invalidBatchEntryId: () =>
    sqsError(
      "InvalidBatchEntryId",
      "AWS.SimpleQueueService.InvalidBatchEntryId",
      "A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.",
    ),
  batchRequestTooLong: (limit: number, sent: number) =>
    sqsError(
      "BatchRequestTooLong",
      "AWS.SimpleQueueService.BatchRequestTooLong",
      `Batch requests cannot be longer than ${limit} bytes. You have sent ${sent} bytes.`,
    ),
  overLimit: (message: string) => sqsError("OverLimit", "OverLimit", message, 403),
  resourceNotFound: (message: string) => sqsError("ResourceNotFoundException", "ResourceNotFoundException", message, 404),
  accessDenied: (arn: string, action: string, resource: string) =>
    sqsError(
      "AccessDenied",
      "AccessDenied",
      `User: ${arn} is not authorized to perform: sqs:${action.toLowerCase()} on resource: ${resource} because no resource-based policy allows the sqs:${action.toLowerCase()} action`,
      403,
    ),
};
