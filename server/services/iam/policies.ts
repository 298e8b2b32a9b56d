/** Managed policies: customer managed ones in the account (with up to five versions) and AWS managed ones by ARN. */
import type { Db, PrismaClient } from "../../db/client";
import type { IamPolicy } from "../../db/generated/client";
import { parseArn } from "../../lib/arn";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { AWS_MANAGED_POLICIES, awsManagedPolicyId, isAwsManagedArn, type AwsManagedPolicy } from "./aws-managed";
import { announceIamChange } from "./changes";
import { checkDocument, QUOTAS } from "./documents";
import { IamErrors } from "./errors";
import { encodeDocument, mergeTags, onDuplicate, page, policyArn, storedTags, uniqueId, type Tag } from "./model";

const MAX_VERSIONS = 5;
/** A fixed date for AWS managed policies, so their shape is stable. */
const AWS_MANAGED_DATE = new Date("2015-02-06T18:40:00Z");

/** `arn:aws:iam::123456789012:policy/path/Name` → its account and name; null for other ARNs. */
export function customerPolicyRef(arn: string): { accountId: string; policyName: string } | null {
  const parsed = parseArn(arn);
  const match = parsed && parsed.service === "iam" ? /^policy\/(?:.*\/)?([\w+=,.@-]+)$/.exec(parsed.resource) : null;
  return match && /^\d{12}$/.test(parsed!.accountId) ? { accountId: parsed!.accountId, policyName: match[1]! } : null;
}

async function attachmentCount(db: Db, accountId: string, arn: string): Promise<number> {
  return db.iamPolicyAttachment.count({ where: { accountId, policyArn: arn } });
}

function customerShape(policy: IamPolicy, attachments: number) {
  return {
    PolicyName: policy.policyName,
    PolicyId: policy.policyId,
    Arn: policyArn(policy.accountId, policy.path, policy.policyName),
    Path: policy.path,
    DefaultVersionId: policy.defaultVersionId,
    AttachmentCount: attachments,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description || undefined,
    CreateDate: policy.createdAt,
    UpdateDate: policy.updatedAt,
    Tags: storedTags(policy.tags),
  };
}

function awsManagedShape(policy: AwsManagedPolicy, attachments: number) {
  return {
    PolicyName: policy.name,
    PolicyId: awsManagedPolicyId(policy.name),
    Arn: policy.arn,
    Path: policy.path,
    DefaultVersionId: "v1",
    AttachmentCount: attachments,
    PermissionsBoundaryUsageCount: 0,
    IsAttachable: true,
    Description: policy.description,
    CreateDate: AWS_MANAGED_DATE,
    UpdateDate: AWS_MANAGED_DATE,
  };
}

/** The customer managed policy an ARN names in the caller's account, or NoSuchEntity. */
async function requireCustomerPolicy(db: Db, ctx: CallContext, arn: string): Promise<IamPolicy> {
  const ref = customerPolicyRef(arn);
  const policy = ref && ref.accountId === ctx.accountId ? await db.iamPolicy.findUnique({ where: { accountId_policyName: { accountId: ref.accountId, policyName: ref.policyName } } }) : null;
  if (!policy || policyArn(policy.accountId, policy.path, policy.policyName) !== arn) throw IamErrors.policyNotFound(arn);
  return policy;
}

/** The default version's document of a policy an ARN names (customer or AWS managed); null when there is none. */
export async function policyDocument(db: Db, accountId: string, arn: string): Promise<string | null> {
  if (isAwsManagedArn(arn)) return AWS_MANAGED_POLICIES.get(arn)?.document ?? null;
  const ref = customerPolicyRef(arn);
  if (!ref || ref.accountId !== accountId) return null;
  const policy = await db.iamPolicy.findUnique({
    where: { accountId_policyName: { accountId, policyName: ref.policyName } },
    select: { defaultVersionId: true, versions: { select: { versionId: true, document: true } } },
  });
  return policy?.versions.find((v) => v.versionId === policy.defaultVersionId)?.document ?? null;
}

/** Whether a policy ARN can be attached in the account (exists, customer or AWS managed). */
export async function isAttachable(db: Db, accountId: string, arn: string): Promise<boolean> {
  return (await policyDocument(db, accountId, arn)) !== null;
}

