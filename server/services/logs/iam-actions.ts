/**
 * CloudWatch Logs operations as IAM actions. AWS evaluates a log group's actions on the group's ARN with
 * an empty stream, `…:log-group:<name>:log-stream:` (so `log-group:<name>:*` policies match), a stream's on
 * `…:log-group:<name>:log-stream:<stream>`, and DescribeLogGroups on the account's `…:log-group::log-stream:`.
 */
import type { ActionEntry, InputReader, RequestScope } from "../iam/authorization/request-actions";
import { logStreamArn, parseLogGroupArn } from "./model";
import type { LogsOperationName } from "./operations";

interface GroupRef {
  accountId: string;
  region: string;
  name: string;
}

/** The group a logGroupName, or a logGroupIdentifier (a name or a log group ARN), names. */
function groupOf(input: InputReader, scope: RequestScope): GroupRef | null {
  const identifier = input.string("logGroupName") ?? input.string("logGroupIdentifier");
  if (identifier === null) return null;
  return identifier.startsWith("arn:") ? parseLogGroupArn(identifier) : { ...scope, name: identifier };
}

/** The group's ARN with `stream` (empty for the group itself), as AWS evaluates it. */
function streamIn(input: InputReader, scope: RequestScope, stream: string | null): string | null {
  const group = groupOf(input, scope);
  return group && stream !== null ? logStreamArn(group.region, group.accountId, group.name, stream) : null;
}

const onGroup: ActionEntry = { resource: (input, scope) => streamIn(input, scope, "") };
const onStream: ActionEntry = { resource: (input, scope) => streamIn(input, scope, input.string("logStreamName")) };
/** The tagging operations name the group by its ARN as DescribeLogGroups' logGroupArn gives it, which AWS evaluates as is. */
const onTagged: ActionEntry = { resource: "resourceArn" };

export const logsActions = {
  CreateLogGroup: onGroup,
  DeleteLogGroup: onGroup,
  DescribeLogGroups: { resource: (_input, scope) => logStreamArn(scope.region, scope.accountId, "", "") },
  CreateLogStream: onStream,
  DeleteLogStream: onStream,
  DescribeLogStreams: onGroup,
  PutLogEvents: onStream,
  GetLogEvents: onStream,
  FilterLogEvents: onGroup,
  PutRetentionPolicy: onGroup,
  DeleteRetentionPolicy: onGroup,
  TagLogGroup: onGroup,
  UntagLogGroup: onGroup,
  ListTagsLogGroup: onGroup,
  TagResource: onTagged,
  UntagResource: onTagged,
  ListTagsForResource: onTagged,
} satisfies Record<LogsOperationName, ActionEntry>;
