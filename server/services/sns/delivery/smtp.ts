/**
 * Real email for SNS email subscriptions, when an SMTP server is configured (STRATUS_SMTP_URL). The team
 * outbox records every email either way; this only adds sending it.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { env } from "../../../env";

let transport: Transporter | undefined;

/** Sends the email if an SMTP server is configured; does nothing otherwise. */
export async function sendEmail(message: { to: string; subject: string; text: string }): Promise<void> {
  const url = env().STRATUS_SMTP_URL;
  if (!url) return;
  transport ??= nodemailer.createTransport(url);
  await transport.sendMail({ from: env().STRATUS_SMTP_FROM, ...message });
}