export async function createPolicy(
  db: Db,
  ctx: CallContext,
  input: { PolicyName: string; PolicyDocument: string; Path?: string; Description?: string; Tags?: Tag[] },
) {
  requireRole(ctx, "developer", "iam:CreatePolicy");
  checkDocument(input.PolicyDocument, "identity", QUOTAS.managed);
  const duplicate = () => IamErrors.entityAlreadyExists(`A policy called ${input.PolicyName} already exists. Duplicate names are not allowed.`);
  const policy = await db.iamPolicy
    .create({
      data: {
        accountId: ctx.accountId,
        policyName: input.PolicyName,
        policyId: uniqueId("ANPA"),
        path: input.Path ?? "/",
        description: input.Description ?? "",
        defaultVersionId: "v1",
        tags: mergeTags([], input.Tags ?? []),
        versions: { create: { versionId: "v1", document: input.PolicyDocument } },
      },
    })
    .catch(onDuplicate(duplicate));
  return { Policy: customerShape(policy, 0) };
}

export async function getPolicy(db: Db, ctx: CallContext, input: { PolicyArn: string }) {
  const attachments = await attachmentCount(db, ctx.accountId, input.PolicyArn);
  if (isAwsManagedArn(input.PolicyArn)) {
    const managed = AWS_MANAGED_POLICIES.get(input.PolicyArn);
    if (!managed) throw IamErrors.policyNotFound(input.PolicyArn);
    return { Policy: awsManagedShape(managed, attachments) };
  }
  return { Policy: customerShape(await requireCustomerPolicy(db, ctx, input.PolicyArn), attachments) };
}

export async function listPolicies(
  db: Db,
  ctx: CallContext,
  input: { Scope?: "All" | "AWS" | "Local"; OnlyAttached?: boolean; PathPrefix?: string; Marker?: string; MaxItems?: number },
) {
  const scope = input.Scope ?? "All";
  const prefix = input.PathPrefix ?? "/";
  const [customer, counts] = await Promise.all([
    scope === "AWS" ? [] : db.iamPolicy.findMany({ where: { accountId: ctx.accountId, path: { startsWith: prefix } }, orderBy: { policyName: "asc" } }),
    db.iamPolicyAttachment.groupBy({ by: ["policyArn"], where: { accountId: ctx.accountId }, _count: true }),
  ]);
  const attached = new Map(counts.map((row) => [row.policyArn, row._count]));
  const shapes = [
    ...(scope === "Local" ? [] : [...AWS_MANAGED_POLICIES.values()].filter((p) => p.path.startsWith(prefix)).map((p) => awsManagedShape(p, attached.get(p.arn) ?? 0))),
    ...customer.map((p) => ({ ...customerShape(p, attached.get(policyArn(p.accountId, p.path, p.policyName)) ?? 0), Tags: undefined })),
  ].filter((p) => !input.OnlyAttached || p.AttachmentCount > 0);
  const { items, ...rest } = page(shapes, input);
  return { Policies: items, ...rest };
}

export async function deletePolicy(db: Db, ctx: CallContext, input: { PolicyArn: string }) {
  requireRole(ctx, "developer", "iam:DeletePolicy");
  const policy = await requireCustomerPolicy(db, ctx, input.PolicyArn);
  if ((await attachmentCount(db, ctx.accountId, input.PolicyArn)) > 0) throw IamErrors.deleteConflict("Cannot delete a policy attached to entities.");
  const versions = await db.iamPolicyVersion.count({ where: { accountId: ctx.accountId, policyName: policy.policyName } });
  if (versions > 1) {
    throw IamErrors.deleteConflict(
      "This policy has more than one version. Before you delete a policy, you must delete the policy's versions. The default version is deleted with the policy.",
    );
  }
  await db.iamPolicy.delete({ where: { accountId_policyName: { accountId: ctx.accountId, policyName: policy.policyName } } });
}

const versionShape = (v: { versionId: string; document: string; createdAt: Date }, defaultVersionId: string, withDocument: boolean) => ({
  Document: withDocument ? encodeDocument(v.document) : undefined,
  VersionId: v.versionId,
  IsDefaultVersion: v.versionId === defaultVersionId,
  CreateDate: v.createdAt,
});

