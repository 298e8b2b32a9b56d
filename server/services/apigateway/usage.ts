/**
 * Usage metering for usage plans, and GetUsage. Each request a key makes through a plan counts against
 * the plan's quota (a Redis counter per plan, key and quota period, expiring when the period ends) and
 * in the day's usage (a Redis hash per plan and UTC day, by key id, kept 90 days) that GetUsage reports.
 * These are ephemeral metering counters, not system-of-record data: they live in Redis only, and if
 * Redis is unreachable requests go through unmetered, as throttling does.
 */
import type { Db } from "../../db/client";
import { ephemeralRedis } from "../../lib/ephemeral-redis";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import type { ApigwInput } from "./schemas";
import { page } from "./store";
import { type QuotaSettings, requireUsagePlan, toUsagePlan } from "./usage-plans";

const PREFIX = "stratus:apigw";
const DAY_MS = 86_400_000;
const RETENTION_DAYS = 90;
const DAY_FORMAT = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * KEYS[1]: the day's usage hash; KEYS[2] (plans with a quota): the period's counter. ARGV: key id, hash
 * expiry (epoch ms), quota limit, counter expiry (epoch ms). Answers 0, counting nothing, when the quota is spent.
 */
const METER = `
if KEYS[2] then
  if tonumber(redis.call('GET', KEYS[2]) or '0') >= tonumber(ARGV[3]) then return 0 end
  redis.call('INCR', KEYS[2])
  redis.call('PEXPIREAT', KEYS[2], ARGV[4])
end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1`;

/** `yyyy-MM-dd` of a UTC day. */
const dayOf = (at: Date): string => at.toISOString().slice(0, 10);

const usageKey = (usagePlanId: string, day: string) => `${PREFIX}:usage:${usagePlanId}:${day}`;

/** The start of the UTC quota period holding `at`: weeks start on Sunday. */
function periodStart(period: string, at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  if (period === "WEEK") return new Date(day - at.getUTCDay() * DAY_MS);
  if (period === "MONTH") return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1));
  return new Date(day);
}

function periodEnd(period: string, start: Date): Date {
  if (period === "MONTH") return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
  return new Date(start.getTime() + (period === "WEEK" ? 7 : 1) * DAY_MS);
}

/** The quota's limit in the period starting at `start`: the offset comes off the plan's first period. */
function periodLimit(quota: QuotaSettings, planCreatedAt: Date, start: Date): number {
  const first = periodStart(quota.period, planCreatedAt).getTime() === start.getTime();
  return first ? Math.max(0, quota.limit - quota.offset) : quota.limit;
}

/** What metering needs of a plan. */
export interface MeteredPlan {
  id: string;
  createdAt: Date;
  quota?: QuotaSettings;
}

/** Counts a request of `apiKeyId` through `plan` at `at`; false (counting nothing) when the quota is spent. */
export async function meterRequest(plan: MeteredPlan, apiKeyId: string, at: Date): Promise<boolean> {
  const today = periodStart("DAY", at);
  const keys = [usageKey(plan.id, dayOf(today))];
  const args: (string | number)[] = [apiKeyId, today.getTime() + (RETENTION_DAYS + 1) * DAY_MS];
  if (plan.quota) {
    const start = periodStart(plan.quota.period, at);
    keys.push(`${PREFIX}:quota:${plan.id}:${apiKeyId}:${dayOf(start)}`);
    args.push(periodLimit(plan.quota, plan.createdAt, start), periodEnd(plan.quota.period, start).getTime());
  }
  try {
    return (await ephemeralRedis().eval(METER, keys.length, ...keys, ...args)) === 1;
  } catch {
    return true;
  }
}

function parseDay(value: string, member: string): Date {
  const match = DAY_FORMAT.exec(value);
  const date = match && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  if (!date || dayOf(date) !== value) throw ApigwErrors.badRequest(`Invalid ${member} specified: ${value}. Must be in the format yyyy-MM-dd`);
  return date;
}

/** Every UTC day from `from` to `to`, both included. */
function daysBetween(from: Date, to: Date): Date[] {
  const days: Date[] = [];
  for (let at = from.getTime(); at <= to.getTime(); at += DAY_MS) days.push(new Date(at));
  return days;
}

export type Usage = {
  usagePlanId: string;
  startDate: string;
  endDate: string;
  /** By key id: `[used, remaining]` for each day from startDate to endDate (remaining 0 without a quota). */
  values: Record<string, [number, number][]>;
  position?: string;
};

export async function getUsage(db: Db, ctx: CallContext, input: ApigwInput<"GetUsage">): Promise<Usage> {
  const row = await requireUsagePlan(db, ctx, input.usagePlanId);
  const start = parseDay(input.startDate, "startDate");
  const end = parseDay(input.endDate, "endDate");
  if (end < start) throw ApigwErrors.badRequest("The endDate must not be before the startDate");
  if ((end.getTime() - start.getTime()) / DAY_MS >= RETENTION_DAYS) throw ApigwErrors.badRequest(`Usage can be queried for at most ${RETENTION_DAYS} days at a time`);
  const members = await db.apigwUsagePlanKey.findMany({
    where: { usagePlanId: row.id, accountId: ctx.accountId, region: ctx.region, ...(input.keyId !== undefined && { apiKeyId: input.keyId }) },
  });
  const { item: keyIds, position } = page(
    members.map((member) => member.apiKeyId),
    (id) => id,
    input.position,
    input.limit,
  );
  const { quota } = toUsagePlan(row);
  // A quota period under way at startDate has spent what its earlier days used.
  const days = daysBetween(quota ? periodStart(quota.period, start) : start, end);
  const counts = keyIds.length === 0 ? [] : await Promise.all(days.map((day) => ephemeralRedis().hmget(usageKey(row.id, dayOf(day)), ...keyIds)));

  const values = Object.fromEntries(
    keyIds.map((keyId, k) => {
      const perDay: [number, number][] = [];
      let spent = 0;
      days.forEach((day, d) => {
        const used = Number(counts[d]?.[k] ?? 0);
        if (quota && periodStart(quota.period, day).getTime() === day.getTime()) spent = 0;
        spent += used;
        const remaining = quota ? Math.max(0, periodLimit(quota, row.createdAt, periodStart(quota.period, day)) - spent) : 0;
        if (day >= start) perDay.push([used, remaining]);
      });
      return [keyId, perDay];
    }),
  );
  return { usagePlanId: row.id, startDate: input.startDate, endDate: input.endDate, values, ...(position && { position }) };
}
