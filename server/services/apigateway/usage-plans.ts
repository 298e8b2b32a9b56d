/**
 * Usage plans: CreateUsagePlan / GetUsagePlan / GetUsagePlans / UpdateUsagePlan / DeleteUsagePlan. A plan
 * opens the API stages it lists to the keys it holds (usage-plan-keys.ts), and meters each key with its
 * throttle (plan-wide, or per method of a stage) and its quota.
 */
import { type Db, Prisma, type PrismaClient } from "../../db/client";
import type { ApigwUsagePlan } from "../../db/generated/client";
import type { CallContext } from "../context";
import { lockApiKeys } from "./api-keys";
import { ApigwErrors, checkEnum } from "./errors";
import { shortId } from "./ids";
import { tagMember } from "./model";
import { applyPatch, asOptionalString, asString, memberRule, patchInteger, patchNumber, type PatchRule, unescapeSegment } from "./patch";
import { type ApigwInput, MethodThrottles } from "./schemas";
import { findStage } from "./stages";
import { page, requireApi } from "./store";
import { checkTags } from "./tags";

const QUOTA_PERIODS = ["DAY", "WEEK", "MONTH"] as const;

type Scope = Pick<CallContext, "accountId" | "region">;

export type UsagePlanRow = ApigwUsagePlan;

export type ThrottleSettings = { burstLimit: number; rateLimit: number };

export type QuotaSettings = {
  limit: number;
  /** Requests taken off the limit in the plan's first period. */
  offset: number;
  period: string;
};

export type ApiStage = {
  apiId: string;
  stage: string;
  /** By method: `/{resourcePath}/{httpMethod}`, e.g. `/pets/GET` (`//GET` for the root). */
  throttle?: Record<string, ThrottleSettings>;
};

export type UsagePlan = {
  id: string;
  name: string;
  description?: string;
  apiStages: ApiStage[];
  throttle?: ThrottleSettings;
  quota?: QuotaSettings;
  tags?: Record<string, string>;
};

export function usagePlanArn(region: string, usagePlanId: string): string {
  return `arn:aws:apigateway:${region}::/usageplans/${usagePlanId}`;
}

export function toUsagePlan(row: UsagePlanRow): UsagePlan {
  return {
    id: row.id,
    name: row.name,
    ...(row.description !== null && { description: row.description }),
    apiStages: row.apiStages as unknown as ApiStage[],
    ...(row.throttle !== null && { throttle: row.throttle as unknown as ThrottleSettings }),
    ...(row.quota !== null && { quota: row.quota as unknown as QuotaSettings }),
    ...tagMember(row),
  };
}

/** `apiId:stage`, as patch paths and values name a plan's API stage. */
export const apiStageId = (stage: Pick<ApiStage, "apiId" | "stage">): string => `${stage.apiId}:${stage.stage}`;

/** AWS fills the members a throttle leaves out with 0. */
const throttleOf = (input: { burstLimit?: number; rateLimit?: number }): ThrottleSettings => ({ burstLimit: input.burstLimit ?? 0, rateLimit: input.rateLimit ?? 0 });

const methodThrottlesOf = (input: Record<string, { burstLimit?: number; rateLimit?: number }>): Record<string, ThrottleSettings> =>
  Object.fromEntries(Object.entries(input).map(([method, throttle]) => [method, throttleOf(throttle)]));

export async function requireUsagePlan(db: Db, ctx: Scope, usagePlanId: string): Promise<UsagePlanRow> {
  const row = await db.apigwUsagePlan.findFirst({ where: { id: usagePlanId, accountId: ctx.accountId, region: ctx.region } });
  if (!row) throw ApigwErrors.usagePlanNotFound();
  return row;
}

