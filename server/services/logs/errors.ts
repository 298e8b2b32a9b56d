import { AwsError } from "../../errors";

/** CloudWatch Logs errors: every client error is a 400 in this awsJson1_1 service, ResourceNotFound included. */
const logsError = (code: string, message: string) => new AwsError(code, message, 400);

export const LogsErrors = {
  invalidParameter: (message: string) => logsError("InvalidParameterException", message),
  logGroupNotFound: () => logsError("ResourceNotFoundException", "The specified log group does not exist."),
  logStreamNotFound: () => logsError("ResourceNotFoundException", "The specified log stream does not exist."),
  logGroupExists: () => logsError("ResourceAlreadyExistsException", "The specified log group already exists"),
  logStreamExists: () => logsError("ResourceAlreadyExistsException", "The specified log stream already exists"),
  invalidNextToken: () => logsError("InvalidParameterException", "The specified nextToken is invalid."),
  tooManyTags: (limit: number) => logsError("TooManyTagsException", `A resource can have no more than ${limit} tags.`),
};
