/** TagResource / UntagResource / ListTags: tags belong to the function (not to its versions or aliases). */
import { randomUUID } from "node:crypto";
import type { Db, PrismaClient } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { LATEST } from "./arns";
import { LambdaErrors } from "./errors";
import { LIMITS } from "./limits";
import type { FunctionRow } from "./model";
import type { LambdaInput } from "./schemas";
import { lockFunction, requireFunction } from "./store";
import { functionTarget, type FunctionTarget } from "./target";
import { PATTERNS, violations } from "./validation";

export function tagsOf(fn: FunctionRow): Record<string, string> {
  return fn.tags as Record<string, string>;
}

export function checkTags(tags: Record<string, string>): void {
  if (Object.keys(tags).length > LIMITS.tagsPerResource) throw LambdaErrors.invalidParameter("Number of tags exceeds resource tag limit.");
}

/** The function a taggable resource ARN names: only unqualified function ARNs carry tags. */
function taggedFunction(ctx: CallContext, resource: string, action: string): FunctionTarget {
  violations().length(resource, "resource", 1, 256).matches(resource, "resource", PATTERNS.taggableResource).check();
  // Event source mappings, code signing configs and capacity providers are taggable on AWS, but not Stratus resources (yet).
  if (!resource.includes(":function:")) throw LambdaErrors.resourceDoesNotExist();
  const target = functionTarget(ctx, resource, { action });
  if (target.qualifier !== undefined) {
    throw LambdaErrors.invalidParameter("Tags on function aliases and versions are not supported. Please specify a function ARN.");
  }
  return target;
}

/** Replaces the function's tags; like any change to the function, it gives $LATEST a new RevisionId. */
async function retag(db: PrismaClient, target: FunctionTarget, change: (tags: Record<string, string>) => Record<string, string>): Promise<void> {
  await db.$transaction(async (tx) => {
    const fn = await lockFunction(tx, target);
    const tags = change({ ...tagsOf(fn) });
    checkTags(tags);
    await tx.lambdaFunction.update({ where: { id: fn.id }, data: { tags } });
    await tx.lambdaVersion.update({ where: { functionId_version: { functionId: fn.id, version: LATEST } }, data: { revisionId: randomUUID() } });
  });
}

export async function tagResource(db: PrismaClient, ctx: CallContext, input: LambdaInput<"TagResource">): Promise<void> {
  requireRole(ctx, "developer", "lambda:TagResource");
  const target = taggedFunction(ctx, input.Resource, "lambda:TagResource");
  if (Object.keys(input.Tags).length === 0) throw LambdaErrors.invalidParameter("An error occurred and the request cannot be processed.");
  await retag(db, target, (tags) => ({ ...tags, ...input.Tags }));
}

export async function untagResource(db: PrismaClient, ctx: CallContext, input: LambdaInput<"UntagResource">): Promise<void> {
  requireRole(ctx, "developer", "lambda:UntagResource");
  const target = taggedFunction(ctx, input.Resource, "lambda:UntagResource");
  violations()
    .required(input.TagKeys.length === 0 ? undefined : input.TagKeys, "tagKeys")
    .check();
  await retag(db, target, (tags) => Object.fromEntries(Object.entries(tags).filter(([key]) => !input.TagKeys.includes(key))));
}

export async function listTags(db: Db, ctx: CallContext, input: LambdaInput<"ListTags">): Promise<{ Tags: Record<string, string> }> {
  const target = taggedFunction(ctx, input.Resource, "lambda:ListTags");
  return { Tags: tagsOf(await requireFunction(db, target)) };
}
