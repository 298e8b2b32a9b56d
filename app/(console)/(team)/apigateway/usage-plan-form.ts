/** Usage plans as the console creates and describes them: throttling and a quota, each optional. */
import type { RouterInputs } from "../../../_trpc/types";
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

export function usagePlanErrors(form: UsagePlanForm) {
  return {
    name: form.name.trim() === "" ? "Enter a name for the usage plan." : undefined,
    rateLimit: form.throttled && !DECIMAL.test(form.rateLimit) ? "Enter a number of requests per second." : undefined,
    burstLimit: form.throttled && !WHOLE.test(form.burstLimit) ? "Enter a whole number of requests." : undefined,
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
