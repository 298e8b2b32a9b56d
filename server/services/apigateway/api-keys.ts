/**
 * API keys: CreateApiKey / GetApiKey / GetApiKeys / UpdateApiKey / DeleteApiKey. A key's value is what
 * clients send in `x-api-key`; the usage plans holding the key decide which API stages it opens.
 */
import type { Db, PrismaClient } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import type { ApigwApiKey } from "../../db/generated/client";
import { randomString } from "../../lib/secrets";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import { longId } from "./ids";
import { tagMember } from "./model";
import { applyPatch, asOptionalString, asString, memberRule, patchBoolean, type PatchRule } from "./patch";
import type { ApigwInput } from "./schemas";
import { findStage } from "./stages";
import { page, requireApi } from "./store";
import { checkTags } from "./tags";

const VALUE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const GENERATED_VALUE_LENGTH = 40;
const MIN_VALUE_LENGTH = 20;

type Scope = Pick<CallContext, "accountId" | "region">;

export type ApiKeyRow = ApigwApiKey;

export type ApiKey = {
  id: string;
  value?: string;
  name?: string;
  customerId?: string;
  description?: string;
  enabled: boolean;
  createdDate: Date;
  lastUpdatedDate: Date;
  /** `{restApiId}/{stageName}`: AWS keeps these though usage plans replaced them. */
  stageKeys: string[];
  tags?: Record<string, string>;
};

export function apiKeyArn(region: string, apiKeyId: string): string {
  return `arn:aws:apigateway:${region}::/apikeys/${apiKeyId}`;
}

function stageKeysOf(row: ApiKeyRow): string[] {
  return row.stageKeys as string[];
}

/** The value is only shown when asked for (and by CreateApiKey). */
export function toApiKey(row: ApiKeyRow, includeValue: boolean): ApiKey {
  return {
    id: row.id,
    ...(includeValue && { value: row.value }),
    // A key created without a name is stored with an empty one.
    ...(row.name !== "" && { name: row.name }),
    ...(row.customerId !== null && { customerId: row.customerId }),
    ...(row.description !== null && { description: row.description }),
    enabled: row.enabled,
    createdDate: row.createdAt,
    lastUpdatedDate: row.updatedAt,
    stageKeys: stageKeysOf(row),
    ...tagMember(row),
  };
}

export async function requireApiKey(db: Db, ctx: Scope, apiKeyId: string): Promise<ApiKeyRow> {
  const row = await db.apigwApiKey.findFirst({ where: { id: apiKeyId, accountId: ctx.accountId, region: ctx.region } });
  if (!row) throw ApigwErrors.apiKeyNotFound();
  return row;
}

/**
 * Locks the keys' rows, in id order so that concurrent lockers cannot deadlock: changes that depend on
 * which plans a key is in (one usage plan per API stage) hold them. Answers the ids found.
 */
