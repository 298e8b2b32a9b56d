/**
 * Codes Cognito sends (sign-up confirmation, password reset, attribute verification): stored hashed
 * with an expiry, delivered to the team's outbox (the console's email/SMS inbox) as Cognito would send them.
 */
import { randomInt, randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import { sha256Hex } from "../../lib/secrets";
import { CognitoErrors } from "./errors";
import { poolSettings } from "./store";
import { runTrigger, triggerAttributes } from "./triggers";

export type CodePurpose = "SIGN_UP" | "FORGOT_PASSWORD" | "SMS_MFA" | `VERIFY_${string}`;

const LIFETIME_MS: Record<string, number> = { SIGN_UP: 24 * 3600_000, FORGOT_PASSWORD: 3600_000, SMS_MFA: 3 * 60_000 };
const MAX_ATTEMPTS = 5;

/** The CustomMessage trigger source for each kind of code. */
const MESSAGE_SOURCES: Record<string, string> = {
  SIGN_UP: "CustomMessage_SignUp",
  FORGOT_PASSWORD: "CustomMessage_ForgotPassword",
  SMS_MFA: "CustomMessage_Authentication",
  VERIFY: "CustomMessage_VerifyUserAttribute",
};

export interface CodeDeliveryDetails {
  Destination: string;
  DeliveryMedium: "EMAIL" | "SMS";
  AttributeName: string;
}

/** `a***@e***` / `+*******1234`, as Cognito masks destinations. */
function mask(medium: "EMAIL" | "SMS", destination: string): string {
  if (medium === "SMS") return `+${"*".repeat(Math.max(0, destination.length - 5))}${destination.slice(-4)}`;
  const [local = "", domain = ""] = destination.split("@");
  return `${local.slice(0, 1)}***@${domain.slice(0, 1)}***`;
}

const attributesOf = (user: Pick<CognitoUser, "attributes">) => user.attributes as Record<string, string>;

/** Where a code for `attribute` (or the preferred channel) goes; null when the user has nowhere to receive it. */
export function deliveryTarget(user: Pick<CognitoUser, "attributes">, attribute?: "email" | "phone_number"): { medium: "EMAIL" | "SMS"; attribute: string; destination: string } | null {
  const attributes = attributesOf(user);
  const pick = attribute ?? (attributes.email ? "email" : attributes.phone_number ? "phone_number" : undefined);
  const destination = pick ? attributes[pick] : undefined;
  if (!pick || !destination) return null;
  return { medium: pick === "email" ? "EMAIL" : "SMS", attribute: pick, destination };
}

/** Makes, stores and sends a six-digit code; returns what Cognito reports of the delivery. */
export async function sendCode(
  db: Db,
  pool: CognitoUserPool,
  user: CognitoUser,
  purpose: CodePurpose,
  attribute?: "email" | "phone_number",
  /** The CustomMessage trigger's source when the purpose alone does not say it (ResendCode, UpdateUserAttribute). */
  messageSource?: string,
): Promise<CodeDeliveryDetails | undefined> {
  const target = deliveryTarget(user, attribute);
  if (!target) return undefined;
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const settings = poolSettings(pool);
  const template = settings.VerificationMessageTemplate;
  const isEmail = target.medium === "EMAIL";
  const message = (isEmail ? (template?.EmailMessage ?? settings.EmailVerificationMessage) : (template?.SmsMessage ?? settings.SmsVerificationMessage)) ?? "Your verification code is {####}. ";
  const standard =
    purpose === "FORGOT_PASSWORD" ? "Your password reset code is {####}. " : purpose === "SMS_MFA" ? "Your authentication code is {####}. " : message;
  // The CustomMessage trigger may rewrite the message; it keeps the code as the {####} placeholder.
  const custom = await runTrigger({
    pool,
    trigger: "CustomMessage",
    source: messageSource ?? MESSAGE_SOURCES[purpose.startsWith("VERIFY_") ? "VERIFY" : purpose] ?? "CustomMessage_SignUp",
    userName: user.username,
    request: { userAttributes: triggerAttributes(user), codeParameter: "{####}", usernameParameter: user.username, linkParameter: null, clientMetadata: {} },
    response: { smsMessage: null, emailMessage: null, emailSubject: null },
  });
  const chosen = typeof custom[isEmail ? "emailMessage" : "smsMessage"] === "string" ? String(custom[isEmail ? "emailMessage" : "smsMessage"]) : standard;
  const body = chosen.replace("{####}", code).replace("{username}", user.username);
  const subject = isEmail
    ? typeof custom.emailSubject === "string"
      ? custom.emailSubject
      : (template?.EmailSubject ?? settings.EmailVerificationSubject ?? "Your verification code")
    : null;
  const expiresAt = new Date(Date.now() + (LIFETIME_MS[purpose] ?? 24 * 3600_000));
  const key = { userPoolId: pool.id, usernameKey: user.usernameKey, purpose };
  await db.cognitoCode.upsert({
    where: { userPoolId_usernameKey_purpose: key },
    create: { ...key, codeHash: sha256Hex(`${pool.id}:${code}`), expiresAt },
    update: { codeHash: sha256Hex(`${pool.id}:${code}`), expiresAt, attempts: 0, createdAt: new Date() },
  });
  await db.snsOutboxItem.create({
    data: { accountId: pool.accountId, region: pool.region, protocol: isEmail ? "email" : "sms", destination: target.destination, subject, body, messageId: randomUUID() },
  });
  return { Destination: mask(target.medium, target.destination), DeliveryMedium: target.medium, AttributeName: target.attribute };
}

/** Consumes a code: throws CodeMismatch / ExpiredCode as Cognito does; a used code is gone. */
export async function consumeCode(db: Db, pool: CognitoUserPool, usernameKey: string, purpose: CodePurpose, code: string): Promise<void> {
  const key = { userPoolId: pool.id, usernameKey, purpose };
  const stored = await db.cognitoCode.findUnique({ where: { userPoolId_usernameKey_purpose: key } });
  if (!stored) throw CognitoErrors.codeMismatch();
  if (stored.expiresAt <= new Date() || stored.attempts >= MAX_ATTEMPTS) throw CognitoErrors.expiredCode();
  if (stored.codeHash !== sha256Hex(`${pool.id}:${code}`)) {
    await db.cognitoCode.update({ where: { userPoolId_usernameKey_purpose: key }, data: { attempts: { increment: 1 } } });
    throw CognitoErrors.codeMismatch();
  }
  await db.cognitoCode.delete({ where: { userPoolId_usernameKey_purpose: key } });
}
