/**
 * Deliveries whose effect is a Postgres write: a queue that could not be written at publish time, an
 * asynchronous invocation of a function, and the team outbox (email, SMS, mobile push). The effect and
 * the delivery's settlement share one transaction.
 */
import { randomUUID } from "node:crypto";
import type pg from "pg";
import { prisma } from "../../server/db/client";
import { isAwsError } from "../../server/errors";
import { parseArn } from "../../server/lib/arn";
import { enqueueOutboxWithin } from "../../server/outbox/enqueue";
import { serviceDecisions } from "../../server/services/iam/role-permission";
import { LambdaErrors } from "../../server/services/lambda/errors";
import { ASYNC_INVOKE_JOB } from "../../server/services/lambda/invocation/invoke";
import { serviceMayInvoke } from "../../server/services/lambda/policy";
import { envelopeFor, lambdaEventFor, messageFor } from "../../server/services/sns/delivery/content";
import type { LoadedDelivery } from "../../server/services/sns/delivery/load";
import { queueCopy, queueOf, storeCopies } from "../../server/services/sns/delivery/queue-copy";
import { emailBody, emailSubject } from "../../server/services/sns/delivery/email";
import { sendEmail } from "../../server/services/sns/delivery/smtp";
import { isRawDelivery } from "../../server/services/sns/model";
import { withPlus } from "../../server/services/sns/phone-numbers";
import { DeliveryFailure, markDelivered, settleFailure, whilePending } from "./settle";

type Effect = (client: pg.PoolClient) => Promise<(() => void) | undefined>;

async function toQueue(loaded: LoadedDelivery): Promise<Effect> {
  const { delivery, message, subscription } = loaded;
  const queue = await queueOf(prisma(), delivery.endpoint);
  if (!queue) throw new DeliveryFailure("The queue does not exist", false);
  let prepared;
  try {
    prepared = await queueCopy(prisma(), queue, message, {
      subscriptionArn: delivery.subscriptionArn ?? "",
      raw: isRawDelivery(subscription),
      protocol: "sqs",
    });
  } catch (error) {
    if (isAwsError(error)) throw new DeliveryFailure(`The queue refused the message: ${error.message}`, false);
    throw error;
  }
  return (client) => storeCopies(client, [{ queue, message: prepared }]);
}

/** The service principal SNS invokes functions as. */
const SNS_SERVICE = "sns.amazonaws.com";

async function toFunction(loaded: LoadedDelivery): Promise<Effect> {
  const { delivery, message } = loaded;
  const arn = parseArn(delivery.endpoint);
  const [, name, qualifier] = arn?.resource.split(":") ?? [];
  const fn = arn && name && (await prisma().lambdaFunction.findUnique({ where: { accountId_region_name: { accountId: arn.accountId, region: arn.region, name } } }));
  if (!arn || !fn) throw new DeliveryFailure("Function not found", false);
  // Only strict teams (the function's) need the function's policy to let SNS invoke it, as on AWS;
  // permissive teams keep the local-emulator convention that a subscription is enough.
  if ((await serviceDecisions().enforcement(arn.accountId)) === "strict") {
    const invocation = { functionId: fn.id, functionArn: delivery.endpoint, qualifier, service: SNS_SERVICE, sourceArn: delivery.topicArn ?? undefined, sourceAccount: delivery.accountId };
    if (!(await serviceMayInvoke(prisma(), invocation))) {
      // A client-side error: SNS does not retry it (the subscription's dead-letter queue gets the message).
      throw new DeliveryFailure(LambdaErrors.accessDenied(SNS_SERVICE, "lambda:InvokeFunction", delivery.endpoint).message, false, 403);
    }
  }
  const event = await lambdaEventFor(prisma(), message, delivery.subscriptionArn ?? "");
  return async (client) => {
    await enqueueOutboxWithin(client, [
      {
        accountId: arn.accountId,
        region: arn.region,
        job: ASYNC_INVOKE_JOB,
        payload: {
          requestId: randomUUID(),
          // SNS invokes as the service, in the topic's account.
          caller: { accountId: delivery.accountId, arn: "arn:aws:iam::aws:sns", userId: "sns.amazonaws.com", role: "developer" },
          functionName: delivery.endpoint,
          payload: Buffer.from(JSON.stringify(event)).toString("base64"),
          enqueuedAt: Date.now(),
          attempt: 1,
        },
      },
    ]);
    return undefined;
  };
}

