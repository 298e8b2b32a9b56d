/** Stage names and the settings the console shows and edits, in UpdateStage's terms. */
import type { PatchOperation } from "~/server/services/apigateway/patch";
import type { Stage } from "./use-api";

/** AWS's rule for stage names (checked again by CreateDeployment). */
const STAGE_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
/** Stage variable names: letters, digits and underscores. */
const VARIABLE_NAME = /^[a-zA-Z0-9_]{1,64}$/;

export function stageNameError(name: string): string | undefined {
  if (name === "") return "Enter a stage name.";
  if (!STAGE_NAME.test(name)) return "Stage names can have up to 128 letters, digits, hyphens (-) and underscores (_).";
  return undefined;
}

export function variableNameError(name: string): string | undefined {
  if (!VARIABLE_NAME.test(name)) return "Variable names can have up to 64 letters, digits and underscores (_).";
  return undefined;
}

/** The sizes of an API cache, in GB, as AWS offers them. */
export const CACHE_CLUSTER_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"] as const;

export const LOGGING_LEVELS = [
  { value: "OFF", label: "Off" },
  { value: "ERROR", label: "Errors only" },
  { value: "INFO", label: "Errors and info logs" },
] as const;

// The settings of every method (key `*/*`), from what UpdateStage starts with until one of them is set (AWS's account defaults).
export function defaultMethodSettings(stage: Stage) {
  return {
    throttlingRateLimit: 10000,
    throttlingBurstLimit: 5000,
    cachingEnabled: false,
    cacheTtlInSeconds: 300,
    loggingLevel: "OFF",
    dataTraceEnabled: false,
    metricsEnabled: false,
    ...stage.methodSettings["*/*"],
  };
}

export interface StageSettingsForm {
  description: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize: string;
  cachingEnabled: boolean;
  cacheTtlInSeconds: string;
  throttlingRateLimit: string;
  throttlingBurstLimit: string;
  loggingLevel: string;
  dataTraceEnabled: boolean;
  metricsEnabled: boolean;
  tracingEnabled: boolean;
}

export function stageSettingsForm(stage: Stage): StageSettingsForm {
  const all = defaultMethodSettings(stage);
  return {
    description: stage.description ?? "",
    cacheClusterEnabled: stage.cacheClusterEnabled,
    cacheClusterSize: stage.cacheClusterSize ?? "0.5",
    cachingEnabled: all.cachingEnabled,
    cacheTtlInSeconds: String(all.cacheTtlInSeconds),
    throttlingRateLimit: String(all.throttlingRateLimit),
    throttlingBurstLimit: String(all.throttlingBurstLimit),
    loggingLevel: all.loggingLevel,
    dataTraceEnabled: all.dataTraceEnabled,
    metricsEnabled: all.metricsEnabled,
    tracingEnabled: stage.tracingEnabled,
  };
}

const WHOLE = /^\d+$/;
const DECIMAL = /^\d+(\.\d+)?$/;

export function stageSettingsErrors(form: StageSettingsForm) {
  const ttl = Number(form.cacheTtlInSeconds);
  return {
    cacheTtlInSeconds: WHOLE.test(form.cacheTtlInSeconds) && ttl <= 3600 ? undefined : "Enter a whole number of seconds from 0 to 3600.",
    throttlingRateLimit: DECIMAL.test(form.throttlingRateLimit) ? undefined : "Enter a number of requests per second.",
    throttlingBurstLimit: WHOLE.test(form.throttlingBurstLimit) ? undefined : "Enter a whole number of requests.",
  };
}

// UpdateStage's operations for what the form changed, and nothing else: the settings of every method
// are at `/*/*/<group>/<setting>`, the stage's own members at `/<member>`.
export function stageSettingsPatch(stage: Stage, form: StageSettingsForm): PatchOperation[] {
  const before = stageSettingsForm(stage);
  const changed = <K extends keyof StageSettingsForm>(key: K) => form[key] !== before[key];
  const operations: PatchOperation[] = [];
  const replace = (path: string, value: string | boolean) => operations.push({ op: "replace", path, value: String(value) });
  if (changed("description")) {
    if (form.description.trim() === "") operations.push({ op: "remove", path: "/description" });
    else replace("/description", form.description.trim());
  }
  if (changed("cacheClusterEnabled")) replace("/cacheClusterEnabled", form.cacheClusterEnabled);
  if (form.cacheClusterEnabled && changed("cacheClusterSize")) replace("/cacheClusterSize", form.cacheClusterSize);
  if (changed("cachingEnabled")) replace("/*/*/caching/enabled", form.cachingEnabled);
  if (changed("cacheTtlInSeconds")) replace("/*/*/caching/ttlInSeconds", form.cacheTtlInSeconds);
  if (changed("throttlingRateLimit")) replace("/*/*/throttling/rateLimit", form.throttlingRateLimit);
  if (changed("throttlingBurstLimit")) replace("/*/*/throttling/burstLimit", form.throttlingBurstLimit);
  if (changed("loggingLevel")) replace("/*/*/logging/loglevel", form.loggingLevel);
  if (changed("dataTraceEnabled")) replace("/*/*/logging/dataTrace", form.dataTraceEnabled);
  if (changed("metricsEnabled")) replace("/*/*/metrics/enabled", form.metricsEnabled);
  if (changed("tracingEnabled")) replace("/tracingEnabled", form.tracingEnabled);
  return operations;
}
