/** Managed policies attached to roles and users (Attach/Detach/ListAttached… and ListEntitiesForPolicy). */
import type { Db } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { AWS_MANAGED_POLICIES, isAwsManagedArn } from "./aws-managed";
import { announceIamChange } from "./changes";
import { IamErrors } from "./errors";
import { page } from "./model";
import { customerPolicyRef, isAttachable } from "./policies";
import { requireEntity, type EntityRef } from "./principals";

/** IAM's default quota of managed policies per role or user. */
const MAX_ATTACHED = 10;

const QUOTA_NAME = { role: "PoliciesPerRole", user: "PoliciesPerUser" } as const;

export async function attachPolicy(db: Db, ctx: CallContext, entity: EntityRef, policyArn: string): Promise<void> {
  requireRole(ctx, "developer", `iam:Attach${entity.type === "role" ? "Role" : "User"}Policy`);
  const principalKey = await requireEntity(db, ctx.accountId, entity);
  if (!(await isAttachable(db, ctx.accountId, policyArn))) throw IamErrors.noSuchEntity(`Policy ${policyArn} does not exist or is not attachable.`);
  const where = { accountId: ctx.accountId, principalType: entity.type, principalKey };
  const attached = await db.iamPolicyAttachment.findMany({ where, select: { policyArn: true } });
  if (attached.some((a) => a.policyArn === policyArn)) return; // attaching twice is a no-op in IAM
  if (attached.length >= MAX_ATTACHED) throw IamErrors.limitExceeded(`Cannot exceed quota for ${QUOTA_NAME[entity.type]}: ${MAX_ATTACHED}`);
  await db.iamPolicyAttachment.createMany({ data: [{ ...where, policyArn }], skipDuplicates: true });
  await announceIamChange(db, ctx.accountId);
}

export async function detachPolicy(db: Db, ctx: CallContext, entity: EntityRef, policyArn: string): Promise<void> {
  requireRole(ctx, "developer", `iam:Detach${entity.type === "role" ? "Role" : "User"}Policy`);
  const principalKey = await requireEntity(db, ctx.accountId, entity);
  const { count } = await db.iamPolicyAttachment.deleteMany({ where: { accountId: ctx.accountId, principalType: entity.type, principalKey, policyArn } });
  if (count === 0) throw IamErrors.noSuchEntity(`Policy ${policyArn} was not found.`);
  await announceIamChange(db, ctx.accountId);
}

/** `arn:…:policy/path/Name` → Name (AWS managed and customer ARNs alike). */
const policyNameOf = (arn: string) => (isAwsManagedArn(arn) ? AWS_MANAGED_POLICIES.get(arn)?.name : customerPolicyRef(arn)?.policyName) ?? arn.slice(arn.lastIndexOf("/") + 1);

export async function listAttachedPolicies(db: Db, ctx: CallContext, entity: EntityRef, input: { PathPrefix?: string; Marker?: string; MaxItems?: number }) {
  const principalKey = await requireEntity(db, ctx.accountId, entity);
  const rows = await db.iamPolicyAttachment.findMany({
    where: { accountId: ctx.accountId, principalType: entity.type, principalKey },
    orderBy: { createdAt: "asc" },
  });
  const prefix = input.PathPrefix ?? "/";
  const policies = rows
    .map((row) => ({ PolicyName: policyNameOf(row.policyArn), PolicyArn: row.policyArn }))
    .filter((p) => p.PolicyArn.slice(p.PolicyArn.indexOf(":policy") + ":policy".length).startsWith(prefix));
  const { items, ...rest } = page(policies, input);
  return { AttachedPolicies: items, ...rest };
}

/** The attached managed policies' ARNs of a role or user (for evaluation; no existence check). */
export async function attachedPolicyArns(db: Db, accountId: string, type: EntityRef["type"], principalKey: string): Promise<string[]> {
  const rows = await db.iamPolicyAttachment.findMany({ where: { accountId, principalType: type, principalKey }, select: { policyArn: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.policyArn);
}

export async function listEntitiesForPolicy(db: Db, ctx: CallContext, input: { PolicyArn: string; EntityFilter?: string; Marker?: string; MaxItems?: number }) {
  if (!(await isAttachable(db, ctx.accountId, input.PolicyArn))) throw IamErrors.policyNotFound(input.PolicyArn);
  const rows = await db.iamPolicyAttachment.findMany({ where: { accountId: ctx.accountId, policyArn: input.PolicyArn }, orderBy: { createdAt: "asc" } });
  const [roles, users] = await Promise.all([
    db.iamRole.findMany({ where: { accountId: ctx.accountId, nameKey: { in: rows.filter((r) => r.principalType === "role").map((r) => r.principalKey) } } }),
    db.iamUser.findMany({ where: { accountId: ctx.accountId, nameKey: { in: rows.filter((r) => r.principalType === "user").map((r) => r.principalKey) } } }),
  ]);
  const wants = (kind: string) => input.EntityFilter === undefined || input.EntityFilter === kind;
  return {
    PolicyGroups: [],
    PolicyUsers: wants("User") ? users.map((u) => ({ UserName: u.userName, UserId: u.userId })) : [],
    PolicyRoles: wants("Role") ? roles.map((r) => ({ RoleName: r.roleName, RoleId: r.roleId })) : [],
    IsTruncated: false,
  };
}