function toOutbox(loaded: LoadedDelivery, subject: string | null, body: string): Effect {
  const { delivery, message } = loaded;
  return async (client) => {
    await client.query(
      `INSERT INTO sns_outbox_items (account_id, region, protocol, destination, subject, body, topic_arn, subscription_arn, message_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())`,
      [delivery.accountId, delivery.region, delivery.protocol, delivery.endpoint, subject, body, delivery.topicArn, delivery.subscriptionArn, message.messageId],
    );
    return undefined;
  };
}

async function toPhone(loaded: LoadedDelivery): Promise<Effect> {
  const optedOut = await prisma().snsSmsOptOut.findUnique({
    where: { accountId_phoneNumber: { accountId: loaded.delivery.accountId, phoneNumber: withPlus(loaded.delivery.endpoint) } },
  });
  if (optedOut) throw new DeliveryFailure("The phone number has opted out of receiving SMS messages", false);
  return toOutbox(loaded, null, messageFor(loaded.message, "sms"));
}

async function toPlatformEndpoint(loaded: LoadedDelivery): Promise<Effect> {
  const [, platform, , id] = parseArn(loaded.delivery.endpoint)?.resource.split("/") ?? [];
  const endpoint = id ? await prisma().snsPlatformEndpoint.findUnique({ where: { id } }) : null;
  if (!endpoint || !platform) throw new DeliveryFailure("The platform endpoint does not exist", false);
  if ((endpoint.attributes as Record<string, string>).Enabled === "false") throw new DeliveryFailure("Endpoint is disabled", false);
  return toOutbox(loaded, null, messageFor(loaded.message, platform));
}

/** Email lands in the outbox and, with an SMTP server configured, is sent first (a failed send is retried). */
async function toEmail(loaded: LoadedDelivery): Promise<Effect> {
  const { delivery, message, topic } = loaded;
  const subscriptionArn = delivery.subscriptionArn ?? "";
  const subject = emailSubject(message, topic);
  const body =
    delivery.protocol === "email-json"
      ? JSON.stringify(await envelopeFor(prisma(), message, subscriptionArn, messageFor(message, "email-json")))
      : emailBody(messageFor(message, "email"), subscriptionArn);
  try {
    await sendEmail({ to: delivery.endpoint, subject, text: body });
  } catch (error) {
    throw new DeliveryFailure(`The SMTP server did not take the email: ${error instanceof Error ? error.message : String(error)}`, true);
  }
  return toOutbox(loaded, subject, body);
}

function effectFor(loaded: LoadedDelivery): Promise<Effect> {
  switch (loaded.delivery.protocol) {
    case "sqs":
      return toQueue(loaded);
    case "lambda":
      return toFunction(loaded);
    case "sms":
      return toPhone(loaded);
    case "application":
      return toPlatformEndpoint(loaded);
    case "email":
    case "email-json":
      return toEmail(loaded);
    case "http":
    case "https":
      throw new Error("HTTP/S deliveries run as sns.deliver-http");
  }
}

export async function deliverInternally(loaded: LoadedDelivery): Promise<void> {
  let effect: Effect;
  try {
    effect = await effectFor(loaded);
  } catch (error) {
    if (error instanceof DeliveryFailure) return settleFailure(loaded, error);
    throw error;
  }
  await whilePending(loaded.delivery.id, async (client) => {
    const after = await effect(client);
    await markDelivered(client, loaded.delivery.id);
    return after;
  });
}
