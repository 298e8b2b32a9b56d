/** Email notifications as SNS words them: the subject it picks and the unsubscribe footer it appends. */
import type { Topic } from "../model";
import { unsubscribeUrl } from "../signing-key";
import type { PublishedMessage } from "./content";

export function emailSubject(message: Pick<PublishedMessage, "subject">, topic: Topic | null): string {
  return message.subject ?? (topic?.attributes.DisplayName || "AWS Notification Message");
}

export function emailBody(text: string, subscriptionArn: string): string {
  return [
    text,
    "",
    "--",
    "If you wish to stop receiving notifications from this topic, please click or visit the link below to unsubscribe:",
    unsubscribeUrl(subscriptionArn),
    "",
    "Please do not reply directly to this email. If you have any questions or comments regarding this email, please contact us at https://aws.amazon.com/support",
  ].join("\n");
}

export function confirmationEmailBody(topic: Topic, subscribeLink: string): string {
  return [
    `You have chosen to subscribe to the topic:`,
    topic.arn,
    "",
    "To confirm this subscription, click or visit the link below (If this was in error no action is necessary):",
    subscribeLink,
    "",
    "Please do not reply directly to this email. If you wish to remove yourself from receiving all future SNS subscription confirmation requests please send an email to sns-opt-out",
  ].join("\n");
}
