import { AwsError } from "../../errors";

/**
 * SNS errors. SNS speaks the query protocol, so clients see `queryCode` (`NotFound`); `code` is the
 * Smithy shape name the JSON-speaking surfaces (tRPC) show.
 */
function snsError(code: string, queryCode: string, message: string, status = 400): AwsError {
  return new AwsError(code, message, status, status >= 500 ? "Receiver" : "Sender", queryCode);
}

export const SnsErrors = {
  /** AWS prefixes most validation messages with "Invalid parameter: ". */
  invalidParameter: (detail: string) => snsError("InvalidParameterException", "InvalidParameter", `Invalid parameter: ${detail}`),
  /** For messages AWS words differently (no "Invalid parameter: " prefix). */
  invalidParameterRaw: (message: string) => snsError("InvalidParameterException", "InvalidParameter", message),
  invalidParameterValue: (message: string) => snsError("InvalidParameterValueException", "ParameterValueInvalid", message),
  topicNotFound: () => snsError("NotFoundException", "NotFound", "Topic does not exist", 404),
  subscriptionNotFound: () => snsError("NotFoundException", "NotFound", "Subscription does not exist", 404),
  notFound: (message: string) => snsError("NotFoundException", "NotFound", message, 404),
  resourceNotFound: () => snsError("ResourceNotFoundException", "ResourceNotFound", "Resource does not exist", 404),
  authorization: (message: string) => snsError("AuthorizationErrorException", "AuthorizationError", message, 403),
  tagLimitExceeded: () => snsError("TagLimitExceededException", "TagLimitExceeded", "Could not complete request: tag quota of per resource exceeded", 400),
  endpointDisabled: () => snsError("EndpointDisabledException", "EndpointDisabled", "Endpoint is disabled", 400),
  emptyBatchRequest: () => snsError("EmptyBatchRequestException", "EmptyBatchRequest", "The batch request doesn't contain any entries", 400),
  tooManyEntriesInBatchRequest: () =>
    snsError("TooManyEntriesInBatchRequestException", "TooManyEntriesInBatchRequest", "The batch request contains more entries than permissible.", 400),
  batchEntryIdsNotDistinct: () =>
    snsError("BatchEntryIdsNotDistinctException", "BatchEntryIdsNotDistinct", "Two or more batch entries in the request have the same Id.", 400),
  invalidBatchEntryId: () =>
    snsError(
      "InvalidBatchEntryIdException",
      "InvalidBatchEntryId",
      "The Id of a batch entry in a batch request doesn't abide by the specification",
      400,
    ),
  batchRequestTooLong: () =>
    snsError("BatchRequestTooLongException", "BatchRequestTooLong", "The length of all the messages put together is more than the limit.", 400),
};