export async function createPolicyVersion(db: PrismaClient, ctx: CallContext, input: { PolicyArn: string; PolicyDocument: string; SetAsDefault?: boolean }) {
  requireRole(ctx, "developer", "iam:CreatePolicyVersion");
  checkDocument(input.PolicyDocument, "identity", QUOTAS.managed);
  const found = await requireCustomerPolicy(db, ctx, input.PolicyArn);
  const version = await db.$transaction(async (tx) => {
    // The policy row is the lock that keeps concurrent creates within five versions and unique numbers.
    const policy = await tx.iamPolicy.update({
      where: { accountId_policyName: { accountId: ctx.accountId, policyName: found.policyName } },
      data: { nextVersion: { increment: 1 }, updatedAt: new Date() },
    });
    const versions = await tx.iamPolicyVersion.count({ where: { accountId: ctx.accountId, policyName: policy.policyName } });
    if (versions >= MAX_VERSIONS) {
      throw IamErrors.limitExceeded("A managed policy can have up to 5 versions. Before you create a new version, you must delete an existing version.");
    }
    const versionId = `v${policy.nextVersion - 1}`;
    const created = await tx.iamPolicyVersion.create({ data: { accountId: ctx.accountId, policyName: policy.policyName, versionId, document: input.PolicyDocument } });
    const defaultVersionId = input.SetAsDefault ? versionId : policy.defaultVersionId;
    if (input.SetAsDefault) await tx.iamPolicy.update({ where: { accountId_policyName: { accountId: ctx.accountId, policyName: policy.policyName } }, data: { defaultVersionId } });
    return versionShape(created, defaultVersionId, false);
  });
  if (input.SetAsDefault) await announceIamChange(db, ctx.accountId);
  return { PolicyVersion: version };
}

export async function getPolicyVersion(db: Db, ctx: CallContext, input: { PolicyArn: string; VersionId: string }) {
  if (isAwsManagedArn(input.PolicyArn)) {
    const managed = AWS_MANAGED_POLICIES.get(input.PolicyArn);
    if (!managed || input.VersionId !== "v1") throw IamErrors.noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
    return { PolicyVersion: versionShape({ versionId: "v1", document: managed.document, createdAt: AWS_MANAGED_DATE }, "v1", true) };
  }
  const policy = await requireCustomerPolicy(db, ctx, input.PolicyArn);
  const version = await db.iamPolicyVersion.findUnique({
    where: { accountId_policyName_versionId: { accountId: ctx.accountId, policyName: policy.policyName, versionId: input.VersionId } },
  });
  if (!version) throw IamErrors.noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  return { PolicyVersion: versionShape(version, policy.defaultVersionId, true) };
}

export async function listPolicyVersions(db: Db, ctx: CallContext, input: { PolicyArn: string; Marker?: string; MaxItems?: number }) {
  const policy = await requireCustomerPolicy(db, ctx, input.PolicyArn);
  const versions = await db.iamPolicyVersion.findMany({ where: { accountId: ctx.accountId, policyName: policy.policyName }, orderBy: { createdAt: "desc" } });
  const { items, ...rest } = page(versions, input);
  return { Versions: items.map((v) => versionShape(v, policy.defaultVersionId, false)), ...rest };
}

export async function deletePolicyVersion(db: Db, ctx: CallContext, input: { PolicyArn: string; VersionId: string }) {
  requireRole(ctx, "developer", "iam:DeletePolicyVersion");
  const policy = await requireCustomerPolicy(db, ctx, input.PolicyArn);
  if (policy.defaultVersionId === input.VersionId) throw IamErrors.deleteConflict("Cannot delete the default version of a policy.");
  const { count } = await db.iamPolicyVersion.deleteMany({ where: { accountId: ctx.accountId, policyName: policy.policyName, versionId: input.VersionId } });
  if (count === 0) throw IamErrors.noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
}

export async function setDefaultPolicyVersion(db: Db, ctx: CallContext, input: { PolicyArn: string; VersionId: string }) {
  requireRole(ctx, "developer", "iam:SetDefaultPolicyVersion");
  const policy = await requireCustomerPolicy(db, ctx, input.PolicyArn);
  const exists = await db.iamPolicyVersion.count({ where: { accountId: ctx.accountId, policyName: policy.policyName, versionId: input.VersionId } });
  if (exists === 0) throw IamErrors.noSuchEntity(`Policy ${input.PolicyArn} version ${input.VersionId} does not exist or is not attachable.`);
  await db.iamPolicy.update({
    where: { accountId_policyName: { accountId: ctx.accountId, policyName: policy.policyName } },
    data: { defaultVersionId: input.VersionId, updatedAt: new Date() },
  });
  await announceIamChange(db, ctx.accountId);
}
