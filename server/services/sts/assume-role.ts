/**
 * AssumeRole: temporary credentials for a role whose trust policy lets the caller in. What the caller's
 * own policies must allow (sts:AssumeRole on the role) the gateway has checked before this runs.
 */
import type { Db } from "../../db/client";
import { isAwsError } from "../../errors";
import type { CallContext } from "../context";
import { findRole } from "../iam/roles";
import { requestContext } from "../iam/authorize";
import { parsePolicyDocument } from "../iam/policy/document";
import { evaluateTrustPolicy } from "../iam/policy/evaluate";
import { roleArn as roleArnOf } from "../iam/model";
import { StsErrors } from "./errors";
import { issueRoleSession, roleNameOf } from "./role-sessions";

export interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number;
  Policy?: string;
}

/** A session policy must parse as an identity policy and fit STS's packed size. */
function checkSessionPolicy(policy: string): void {
  try {
    parsePolicyDocument(policy, "identity");
  } catch (error) {
    if (isAwsError(error)) throw StsErrors.malformedPolicyDocument(error.message);
    throw error;
  }
  if (policy.replace(/\s/g, "").length > 2048) throw StsErrors.packedPolicyTooLarge();
}

export async function assumeRole(db: Db, ctx: CallContext, input: AssumeRoleInput) {
  const roleName = roleNameOf(input.RoleArn);
  const roleAccount = /^arn:aws:iam::(\d{12}):/.exec(input.RoleArn)?.[1];
  if (!roleName || !roleAccount) throw StsErrors.validation(`${input.RoleArn} is invalid`);
  if (input.Policy !== undefined) checkSessionPolicy(input.Policy);
  const denied = () => StsErrors.accessDenied(`User: ${ctx.principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`);
  const durationSeconds = input.DurationSeconds ?? 3600;
  const role = await findRole(db, roleAccount, roleName);
  let roleId: string | undefined;
  if (role) {
    // The ARN must name the role as it is (its path too), not just its name.
    if (roleArnOf(role.accountId, role.path, role.roleName) !== input.RoleArn) throw denied();
    const trusted = evaluateTrustPolicy(parsePolicyDocument(role.assumeRolePolicy, "trust"), {
      principal: { arn: ctx.principal.arn, accountId: ctx.principal.accountId, userId: ctx.principal.userId },
      action: "sts:AssumeRole",
      context: requestContext(ctx, ctx.principal.iam),
    });
    if (!trusted.allowed) throw denied();
    if (durationSeconds > role.maxSessionDuration) throw StsErrors.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    roleId = role.roleId;
    await db.iamRole.update({ where: { accountId_nameKey: { accountId: role.accountId, nameKey: role.nameKey } }, data: { lastUsedAt: new Date() } });
  } else {
    // Only permissive teams let sessions of roles that were never created exist (the local-emulator convention).
    const team = await db.team.findUnique({ where: { accountId: roleAccount }, select: { iamEnforcement: true } });
    if (team?.iamEnforcement !== "permissive") throw denied();
  }
  const session = await issueRoleSession(db, {
    accountId: roleAccount,
    roleArn: input.RoleArn,
    sessionName: input.RoleSessionName,
    durationSeconds,
    roleId,
    sessionPolicy: input.Policy,
  });
  return {
    Credentials: { AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: session.expiration },
    AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn },
    PackedPolicySize: input.Policy === undefined ? undefined : Math.ceil((input.Policy.replace(/\s/g, "").length / 2048) * 100),
  };
}