/** Locks the plan's row: changes to its stages and to its keys are serialised. */
export async function lockUsagePlan(tx: Db, ctx: Scope, usagePlanId: string): Promise<UsagePlanRow> {
  const locked = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM apigw_usage_plans WHERE id = ${usagePlanId} AND account_id = ${ctx.accountId} AND region = ${ctx.region} FOR UPDATE`;
  if (locked.length === 0) throw ApigwErrors.usagePlanNotFound();
  return tx.apigwUsagePlan.findUniqueOrThrow({ where: { id: usagePlanId } });
}

/**
 * A key may reach an API stage through one usage plan only: refuses `plan` (with these stages) to keys
 * already in another plan covering one of them. Callers hold the keys' row locks.
 */
export async function checkOnePlanPerStage(tx: Db, plan: Pick<UsagePlan, "id" | "apiStages">, apiKeyIds: readonly string[]): Promise<void> {
  if (plan.apiStages.length === 0 || apiKeyIds.length === 0) return;
  const wanted = new Set(plan.apiStages.map(apiStageId));
  const memberships = await tx.apigwUsagePlanKey.findMany({
    where: { apiKeyId: { in: [...apiKeyIds] }, usagePlanId: { not: plan.id } },
    include: { usagePlan: true },
  });
  for (const { apiKeyId, usagePlan } of memberships) {
    const shared = toUsagePlan(usagePlan).apiStages.find((stage) => wanted.has(apiStageId(stage)));
    if (shared) {
      throw ApigwErrors.conflict(
        `Usage Plan ${plan.id} cannot be added because API Key ${apiKeyId} cannot reference multiple Usage Plans with the same API Stage: ${apiStageId(shared)}`,
      );
    }
  }
}

/** Every stage a plan lists exists: an unknown API is NotFound, an unknown stage of it a BadRequest. */
async function checkApiStages(db: Db, ctx: Scope, apiStages: readonly ApiStage[]): Promise<void> {
  for (const stage of apiStages) {
    const api = await requireApi(db, ctx, stage.apiId);
    if (!(await findStage(db, api, stage.stage))) throw ApigwErrors.badRequest(`API Stage not found: ${apiStageId(stage)}`);
  }
}

function checkQuota(quota: QuotaSettings | undefined, input: string): void {
  if (!quota) return;
  if (quota.period === "") throw ApigwErrors.badRequest("Quota period must be specified");
  checkEnum(quota.period, `${input}.quota.period`, QUOTA_PERIODS);
  if (quota.limit < 0) throw ApigwErrors.badRequest("Quota limit must be a non-negative number");
  if (quota.offset < 0 || (quota.offset > 0 && quota.offset >= quota.limit)) throw ApigwErrors.badRequest("Quota offset must be non-negative and less than the quota limit");
}

/** Optional JSON columns are cleared with DbNull. */
const jsonOrNull = <T extends Prisma.InputJsonValue>(value: T | undefined) => value ?? Prisma.DbNull;

export async function createUsagePlan(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateUsagePlan">): Promise<UsagePlan> {
  const apiStages = (input.apiStages ?? []).map(({ apiId, stage, throttle }): ApiStage => {
    // AWS's own message, unformatted template and all.
    if (!apiId || !stage) throw ApigwErrors.badRequest("Invalid API Stage {api: %s, stage: %s} specified for usageplan %s");
    return { apiId, stage, ...(throttle && { throttle: methodThrottlesOf(throttle) }) };
  });
  const quota = input.quota && { limit: input.quota.limit ?? 0, offset: input.quota.offset ?? 0, period: input.quota.period ?? "" };
  checkQuota(quota, "createUsagePlanInput");
  await checkApiStages(db, ctx, apiStages);
  const row = await db.apigwUsagePlan.create({
    data: {
      id: shortId(),
      accountId: ctx.accountId,
      region: ctx.region,
      name: input.name,
      description: input.description,
      apiStages,
      throttle: jsonOrNull(input.throttle && throttleOf(input.throttle)),
      quota: jsonOrNull(quota),
      tags: checkTags(input.tags ?? {}),
    },
  });
  return toUsagePlan(row);
}

export async function getUsagePlan(db: Db, ctx: CallContext, input: ApigwInput<"GetUsagePlan">): Promise<UsagePlan> {
  return toUsagePlan(await requireUsagePlan(db, ctx, input.usagePlanId));
}

export async function getUsagePlans(db: Db, ctx: CallContext, input: ApigwInput<"GetUsagePlans">): Promise<{ item: UsagePlan[]; position?: string }> {
  const rows = await db.apigwUsagePlan.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, ...(input.keyId !== undefined && { keys: { some: { apiKeyId: input.keyId } } }) },
  });
  const { item, position } = page(rows, (row) => row.id, input.position, input.limit);
  return { item: item.map(toUsagePlan), ...(position && { position }) };
}

function planStage(plan: UsagePlan, id: string): ApiStage {
  const stage = plan.apiStages.find((candidate) => apiStageId(candidate) === id);
  if (!stage) throw ApigwErrors.badRequest("Invalid API Stage specified");
  return stage;
}

const planThrottle = (plan: UsagePlan) => (plan.throttle ??= { burstLimit: 0, rateLimit: 0 });
const planQuota = (plan: UsagePlan) => (plan.quota ??= { limit: 0, offset: 0, period: "" });

/** The throttle of one method of a plan's stage, named by the path's `{apiStage}`, `{resourcePath}` (`~1`-escaped) and `{httpMethod}`. */
function methodThrottle(plan: UsagePlan, params: Record<string, string>): ThrottleSettings {
  const stage = planStage(plan, params.apiStage!);
  const throttles = (stage.throttle ??= {});
  return (throttles[`${unescapeSegment(params.resourcePath!)}/${params.httpMethod}`] ??= { burstLimit: 0, rateLimit: 0 });
}

const METHOD_THROTTLE = "/apiStages/{apiStage}/throttle/{resourcePath}/{httpMethod}";

const USAGE_PLAN_RULES: PatchRule<UsagePlan>[] = [
  memberRule("name", asString),
  memberRule("description", asOptionalString),
  {
    // `add` and `remove` name the stage in the value, as `apiId:stage`.
    path: "/apiStages",
    ops: ["add", "remove"],
    apply(plan, { op, value = "" }) {
      const [apiId = "", stage = ""] = value.split(":", 2);
      if (!apiId || !stage) throw ApigwErrors.badRequest("Invalid API Stage specified");
      const id = apiStageId({ apiId, stage });
      if (op === "remove") {
        planStage(plan, id);
        plan.apiStages = plan.apiStages.filter((existing) => apiStageId(existing) !== id);
      } else if (!plan.apiStages.some((existing) => apiStageId(existing) === id)) {
        plan.apiStages.push({ apiId, stage });
      }
    },
  },
  { path: "/quota", ops: ["remove"], apply: (plan) => void delete plan.quota },
  { path: "/throttle", ops: ["remove"], apply: (plan) => void delete plan.throttle },
  { path: "/throttle/rateLimit", ops: ["replace"], apply: (plan, { value }) => void (planThrottle(plan).rateLimit = patchNumber(value, "/throttle/rateLimit")) },
  { path: "/throttle/burstLimit", ops: ["replace"], apply: (plan, { value }) => void (planThrottle(plan).burstLimit = patchInteger(value, "/throttle/burstLimit")) },
  { path: "/quota/limit", ops: ["replace"], apply: (plan, { value }) => void (planQuota(plan).limit = patchInteger(value, "/quota/limit")) },
  { path: "/quota/offset", ops: ["replace"], apply: (plan, { value }) => void (planQuota(plan).offset = patchInteger(value, "/quota/offset")) },
  { path: "/quota/period", ops: ["replace"], apply: (plan, { value }) => void (planQuota(plan).period = asString(value)) },
  {
    path: METHOD_THROTTLE,
    ops: ["remove"],
    apply(plan, { params }) {
      const stage = planStage(plan, params.apiStage!);
      delete stage.throttle?.[`${unescapeSegment(params.resourcePath!)}/${params.httpMethod}`];
      if (stage.throttle && Object.keys(stage.throttle).length === 0) delete stage.throttle;
    },
  },
  {
    // `replace` takes the whole map as JSON: `{"/pets/GET": {"rateLimit": 1, "burstLimit": 1}}`.
    path: "/apiStages/{apiStage}/throttle",
    ops: ["replace", "remove"],
    apply(plan, { op, value, params }) {
      const stage = planStage(plan, params.apiStage!);
      if (op === "remove") {
        delete stage.throttle;
        return;
      }
      const parsed = MethodThrottles.safeParse(parseJson(value));
      if (!parsed.success) throw ApigwErrors.badRequest(`Invalid patch value '${value ?? ""}' specified for path '/apiStages/${params.apiStage}/throttle'`);
      stage.throttle = methodThrottlesOf(parsed.data);
    },
  },
  {
    path: `${METHOD_THROTTLE}/rateLimit`,
    ops: ["replace"],
    apply: (plan, { value, params }) => void (methodThrottle(plan, params).rateLimit = patchNumber(value, `${METHOD_THROTTLE}/rateLimit`)),
  },
  {
    path: `${METHOD_THROTTLE}/burstLimit`,
    ops: ["replace"],
    apply: (plan, { value, params }) => void (methodThrottle(plan, params).burstLimit = patchInteger(value, `${METHOD_THROTTLE}/burstLimit`)),
  },
];

function parseJson(value: string | undefined): unknown {
  try {
    return JSON.parse(value ?? "");
  } catch {
    return undefined;
  }
}

export async function updateUsagePlan(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateUsagePlan">): Promise<UsagePlan> {
  return db.$transaction(async (tx) => {
    const row = await lockUsagePlan(tx, ctx, input.usagePlanId);
    const before = toUsagePlan(row);
    const patched = applyPatch(before, input.patchOperations, USAGE_PLAN_RULES);
    checkQuota(patched.quota, "updateUsagePlanInput");
    const listed = new Set(before.apiStages.map(apiStageId));
    const added = patched.apiStages.filter((stage) => !listed.has(apiStageId(stage)));
    await checkApiStages(tx, ctx, added);
    if (added.length > 0) {
      const members = await tx.apigwUsagePlanKey.findMany({ where: { usagePlanId: row.id }, select: { apiKeyId: true } });
      const keyIds = await lockApiKeys(tx, ctx, members.map((member) => member.apiKeyId));
      await checkOnePlanPerStage(tx, { id: row.id, apiStages: added }, keyIds);
    }
    const updated = await tx.apigwUsagePlan.update({
      where: { id: row.id },
      data: {
        name: patched.name,
        description: patched.description ?? null,
        apiStages: patched.apiStages,
        throttle: jsonOrNull(patched.throttle),
        quota: jsonOrNull(patched.quota),
      },
    });
    return toUsagePlan(updated);
  });
}

export async function deleteUsagePlan(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteUsagePlan">): Promise<void> {
  await db.$transaction(async (tx) => {
    const plan = toUsagePlan(await lockUsagePlan(tx, ctx, input.usagePlanId));
    const [stage] = plan.apiStages;
    if (stage) throw ApigwErrors.badRequest(`Cannot delete Usage Plan ${plan.id} because there are API Stages associated with it, including ${apiStageId(stage)}`);
    // Its keys' memberships go with it (foreign keys cascade).
    await tx.apigwUsagePlan.delete({ where: { id: plan.id } });
  });
}
