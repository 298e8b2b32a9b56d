/**
 * Where asynchronous invocations report: the function's dead-letter queue (the event itself, with
 * RequestID/ErrorCode/ErrorMessage attributes) and the on-success / on-failure destinations (AWS's
 * invocation record). SQS queues, SNS topics and Lambda functions are served now; event buses arrive
 * with their service, and until then a delivery to one fails visibly. Lambda sends as the function's
 * execution role, which must be allowed the send (sqs:SendMessage, sns:Publish, lambda:InvokeFunction).
 */
import { UnrecoverableError } from "bullmq";
import type { Db } from "../../server/db/client";
import { publicGatewayUrl } from "../../server/env";
import { parseArn } from "../../server/lib/arn";
import { enqueueOutbox } from "../../server/outbox/enqueue";
import type { CallContext, Principal } from "../../server/services/context";
import { publish } from "../../server/services/sns/publish";
import type { ActingRole, DecisionSource } from "../../server/services/iam/role-permission";
import { refusedSend } from "../../server/services/lambda/execution-role";
import { ASYNC_INVOKE_JOB } from "../../server/services/lambda/invocation/invoke";
import { sendMessage } from "../../server/services/sqs/send";
import { roleId, roleNameOf } from "../../server/services/sts/role-sessions";

export type DestinationCondition = "Success" | "RetriesExhausted" | "EventAgeExceeded";

export interface InvocationRecordInput {
  requestId: string;
  /** The ARN as invoked, qualified ($LATEST when unqualified), as AWS writes it. */
  functionArn: string;
  condition: DestinationCondition;
  approximateInvokeCount: number;
  requestPayload: Buffer;
  /** Absent when the function never ran (event too old). */
  response?: { executedVersion: string; functionError?: string; payload: Buffer };
}

/** JSON documents are embedded as JSON, anything else as text, like Lambda's records. */
function embedded(payload: Buffer): unknown {
  const text = payload.toString("utf8");
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** AWS's destination record (version 1.0). */
export function invocationRecord(input: InvocationRecordInput): string {
  return JSON.stringify({
    version: "1.0",
    timestamp: new Date().toISOString(),
    requestContext: {
      requestId: input.requestId,
      functionArn: input.functionArn,
      condition: input.condition,
      approximateInvokeCount: input.approximateInvokeCount,
    },
    requestPayload: embedded(input.requestPayload),
    ...(input.response && {
      responseContext: { statusCode: 200, executedVersion: input.response.executedVersion, functionError: input.response.functionError },
      responsePayload: embedded(input.response.payload),
    }),
  });
}

/** Lambda delivers as the function's execution role. */
export function executionRolePrincipal(accountId: string, roleArn: string, functionName: string): Principal {
  return {
    accountId,
    arn: `arn:aws:sts::${accountId}:assumed-role/${roleNameOf(roleArn) ?? "unknown"}/${functionName}`,
    userId: `${roleId(roleArn)}:${functionName}`,
    role: "developer",
  };
}

export interface Delivery {
  db: Db;
  /** The function's account. */
  accountId: string;
  /** The function's execution role, acting for the function. */
  role: ActingRole;
  /** What the role may do (cached decision data). */
  iam: DecisionSource;
  requestId: string;
}

/**
 * Sends `body` to an SQS queue, an SNS topic or (as an asynchronous invocation) a Lambda function named
 * by ARN. A send the role may not make fails for good (UnrecoverableError), as it would on AWS.
 */
export async function deliver(delivery: Delivery, targetArn: string, body: string, attributes: Record<string, { DataType: string; StringValue: string }> = {}): Promise<void> {
  const { role } = delivery;
  const principal = executionRolePrincipal(delivery.accountId, role.roleArn, role.sessionName);
  const refused = await refusedSend(delivery.iam, role, targetArn);
  if (refused) {
    const { action, resource } = refused;
    throw new UnrecoverableError(`User: ${principal.arn} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`);
  }
  const call: CallContext = { accountId: delivery.accountId, region: role.region, principal, requestId: delivery.requestId, source: "gateway" };
  const target = parseArn(targetArn);
  if (target?.service === "sqs") {
    await sendMessage(
      delivery.db,
      call,
      { QueueUrl: `${publicGatewayUrl()}/${target.accountId}/${target.resource}`, MessageBody: body, MessageAttributes: attributes },
    );
    return;
  }
  if (target?.service === "lambda") {
    await enqueueOutbox(delivery.db, {
      accountId: target.accountId,
      region: target.region,
      job: ASYNC_INVOKE_JOB,
      payload: {
        requestId: crypto.randomUUID(),
        caller: { accountId: principal.accountId, arn: principal.arn, userId: principal.userId, role: principal.role },
        functionName: targetArn,
        payload: Buffer.from(body).toString("base64"),
        enqueuedAt: Date.now(),
        attempt: 1,
      },
    });
    return;
  }
  if (target?.service === "sns") {
    await publish(delivery.db, call, { TopicArn: targetArn, Message: body, MessageAttributes: attributes });
    return;
  }
  throw new UnrecoverableError(`Cannot deliver to ${targetArn}: Stratus does not serve ${target?.service ?? "that"} destinations yet`);
}
