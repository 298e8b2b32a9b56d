/** Inline policies embedded in a role or user (Put/Get/Delete/List…Policy). */
import type { Db } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { announceIamChange } from "./changes";
import { checkDocument, checkQuota, documentSize, QUOTAS } from "./documents";
import { IamErrors } from "./errors";
import { encodeDocument, page } from "./model";
import { requireEntity, type EntityRef } from "./principals";

const label = (entity: EntityRef) => (entity.type === "role" ? "Role" : "User");

const notFound = (entity: EntityRef, policyName: string) =>
  IamErrors.noSuchEntity(`The ${entity.type} policy with name ${policyName} cannot be found.`);

export async function putInlinePolicy(db: Db, ctx: CallContext, entity: EntityRef, input: { PolicyName: string; PolicyDocument: string }): Promise<void> {
  requireRole(ctx, "developer", `iam:Put${label(entity)}Policy`);
  const principalKey = await requireEntity(db, ctx.accountId, entity);
  const quota = entity.type === "role" ? QUOTAS.roleInline : QUOTAS.userInline;
  checkDocument(input.PolicyDocument, "identity", quota);
  const key = { accountId: ctx.accountId, principalType: entity.type, principalKey, policyName: input.PolicyName };
  // The quota is on all of the entity's inline policies together.
  const others = await db.iamInlinePolicy.findMany({ where: { accountId: ctx.accountId, principalType: entity.type, principalKey, NOT: { policyName: input.PolicyName } }, select: { document: true } });
  checkQuota([...others.map((o) => o.document), input.PolicyDocument].reduce((sum, d) => sum + documentSize(d), 0), quota);
  await db.iamInlinePolicy.upsert({
    where: { accountId_principalType_principalKey_policyName: key },
    create: { ...key, document: input.PolicyDocument },
    update: { document: input.PolicyDocument },
  });
  await announceIamChange(db, ctx.accountId);
}

export async function getInlinePolicy(db: Db, ctx: CallContext, entity: EntityRef, policyName: string) {
  const principalKey = await requireEntity(db, ctx.accountId, entity);
  const policy = await db.iamInlinePolicy.findUnique({
    where: { accountId_principalType_principalKey_policyName: { accountId: ctx.accountId, principalType: entity.type, principalKey, policyName } },
  });
  if (!policy) throw notFound(entity, policyName);
  return { [`${label(entity)}Name`]: entity.name, PolicyName: policy.policyName, PolicyDocument: encodeDocument(policy.document) };
}

export async function deleteInlinePolicy(db: Db, ctx: CallContext, entity: EntityRef, policyName: string): Promise<void> {
  requireRole(ctx, "developer", `iam:Delete${label(entity)}Policy`);
  const principalKey = await requireEntity(db, ctx.accountId, entity);
  const { count } = await db.iamInlinePolicy.deleteMany({ where: { accountId: ctx.accountId, principalType: entity.type, principalKey, policyName } });
  if (count === 0) throw notFound(entity, policyName);
  await announceIamChange(db, ctx.accountId);
}

export async function listInlinePolicies(db: Db, ctx: CallContext, entity: EntityRef, input: { Marker?: string; MaxItems?: number }) {
  const principalKey = await requireEntity(db, ctx.accountId, entity);
  const rows = await db.iamInlinePolicy.findMany({ where: { accountId: ctx.accountId, principalType: entity.type, principalKey }, orderBy: { policyName: "asc" }, select: { policyName: true } });
  const { items, ...rest } = page(rows.map((r) => r.policyName), input);
  return { PolicyNames: items, ...rest };
}

/** An entity's inline documents by name (for evaluation; no existence check). */
export async function inlineDocuments(db: Db, accountId: string, type: EntityRef["type"], principalKey: string): Promise<{ policyName: string; document: string }[]> {
  return db.iamInlinePolicy.findMany({ where: { accountId, principalType: type, principalKey }, select: { policyName: true, document: true }, orderBy: { policyName: "asc" } });
}
