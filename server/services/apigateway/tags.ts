/** TagResource / UntagResource / GetTags on REST APIs and stages, named by ARNs such as `arn:aws:apigateway:us-east-1::/restapis/{id}/stages/{name}`. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import { tagsOf } from "./model";
import type { ApigwInput } from "./schemas";
import { changeApi, requireApi } from "./store";
import { findStage } from "./stages";

const TAGGABLE = /^arn:aws[a-zA-Z-]*:apigateway:([a-z0-9-]+)::\/restapis\/([^/]+)(?:\/stages\/([^/]+))?$/;
const MAX_TAGS = 50;

export function restApiArn(region: string, restApiId: string): string {
  return `arn:aws:apigateway:${region}::/restapis/${restApiId}`;
}

interface TagTarget {
  restApiId: string;
  stageName?: string;
}

/** The API or stage an ARN names, in the caller's region (other regions' resources are not found here). */
function tagTarget(ctx: CallContext, resourceArn: string): TagTarget {
  const match = TAGGABLE.exec(resourceArn);
  if (!match) throw ApigwErrors.badRequest("Invalid ARN specified in the request");
  const [, region, restApiId, stageName] = match;
  if (region !== ctx.region) throw ApigwErrors.notFound("Invalid resource identifier specified");
  return { restApiId: restApiId!, ...(stageName !== undefined && { stageName }) };
}

/** Reads, changes and writes the tags of the API or stage, under the API's lock. */
function retag(db: PrismaClient, ctx: CallContext, target: TagTarget, change: (tags: Record<string, string>) => Record<string, string>): Promise<void> {
  return changeApi(db, ctx, target.restApiId, async (tx, api) => {
    if (target.stageName === undefined) {
      await tx.apigwRestApi.update({ where: { id: api.id }, data: { tags: checkTags(change(tagsOf(api))) } });
      return;
    }
    const stage = await findStage(tx, api, target.stageName);
    if (!stage) throw ApigwErrors.stageNotFound();
    await tx.apigwStage.update({ where: { restApiId_name: { restApiId: api.id, name: stage.name } }, data: { tags: checkTags(change(tagsOf(stage))) } });
  });
}

/** Tags as AWS accepts them on any taggable resource. */
export function checkTags(tags: Record<string, string>): Record<string, string> {
  if (Object.keys(tags).length > MAX_TAGS) throw ApigwErrors.badRequest(`Too many tags. A resource may have at most ${MAX_TAGS} tags`);
  if (Object.keys(tags).some((key) => key.toLowerCase().startsWith("aws:"))) throw ApigwErrors.badRequest("Tag keys may not start with 'aws:'");
  return tags;
}

export async function tagResource(db: PrismaClient, ctx: CallContext, input: ApigwInput<"TagResource">): Promise<void> {
  await retag(db, ctx, tagTarget(ctx, input.resourceArn), (tags) => ({ ...tags, ...input.tags }));
}

export async function untagResource(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UntagResource">): Promise<void> {
  await retag(db, ctx, tagTarget(ctx, input.resourceArn), (tags) => Object.fromEntries(Object.entries(tags).filter(([key]) => !input.tagKeys.includes(key))));
}

export async function getTags(db: Db, ctx: CallContext, input: ApigwInput<"GetTags">): Promise<{ tags: Record<string, string> }> {
  const target = tagTarget(ctx, input.resourceArn);
  const api = await requireApi(db, ctx, target.restApiId);
  if (target.stageName === undefined) return { tags: tagsOf(api) };
  const stage = await findStage(db, api, target.stageName);
  if (!stage) throw ApigwErrors.stageNotFound();
  return { tags: tagsOf(stage) };
}
