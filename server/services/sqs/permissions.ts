import type { Db } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { SqsErrors } from "./errors";
import { MAX_PERMISSION_ACTIONS } from "./limits";
import type { Queue } from "./model";
import { forgetQueue, resolveQueue } from "./store";

/** Actions AddPermission accepts (the batch variants are covered by their single-message action). */
const GRANTABLE = new Set([
  "*",
  "SendMessage",
  "ReceiveMessage",
  "DeleteMessage",
  "ChangeMessageVisibility",
  "GetQueueAttributes",
  "GetQueueUrl",
  "ListDeadLetterSourceQueues",
  "PurgeQueue",
  "ListQueueTags",
]);

interface PolicyStatement {
  Sid: string;
  Effect: "Allow";
  Principal: { AWS: string | string[] };
  Action: string | string[];
  Resource: string;
}

interface QueuePolicy {
  Version: string;
  Id: string;
  Statement: PolicyStatement[];
}

const one = <T>(values: T[]): T | T[] => (values.length === 1 ? values[0]! : values);

function currentPolicy(queue: Queue): QueuePolicy {
  if (queue.policy) {
    const parsed = JSON.parse(queue.policy) as Partial<QueuePolicy>;
    return { Version: parsed.Version ?? "2008-10-17", Id: parsed.Id ?? `${queue.arn}/SQSDefaultPolicy`, Statement: parsed.Statement ?? [] };
  }
  return { Version: "2008-10-17", Id: `${queue.arn}/SQSDefaultPolicy`, Statement: [] };
}

async function savePolicy(db: Db, queue: Queue, policy: QueuePolicy): Promise<void> {
  await db.sqsQueue.update({
    where: { id: queue.id },
    data: { policy: policy.Statement.length > 0 ? JSON.stringify(policy) : null, lastModifiedAt: new Date() },
  });
  forgetQueue(queue);
}

/** AddPermission writes a statement labelled `Label` into the queue's Policy, as AWS renders it. */
export async function addPermission(
  db: Db,
  ctx: CallContext,
  input: { QueueUrl: string; Label: string; AWSAccountIds: string[]; Actions: string[] },
): Promise<void> {
  requireRole(ctx, "developer", "sqs:AddPermission");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "AddPermission");
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.Label)) throw SqsErrors.invalidParameter("Label", input.Label, "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length");
  if (input.AWSAccountIds.length === 0) throw SqsErrors.missingParameter("AWSAccountIds");
  if (input.Actions.length === 0) throw SqsErrors.missingParameter("Actions");
  if (input.Actions.length > MAX_PERMISSION_ACTIONS) {
    throw SqsErrors.overLimit(`${input.Actions.length} Actions were found, maximum allowed is ${MAX_PERMISSION_ACTIONS}.`);
  }
  for (const action of input.Actions) {
    if (!GRANTABLE.has(action)) {
      throw SqsErrors.invalidParameter("ActionName", `SQS:${action}`, "Please refer to the appropriate WSDL for a list of valid actions. ");
    }
  }
  for (const account of input.AWSAccountIds) {
    // AWS names the parameter PrincipalId here, and refuses anything but an account ID (ARNs, "*").
    if (!/^\d{12}$/.test(account)) throw SqsErrors.invalidParameter("PrincipalId", account, "Unable to verify principal.");
  }
  const policy = currentPolicy(queue);
  if (policy.Statement.some((s) => s.Sid === input.Label)) throw SqsErrors.invalidParameter("Label", input.Label, "Already exists.");
  policy.Statement.push({
    Sid: input.Label,
    Effect: "Allow",
    Principal: { AWS: one(input.AWSAccountIds.map((a) => `arn:aws:iam::${a}:root`)) },
    Action: one(input.Actions.map((a) => `SQS:${a}`)),
    Resource: queue.arn,
  });
  await savePolicy(db, queue, policy);
}

export async function removePermission(db: Db, ctx: CallContext, input: { QueueUrl: string; Label: string }): Promise<void> {
  requireRole(ctx, "developer", "sqs:RemovePermission");
  const queue = await resolveQueue(db, ctx, input.QueueUrl, "RemovePermission");
  const policy = currentPolicy(queue);
  const remaining = policy.Statement.filter((s) => s.Sid !== input.Label);
  if (remaining.length === policy.Statement.length) throw SqsErrors.invalidParameter("Label", input.Label, "can't find label.");
  await savePolicy(db, queue, { ...policy, Statement: remaining });
}
