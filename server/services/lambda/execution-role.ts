/**
 * What Lambda does as a function's execution role, and what AWS checks of that role when a
 * configuration names it: that Lambda may assume it (CreateFunction, UpdateFunctionConfiguration), that
 * it may send to the dead-letter target and the destinations, and read the event sources. The workers
 * check the same actions again as they deliver and poll, with cached decision data, so a later policy
 * change stops them.
 */
import type { Db } from "../../db/client";
import { parseArn } from "../../lib/arn";
import { type ActingRole, currentDecisions, type DecisionSource, firstRefused, type RoleAction } from "../iam/role-permission";
import { parseConsumerArn, streamArn } from "../kinesis/arns";
import { trustingRole } from "../sts/assume-role";
import { LambdaErrors } from "./errors";

/** The role a function's configuration names, acting for that function (its sessions are named after it). */
export function functionRole(roleArn: string, functionName: string, region: string): ActingRole {
  return { roleArn, sessionName: functionName, region };
}

/** In a permissive team a role that was never created passes (the local-emulator convention). */
export async function checkAssumable(db: Db, roleArn: string): Promise<void> {
  const accountId = parseArn(roleArn)?.accountId ?? "";
  const trust = { principals: [{ arn: "lambda.amazonaws.com", accountId }], action: "sts:AssumeRole" as const, context: {} };
  if (!(await trustingRole(db, trust, roleArn))) throw LambdaErrors.invalidParameter("The role defined for the function cannot be assumed by Lambda.");
}

const SEND_ACTIONS: Record<string, string> = { sqs: "sqs:SendMessage", sns: "sns:Publish", lambda: "lambda:InvokeFunction", events: "events:PutEvents" };

/** What sending to `targetArn` takes: SendMessage to a queue, Publish to a topic, InvokeFunction, PutEvents to a bus. */
export function sendAction(targetArn: string): RoleAction | undefined {
  const action = SEND_ACTIONS[parseArn(targetArn)?.service ?? ""];
  return action === undefined ? undefined : { action, resource: targetArn };
}

/** The send to `targetArn` the role may not make; undefined when it may (or when nothing could be sent there). */
export async function refusedSend(source: DecisionSource, role: ActingRole, targetArn: string): Promise<RoleAction | undefined> {
  const send = sendAction(targetArn);
  return send && firstRefused(source, role, [send]);
}

const shortName = (action: string) => action.slice(action.indexOf(":") + 1);

/** CreateFunction / UpdateFunctionConfiguration with a DeadLetterConfig. */
export async function checkDeadLetterAccess(db: Db, role: ActingRole, targetArn: string): Promise<void> {
  const refused = await refusedSend(currentDecisions(db), role, targetArn);
  if (refused) {
    const service = parseArn(targetArn)?.service.toUpperCase();
    throw LambdaErrors.invalidParameter(`The provided execution role does not have permissions to call ${shortName(refused.action)} on ${service}`);
  }
}

/** PutFunctionEventInvokeConfig / UpdateFunctionEventInvokeConfig with destinations. */
export async function checkDestinationAccess(db: Db, role: ActingRole, targetArn: string): Promise<void> {
  const refused = await refusedSend(currentDecisions(db), role, targetArn);
  if (refused) throw LambdaErrors.invalidParameter(`The function's execution role does not have permissions to call ${shortName(refused.action)} on ${targetArn}`);
}

const SQS_SOURCE_ACTIONS = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"];
const KINESIS_SOURCE_ACTIONS = ["kinesis:GetRecords", "kinesis:GetShardIterator", "kinesis:DescribeStream", "kinesis:ListShards"];

/** What a mapping reads its source with, as Lambda's documentation lists it; a stream consumer is also subscribed to. */
function sourceActions(eventSourceArn: string): RoleAction[] {
  if (parseArn(eventSourceArn)?.service !== "kinesis") return SQS_SOURCE_ACTIONS.map((action) => ({ action, resource: eventSourceArn }));
  const consumer = parseConsumerArn(eventSourceArn);
  const stream = consumer ? streamArn(consumer.region, consumer.accountId, consumer.name) : eventSourceArn;
  return [
    ...KINESIS_SOURCE_ACTIONS.map((action) => ({ action, resource: stream })),
    ...(consumer ? [{ action: "kinesis:SubscribeToShard", resource: eventSourceArn }] : []),
  ];
}

/** Why the role cannot read the mapping's source, in AWS's words; undefined when it can. */
export async function sourceAccessProblem(source: DecisionSource, role: ActingRole, eventSourceArn: string): Promise<string | undefined> {
  const refused = await firstRefused(source, role, sourceActions(eventSourceArn));
  if (!refused) return undefined;
  if (refused.action.startsWith("sqs:")) return `The provided execution role does not have permissions to call ${shortName(refused.action)} on SQS`;
  return `Cannot access stream ${refused.resource}. Please ensure the role can perform the GetRecords, GetShardIterator, DescribeStream, and ListShards Actions on your stream in IAM.`;
}

/** CreateEventSourceMapping / UpdateEventSourceMapping. */
export async function checkSourceAccess(db: Db, role: ActingRole, eventSourceArn: string): Promise<void> {
  const problem = await sourceAccessProblem(currentDecisions(db), role, eventSourceArn);
  if (problem) throw LambdaErrors.invalidParameter(problem);
}
