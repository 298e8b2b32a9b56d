/**
 * AssumeRole: temporary credentials for a role whose trust policy lets the caller in. What the caller's
 * own policies must allow (sts:AssumeRole on the role) the gateway has checked before this runs. Every way
 * into a role (AssumeRoleWithWebIdentity, identity pools) checks its trust and issues the session here.
 */
import type { Db } from "../../db/client";
import type { IamRole } from "../../db/generated/client";
import { isAwsError } from "../../errors";
import { parseArn } from "../../lib/arn";
import type { CallContext } from "../context";
import { requestContext } from "../iam/authorize";
import { documentSize } from "../iam/documents";
import { teamEnforcement } from "../iam/enforcement";
import { roleArn as roleArnOf } from "../iam/model";
import { parsePolicyDocument } from "../iam/policy/document";
import { evaluateTrustPolicy, type TrustAction } from "../iam/policy/evaluate";
import type { RequestContext, RequestPrincipal } from "../iam/policy/request";
import { findRole } from "../iam/roles";
import { StsErrors } from "./errors";
import { issueRoleSession, roleNameOf } from "./role-sessions";

export interface AssumeRoleInput {
  RoleArn: string;
  RoleSessionName: string;
  DurationSeconds?: number;
  Policy?: string;
}

/** A session policy must parse as an identity policy and fit STS's packed size. */
export function checkSessionPolicy(policy: string): void {
  try {
    parsePolicyDocument(policy, "identity");
  } catch (error) {
    if (isAwsError(error)) throw StsErrors.malformedPolicyDocument(error.message);
    throw error;
  }
  if (packedPolicySize(policy) > 100) throw StsErrors.packedPolicyTooLarge();
}

/** How much of STS's packed-policy space (2,048 characters without whitespace) a session policy takes, in percent. */
export const packedPolicySize = (policy: string) => Math.ceil((documentSize(policy) / 2048) * 100);

/** Who asks for a role, and with what condition keys its trust policy is evaluated. */
export interface TrustRequest {
  /** Any one of them the trust policy lets in will do (a web identity's provider may have several names). */
  principals: RequestPrincipal[];
  action: TrustAction;
  context: RequestContext;
}

/**
 * The role `roleArn` names, if its trust policy lets `trust` in; `role` is null for a role that was never
 * created in a permissive team (the local-emulator convention). Null when the role refuses.
 */
export async function trustingRole(db: Db, trust: TrustRequest, roleArn: string): Promise<{ accountId: string; role: IamRole | null } | null> {
  const roleName = roleNameOf(roleArn);
  const accountId = parseArn(roleArn)?.accountId;
  if (!roleName || !accountId) return null;
  const role = await findRole(db, accountId, roleName);
  if (!role) return (await teamEnforcement(db, accountId)) === "permissive" ? { accountId, role: null } : null;
  // The ARN must name the role as it is (its path too), not just its name.
  if (roleArnOf(role.accountId, role.path, role.roleName) !== roleArn) return null;
  const document = parsePolicyDocument(role.assumeRolePolicy, "trust");
  const trusted = trust.principals.some((principal) => evaluateTrustPolicy(document, { principal, action: trust.action, context: trust.context }).allowed);
  return trusted ? { accountId, role } : null;
}

/** A session of `roleArn` if its trust policy lets `trust` in (see trustingRole). Null when the role refuses. */
export async function assumeTrustingRole(
  db: Db,
  trust: TrustRequest,
  session: { roleArn: string; sessionName: string; durationSeconds: number; sessionPolicy?: string; context?: RequestContext },
) {
  const trusting = await trustingRole(db, trust, session.roleArn);
  if (!trusting) return null;
  const { accountId, role } = trusting;
  if (role) {
    if (session.durationSeconds > role.maxSessionDuration) throw StsErrors.validation("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    await db.iamRole.update({ where: { accountId_nameKey: { accountId, nameKey: role.nameKey } }, data: { lastUsedAt: new Date() } });
  }
  return issueRoleSession(db, { accountId, ...session, roleId: role?.roleId });
}

export async function assumeRole(db: Db, ctx: CallContext, input: AssumeRoleInput) {
  if (!roleNameOf(input.RoleArn)) throw StsErrors.validation(`${input.RoleArn} is invalid`);
  if (input.Policy !== undefined) checkSessionPolicy(input.Policy);
  const { principal } = ctx;
  const trust = { principals: [{ arn: principal.arn, accountId: principal.accountId, userId: principal.userId }], action: "sts:AssumeRole" as const, context: requestContext(ctx, principal.iam) };
  const session = await assumeTrustingRole(db, trust, {
    roleArn: input.RoleArn,
    sessionName: input.RoleSessionName,
    durationSeconds: input.DurationSeconds ?? 3600,
    sessionPolicy: input.Policy,
  });
  if (!session) throw StsErrors.accessDenied(`User: ${principal.arn} is not authorized to perform: sts:AssumeRole on resource: ${input.RoleArn}`);
  return {
    Credentials: { AccessKeyId: session.accessKeyId, SecretAccessKey: session.secretAccessKey, SessionToken: session.sessionToken, Expiration: session.expiration },
    AssumedRoleUser: { AssumedRoleId: session.assumedRoleId, Arn: session.assumedRoleArn },
    PackedPolicySize: input.Policy === undefined ? undefined : packedPolicySize(input.Policy),
  };
}
