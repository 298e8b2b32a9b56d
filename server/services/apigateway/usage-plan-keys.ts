/** A usage plan's keys: CreateUsagePlanKey / GetUsagePlanKey / GetUsagePlanKeys / DeleteUsagePlanKey. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { type ApiKeyRow, lockApiKey, requireApiKey } from "./api-keys";
import { ApigwErrors } from "./errors";
import type { ApigwInput } from "./schemas";
import { page } from "./store";
import { checkOnePlanPerStage, lockUsagePlan, requireUsagePlan, toUsagePlan } from "./usage-plans";

/** The only key type usage plans hold. */
const API_KEY = "API_KEY";

export type UsagePlanKey = { id: string; type: string; value: string; name?: string };

function toUsagePlanKey(key: ApiKeyRow): UsagePlanKey {
  return { id: key.id, type: API_KEY, value: key.value, ...(key.name !== "" && { name: key.name }) };
}

/** The plan's key `keyId`: an unknown key is NotFound as a key, a key outside the plan as the plan (as AWS answers). */
async function requireMember(db: Db, ctx: CallContext, usagePlanId: string, keyId: string): Promise<ApiKeyRow> {
  const plan = await requireUsagePlan(db, ctx, usagePlanId);
  const key = await requireApiKey(db, ctx, keyId);
  const member = await db.apigwUsagePlanKey.findUnique({ where: { usagePlanId_apiKeyId: { usagePlanId: plan.id, apiKeyId: key.id } } });
  if (!member) throw ApigwErrors.usagePlanNotFound();
  return key;
}

export async function createUsagePlanKey(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateUsagePlanKey">): Promise<UsagePlanKey> {
  if (input.keyType !== API_KEY) throw ApigwErrors.badRequest(`Invalid key type specified: ${input.keyType}. Valid options are ${API_KEY}`);
  return db.$transaction(async (tx) => {
    // Plan, then key: the order UpdateUsagePlan locks them in.
    const plan = toUsagePlan(await lockUsagePlan(tx, ctx, input.usagePlanId));
    const key = await lockApiKey(tx, ctx, input.keyId);
    const existing = await tx.apigwUsagePlanKey.findUnique({ where: { usagePlanId_apiKeyId: { usagePlanId: plan.id, apiKeyId: key.id } } });
    if (existing) throw ApigwErrors.conflict(`API Key ${key.id} is already associated with Usage Plan ${plan.id}`);
    await checkOnePlanPerStage(tx, plan, [key.id]);
    await tx.apigwUsagePlanKey.create({ data: { accountId: ctx.accountId, region: ctx.region, usagePlanId: plan.id, apiKeyId: key.id } });
    return toUsagePlanKey(key);
  });
}

export async function getUsagePlanKey(db: Db, ctx: CallContext, input: ApigwInput<"GetUsagePlanKey">): Promise<UsagePlanKey> {
  return toUsagePlanKey(await requireMember(db, ctx, input.usagePlanId, input.keyId));
}

export async function getUsagePlanKeys(db: Db, ctx: CallContext, input: ApigwInput<"GetUsagePlanKeys">): Promise<{ item: UsagePlanKey[]; position?: string }> {
  const plan = await requireUsagePlan(db, ctx, input.usagePlanId);
  const members = await db.apigwUsagePlanKey.findMany({
    where: { usagePlanId: plan.id, accountId: ctx.accountId, region: ctx.region, ...(input.nameQuery !== undefined && { apiKey: { name: { startsWith: input.nameQuery } } }) },
    include: { apiKey: true },
  });
  const { item, position } = page(
    members.map((member) => member.apiKey),
    (key) => key.id,
    input.position,
    input.limit,
  );
  return { item: item.map(toUsagePlanKey), ...(position && { position }) };
}

export async function deleteUsagePlanKey(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteUsagePlanKey">): Promise<void> {
  const key = await requireMember(db, ctx, input.usagePlanId, input.keyId);
  await db.apigwUsagePlanKey.deleteMany({ where: { usagePlanId: input.usagePlanId, apiKeyId: key.id } });
}