export async function lockApiKeys(tx: Db, ctx: Scope, apiKeyIds: readonly string[]): Promise<string[]> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM apigw_api_keys WHERE id = ANY(${apiKeyIds}) AND account_id = ${ctx.accountId} AND region = ${ctx.region} ORDER BY id FOR UPDATE`;
  return rows.map((row) => row.id);
}

export async function lockApiKey(tx: Db, ctx: Scope, apiKeyId: string): Promise<ApiKeyRow> {
  if ((await lockApiKeys(tx, ctx, [apiKeyId])).length === 0) throw ApigwErrors.apiKeyNotFound();
  return tx.apigwApiKey.findUniqueOrThrow({ where: { id: apiKeyId } });
}

/** Stage keys name existing stages of the caller's APIs. */
async function checkStageKeys(db: Db, ctx: Scope, stageKeys: readonly string[]): Promise<void> {
  for (const stageKey of stageKeys) {
    const [restApiId = "", stageName = ""] = stageKey.split("/", 2);
    const api = await requireApi(db, ctx, restApiId);
    if (!(await findStage(db, api, stageName))) throw ApigwErrors.stageNotFound();
  }
}

export async function createApiKey(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateApiKey">): Promise<ApiKey> {
  // generateDistinctId is deprecated: ids are always distinct from values.
  const value = input.value ?? randomString(GENERATED_VALUE_LENGTH, VALUE_ALPHABET);
  if (value.length < MIN_VALUE_LENGTH) throw ApigwErrors.badRequest(`API Key value should be at least ${MIN_VALUE_LENGTH} characters`);
  const stageKeys = (input.stageKeys ?? []).map((key) => `${key.restApiId ?? ""}/${key.stageName ?? ""}`);
  await checkStageKeys(db, ctx, stageKeys);
  const now = new Date();
  try {
    const row = await db.apigwApiKey.create({
      data: {
        id: longId(),
        accountId: ctx.accountId,
        region: ctx.region,
        name: input.name ?? "",
        value,
        description: input.description,
        enabled: input.enabled ?? false,
        customerId: input.customerId,
        stageKeys,
        tags: checkTags(input.tags ?? {}),
        createdAt: now,
        updatedAt: now,
      },
    });
    return toApiKey(row, true);
  } catch (e) {
    if (isUniqueViolation(e)) throw ApigwErrors.conflict("API Key already exists");
    throw e;
  }
}

export async function getApiKey(db: Db, ctx: CallContext, input: ApigwInput<"GetApiKey">): Promise<ApiKey> {
  return toApiKey(await requireApiKey(db, ctx, input.apiKey), input.includeValue ?? false);
}

export async function getApiKeys(db: Db, ctx: CallContext, input: ApigwInput<"GetApiKeys">): Promise<{ item: ApiKey[]; position?: string }> {
  const rows = await db.apigwApiKey.findMany({
    where: {
      accountId: ctx.accountId,
      region: ctx.region,
      ...(input.nameQuery !== undefined && { name: { startsWith: input.nameQuery } }),
      ...(input.customerId !== undefined && { customerId: input.customerId }),
    },
  });
  const { item, position } = page(rows, (row) => row.id, input.position, input.limit);
  return { item: item.map((row) => toApiKey(row, input.includeValues ?? false)), ...(position && { position }) };
}

const API_KEY_RULES: PatchRule<ApiKey>[] = [
  memberRule("name", asString),
  memberRule("description", asOptionalString),
  memberRule("enabled", patchBoolean),
  memberRule("customerId", asOptionalString),
  {
    // The value names the stage key: `{restApiId}/{stageName}`.
    path: "/stages",
    ops: ["add", "remove"],
    apply(key, { op, value }) {
      const stageKey = asString(value);
      const others = key.stageKeys.filter((existing) => existing !== stageKey);
      key.stageKeys = op === "add" ? [...others, stageKey] : others;
    },
  },
];

export async function updateApiKey(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateApiKey">): Promise<ApiKey> {
  return db.$transaction(async (tx) => {
    const row = await lockApiKey(tx, ctx, input.apiKey);
    const patched = applyPatch(toApiKey(row, false), input.patchOperations, API_KEY_RULES);
    const added = patched.stageKeys.filter((key) => !stageKeysOf(row).includes(key));
    await checkStageKeys(tx, ctx, added);
    const updated = await tx.apigwApiKey.update({
      where: { id: row.id },
      data: {
        name: patched.name ?? "",
        description: patched.description ?? null,
        enabled: patched.enabled,
        customerId: patched.customerId ?? null,
        stageKeys: patched.stageKeys,
        updatedAt: new Date(),
      },
    });
    return toApiKey(updated, false);
  });
}

export async function deleteApiKey(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteApiKey">): Promise<void> {
  // Its usage plan memberships go with it (foreign keys cascade).
  const { count } = await db.apigwApiKey.deleteMany({ where: { id: input.apiKey, accountId: ctx.accountId, region: ctx.region } });
  if (count === 0) throw ApigwErrors.apiKeyNotFound();
}
