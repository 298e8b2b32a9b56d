/** GetSessionToken: temporary credentials for a user (console or IAM), acting as that user. */
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import { StsErrors } from "./errors";
import { issueSession } from "./role-sessions";

export async function getSessionToken(db: Db, ctx: CallContext, input: { DurationSeconds?: number }) {
  const { principal } = ctx;
  // Only long-term credentials may ask, as in AWS.
  if (principal.accessKeyId?.startsWith("ASIA") || principal.iam?.type === "role") {
    throw StsErrors.accessDenied("Cannot call GetSessionToken with session credentials");
  }
  const session = await issueSession(db, {
    accountId: principal.accountId,
    principalArn: principal.arn,
    principalId: principal.userId,
    userId: principal.consoleUserId,
    durationSeconds: input.DurationSeconds ?? 43_200,
  });
  return { Credentials: { AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: session.expiration } };
}
