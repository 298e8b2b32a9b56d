/** Usage plans as the console creates and describes them: throttling and a quota, each optional, and method throttles per API stage. */
import type { PatchOperation } from "~/server/services/apigateway/patch";
import type { RouterInputs } from "../../../_trpc/types";
import { type MemberChange, memberPatch, patchSegment } from "./member-patch";
import type { UsagePlan } from "./use-api";

export const QUOTA_PERIODS = [
  { value: "DAY", label: "Per day" },
  { value: "WEEK", label: "Per week" },
  { value: "MONTH", label: "Per month" },
] as const;

export type QuotaPeriod = (typeof QUOTA_PERIODS)[number]["value"];

export interface UsagePlanForm {
  name: string;
  description: string;
  throttled: boolean;
  /** Requests per second, on average. */
  rateLimit: string;
  /** Requests at once, above the rate. */
  burstLimit: string;
  limited: boolean;
  quotaLimit: string;
  quotaPeriod: QuotaPeriod;
}

export const NEW_USAGE_PLAN_FORM: UsagePlanForm = {
  name: "",
  description: "",
  throttled: true,
  rateLimit: "10",
  burstLimit: "20",
  limited: true,
  quotaLimit: "10000",
  quotaPeriod: "MONTH",
};

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

// A throttle's rate is a double and its burst an integer, neither negative (ThrottleSettings).
const rateLimitError = (value: string) => (DECIMAL.test(value) ? undefined : "Enter a number of requests per second.");
const burstLimitError = (value: string) => (WHOLE.test(value) ? undefined : "Enter a whole number of requests.");

export function usagePlanErrors(form: UsagePlanForm) {
  return {
    name: form.name.trim() === "" ? "Enter a name for the usage plan." : undefined,
    rateLimit: form.throttled ? rateLimitError(form.rateLimit) : undefined,
    burstLimit: form.throttled ? burstLimitError(form.burstLimit) : undefined,
    quotaLimit: form.limited && !WHOLE.test(form.quotaLimit) ? "Enter a whole number of requests." : undefined,
  };
}

export function createUsagePlanInput(form: UsagePlanForm): RouterInputs["apigateway"]["createUsagePlan"] {
  return {
    name: form.name.trim(),
    ...(form.description.trim() !== "" && { description: form.description.trim() }),
    ...(form.throttled && { throttle: { rateLimit: Number(form.rateLimit), burstLimit: Number(form.burstLimit) } }),
    ...(form.limited && { quota: { limit: Number(form.quotaLimit), period: form.quotaPeriod } }),
  };
}

export function throttleLabel(plan: Pick<UsagePlan, "throttle">): string {
  if (!plan.throttle) return "Off";
  return `${plan.throttle.rateLimit.toLocaleString("en-US")} requests per second, burst ${plan.throttle.burstLimit.toLocaleString("en-US")}`;
}

export function quotaLabel(plan: Pick<UsagePlan, "quota">): string {
  if (!plan.quota) return "Off";
  const period = QUOTA_PERIODS.find((choice) => choice.value === plan.quota?.period)?.label.toLowerCase() ?? plan.quota.period;
  return `${plan.quota.limit.toLocaleString("en-US")} requests ${period}`;
}

export type UsagePlanStage = UsagePlan["apiStages"][number];

/** `apiId:stage`, as UpdateUsagePlan names a plan's API stage in patch values and paths. */
export const apiStageValue = (stage: Pick<UsagePlanStage, "apiId" | "stage">) => `${stage.apiId}:${stage.stage}`;

/** One method's throttle on an API stage, as the console edits it. */
export interface MethodThrottleRow {
  /** `/` for the root resource. */
  resourcePath: string;
  httpMethod: string;
  rateLimit: string;
  burstLimit: string;
}

export const NEW_METHOD_THROTTLE: MethodThrottleRow = { resourcePath: "", httpMethod: "", rateLimit: "", burstLimit: "" };

/** The stage's throttle map key: `/{resourcePath}/{httpMethod}`, so `//GET` for the root. */
const methodKey = (row: Pick<MethodThrottleRow, "resourcePath" | "httpMethod">) => `${row.resourcePath}/${row.httpMethod}`;

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The stage's method throttles ordered by resource path, then method. */
export function methodThrottleRows(stage: Pick<UsagePlanStage, "throttle">): MethodThrottleRow[] {
  return Object.entries(stage.throttle ?? {})
    .map(([key, throttle]) => {
      const slash = key.lastIndexOf("/");
      return { resourcePath: key.slice(0, slash), httpMethod: key.slice(slash + 1), rateLimit: String(throttle.rateLimit), burstLimit: String(throttle.burstLimit) };
    })
    .sort((a, b) => byCodePoint(methodKey(a), methodKey(b)));
}

export function methodThrottleErrors(rows: readonly MethodThrottleRow[]) {
  const seen = new Set<string>();
  return rows.map((row) => {
    const key = methodKey(row);
    const repeated = seen.has(key);
    seen.add(key);
    return {
      resourcePath: row.resourcePath ? undefined : "Choose a resource.",
      httpMethod: !row.httpMethod ? "Choose a method." : repeated ? `${row.httpMethod} ${row.resourcePath} is listed twice.` : undefined,
      rateLimit: rateLimitError(row.rateLimit),
      burstLimit: burstLimitError(row.burstLimit),
    };
  });
}

/**
 * UpdateUsagePlan operations turning the stage's method throttles into `rows`: methods left out are
 * removed, and each new or changed limit is replaced (`/apiStages/{apiId:stage}/throttle/{resourcePath}/{httpMethod}/rateLimit`).
 */
export function methodThrottlePatch(stage: UsagePlanStage, rows: readonly MethodThrottleRow[]): PatchOperation[] {
  const before = stage.throttle ?? {};
  const methodPath = (row: MethodThrottleRow) => `/apiStages/${apiStageValue(stage)}/throttle/${patchSegment(row.resourcePath)}/${row.httpMethod}`;
  const kept = new Set(rows.map(methodKey));
  const removed = methodThrottleRows(stage)
    .filter((row) => !kept.has(methodKey(row)))
    .map((row): PatchOperation => ({ op: "remove", path: methodPath(row) }));
  const limits = rows.flatMap((row): MemberChange[] => {
    const old = before[methodKey(row)];
    return [
      [`${methodPath(row)}/rateLimit`, old?.rateLimit, Number(row.rateLimit)],
      [`${methodPath(row)}/burstLimit`, old?.burstLimit, Number(row.burstLimit)],
    ];
  });
  return [...removed, ...memberPatch(limits)];
}

export function methodThrottlingLabel(stage: Pick<UsagePlanStage, "throttle">): string {
  const count = Object.keys(stage.throttle ?? {}).length;
  if (count === 0) return "None";
  return count === 1 ? "1 method" : `${count} methods`;
}
