/** Stages: CreateStage / GetStage / GetStages / UpdateStage / DeleteStage, and the stage CreateDeployment names. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors, checkEnum } from "./errors";
import { type MethodSetting, type RestApiRow, type Stage, type StageConfig, type StageRow, tagMember } from "./model";
import {
  applyPatch,
  asOptionalString,
  asString,
  mapEntryRule,
  memberMapEntryRule,
  memberRule,
  patchBoolean,
  patchInteger,
  patchNumber,
  type PatchChange,
  type PatchRule,
} from "./patch";
import type { ApigwInput } from "./schemas";
import { changeApi, requireApi, requireDeployment } from "./store";

const STAGE_NAME = /^[a-zA-Z0-9_-]{1,128}$/;
const CACHE_CLUSTER_SIZES = ["0.5", "1.6", "6.1", "13.5", "28.4", "58.2", "118", "237"];

/** What AWS reports for a method path once any of its settings is set. */
const DEFAULT_METHOD_SETTING: MethodSetting = {
  metricsEnabled: false,
  loggingLevel: "OFF",
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: "SUPPRESS_WITH_WARNING",
};

/** UpdateStage's method setting paths (`/{resourcePath}/{httpMethod}/<group>/<setting>`) and the members they set. */
const METHOD_SETTING_PATHS: Record<string, (value: string | undefined, path: string) => Partial<MethodSetting>> = {
  "metrics/enabled": (v, p) => ({ metricsEnabled: patchBoolean(v, p) }),
  "logging/loglevel": (v) => ({ loggingLevel: asString(v) }),
  "logging/dataTrace": (v, p) => ({ dataTraceEnabled: patchBoolean(v, p) }),
  "throttling/burstLimit": (v, p) => ({ throttlingBurstLimit: patchInteger(v, p) }),
  "throttling/rateLimit": (v, p) => ({ throttlingRateLimit: patchNumber(v, p) }),
  "caching/enabled": (v, p) => ({ cachingEnabled: patchBoolean(v, p) }),
  "caching/ttlInSeconds": (v, p) => ({ cacheTtlInSeconds: patchInteger(v, p) }),
  "caching/dataEncrypted": (v, p) => ({ cacheDataEncrypted: patchBoolean(v, p) }),
  "caching/requireAuthorizationForCacheControl": (v, p) => ({ requireAuthorizationForCacheControl: patchBoolean(v, p) }),
  "caching/unauthorizedCacheControlHeaderStrategy": (v) => ({ unauthorizedCacheControlHeaderStrategy: asString(v) }),
};

export function toStage(row: StageRow): Stage {
  const config = row.config as unknown as StageConfig;
  return {
    deploymentId: row.deploymentId,
    stageName: row.name,
    ...config,
    cacheClusterStatus: config.cacheClusterEnabled ? "AVAILABLE" : "NOT_AVAILABLE",
    ...tagMember(row),
    createdDate: row.createdAt,
    lastUpdatedDate: row.updatedAt,
  };
}

/** The members of a stage that are stored as its settings. */
export function stageConfig(stage: Stage): StageConfig {
  const { description, clientCertificateId, cacheClusterEnabled, cacheClusterSize, methodSettings, variables, documentationVersion, accessLogSettings, canarySettings, tracingEnabled } =
    stage;
  return { description, clientCertificateId, cacheClusterEnabled, cacheClusterSize, methodSettings, variables, documentationVersion, accessLogSettings, canarySettings, tracingEnabled };
}

export async function findStage(db: Db, api: RestApiRow, stageName: string): Promise<StageRow | null> {
  return db.apigwStage.findFirst({ where: { restApiId: api.id, name: stageName, accountId: api.accountId, region: api.region } });
}

async function requireStage(db: Db, api: RestApiRow, stageName: string): Promise<StageRow> {
  const stage = await findStage(db, api, stageName);
  if (!stage) throw ApigwErrors.stageNotFound();
  return stage;
}

export function checkStageName(name: string): void {
  if (!STAGE_NAME.test(name)) throw ApigwErrors.badRequest("Stage name only allows a-zA-Z0-9_-");
}

/**
 * A stage's settings as AWS checks them on create and after every update (`input` names the
 * operation's input in messages); references must name this API's deployments.
 */
async function checkStage(tx: Db, api: RestApiRow, deploymentId: string, config: StageConfig, input: string): Promise<void> {
  await requireDeployment(tx, api, deploymentId);
  checkEnum(config.cacheClusterSize, `${input}.cacheClusterSize`, CACHE_CLUSTER_SIZES);
  for (const [key, setting] of Object.entries(config.methodSettings)) {
    if (setting.cacheTtlInSeconds < 0 || setting.cacheTtlInSeconds > 3600) {
      throw ApigwErrors.badRequest(`Invalid cache ttl specified for ${key}: ${setting.cacheTtlInSeconds}. Must be between 0 and 3600 seconds`);
    }
  }
  const canary = config.canarySettings;
  if (canary?.percentTraffic !== undefined && (canary.percentTraffic < 0 || canary.percentTraffic > 100)) {
    throw ApigwErrors.badRequest("Canary traffic percentage must be between 0.0 and 100.0");
  }
  if (canary?.deploymentId !== undefined) await requireDeployment(tx, api, canary.deploymentId);
}

/** A new stage's settings: AWS's defaults under what the caller gave. */
export function newStageConfig(input: {
  description?: string;
  cacheClusterEnabled?: boolean;
  cacheClusterSize?: string;
  variables?: Record<string, string>;
  documentationVersion?: string;
  canarySettings?: StageConfig["canarySettings"];
  tracingEnabled?: boolean;
}): StageConfig {
  const cacheClusterEnabled = input.cacheClusterEnabled ?? false;
  return {
    ...(input.description !== undefined && { description: input.description }),
    cacheClusterEnabled,
    ...((input.cacheClusterSize !== undefined || cacheClusterEnabled) && { cacheClusterSize: input.cacheClusterSize ?? "0.5" }),
    methodSettings: {},
    ...(input.variables && Object.keys(input.variables).length > 0 && { variables: input.variables }),
    ...(input.documentationVersion !== undefined && { documentationVersion: input.documentationVersion }),
    ...(input.canarySettings && { canarySettings: input.canarySettings }),
    tracingEnabled: input.tracingEnabled ?? false,
  };
}

/** Creates the stage under the API's lock; CreateStage and CreateDeployment's stageName share it. */
export async function insertStage(
  tx: Db,
  api: RestApiRow,
  stage: { name: string; deploymentId: string; config: StageConfig; tags?: Record<string, string> },
  input: string,
): Promise<StageRow> {
  const { name, deploymentId, config, tags = {} } = stage;
  checkStageName(name);
  if (await findStage(tx, api, name)) throw ApigwErrors.conflict("Stage already exists");
  await checkStage(tx, api, deploymentId, config, input);
  return tx.apigwStage.create({
    data: { accountId: api.accountId, region: api.region, restApiId: api.id, name, deploymentId, config: { ...config }, tags },
  });
}

/** Writes a stage's new deployment and settings, after AWS's checks. */
export async function saveStage(tx: Db, api: RestApiRow, row: StageRow, change: { deploymentId: string; config: StageConfig }, input: string): Promise<StageRow> {
  const { deploymentId, config } = change;
  await checkStage(tx, api, deploymentId, config, input);
  return tx.apigwStage.update({
    where: { restApiId_name: { restApiId: row.restApiId, name: row.name } },
    data: { deploymentId, config: { ...config }, updatedAt: new Date() },
  });
}

export async function createStage(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateStage">): Promise<Stage> {
  return changeApi(db, ctx, input.restApiId, async (tx, api) => toStage(
      await insertStage(tx, api, { name: input.stageName, deploymentId: input.deploymentId, config: newStageConfig(input), tags: input.tags }, "createStageInput"),
    ));
}

export async function getStage(db: Db, ctx: CallContext, input: ApigwInput<"GetStage">): Promise<Stage> {
  return toStage(await requireStage(db, await requireApi(db, ctx, input.restApiId), input.stageName));
}

export async function getStages(db: Db, ctx: CallContext, input: ApigwInput<"GetStages">): Promise<{ item: Stage[] }> {
  const api = await requireApi(db, ctx, input.restApiId);
  const rows = await db.apigwStage.findMany({
    where: { restApiId: api.id, accountId: api.accountId, region: api.region, ...(input.deploymentId !== undefined && { deploymentId: input.deploymentId }) },
    orderBy: { name: "asc" },
  });
  return { item: rows.map(toStage) };
}

/** Sets one member of a method path's settings (`*​/*` for all methods), starting from AWS's defaults. */
function setMethodSetting(stage: Stage, { value, params }: PatchChange, path: string): void {
  const setting = METHOD_SETTING_PATHS[`${params.group}/${params.setting}`];
  if (!setting) {
    throw ApigwErrors.badRequest(
      `Invalid method setting path: ${path}. Must be one of: [${Object.keys(METHOD_SETTING_PATHS)
        .map((suffix) => `/{resourcePath}/{httpMethod}/${suffix}`)
        .join(", ")}]`,
    );
  }
  const key = `${params.resourcePath}/${params.httpMethod}`;
  stage.methodSettings[key] = { ...DEFAULT_METHOD_SETTING, ...stage.methodSettings[key], ...setting(value, path) };
}

const canary = (stage: Stage) => (stage.canarySettings ??= {});
const accessLog = (stage: Stage) => (stage.accessLogSettings ??= {});

const STAGE_RULES: PatchRule<Stage>[] = [
  memberRule("deploymentId", asString),
  memberRule("description", asOptionalString, { removable: true }),
  memberRule("cacheClusterEnabled", patchBoolean),
  memberRule("cacheClusterSize", asString),
  memberRule("clientCertificateId", asOptionalString, { removable: true }),
  memberRule("documentationVersion", asOptionalString, { removable: true }),
  memberRule("tracingEnabled", patchBoolean),
  memberMapEntryRule("variables", asString),
  { path: "/accessLogSettings", ops: ["remove"], apply: (stage) => void delete stage.accessLogSettings },
  { path: "/accessLogSettings/destinationArn", ops: ["replace"], apply: (stage, { value }) => void (accessLog(stage).destinationArn = asString(value)) },
  { path: "/accessLogSettings/format", ops: ["replace"], apply: (stage, { value }) => void (accessLog(stage).format = asString(value)) },
  { path: "/canarySettings", ops: ["remove"], apply: (stage) => void delete stage.canarySettings },
  {
    path: "/canarySettings/percentTraffic",
    ops: ["replace"],
    apply: (stage, { value }) => void (canary(stage).percentTraffic = patchNumber(value, "/canarySettings/percentTraffic")),
  },
  { path: "/canarySettings/deploymentId", ops: ["replace"], apply: (stage, { value }) => void (canary(stage).deploymentId = asString(value)) },
  {
    path: "/canarySettings/useStageCache",
    ops: ["replace"],
    apply: (stage, { value }) => void (canary(stage).useStageCache = patchBoolean(value, "/canarySettings/useStageCache")),
  },
  mapEntryRule(
    "/canarySettings/stageVariableOverrides/{key}",
    asString,
    (stage) => (canary(stage).stageVariableOverrides ??= {}),
    (stage) => delete canary(stage).stageVariableOverrides,
  ),
  {
    // Removing a method path's settings (`remove /*/*`) returns it to the stage's defaults.
    path: "/{resourcePath}/{httpMethod}",
    ops: ["remove"],
    apply(stage, { params }) {
      const key = `${params.resourcePath}/${params.httpMethod}`;
      if (!stage.methodSettings[key]) throw ApigwErrors.badRequest(`Cannot remove method setting ${key} because there is no method setting for this method `);
      delete stage.methodSettings[key];
    },
  },
  {
    path: "/{resourcePath}/{httpMethod}/{group}/{setting}",
    ops: ["replace"],
    apply: (stage, change) => setMethodSetting(stage, change, `/${change.params.resourcePath}/${change.params.httpMethod}/${change.params.group}/${change.params.setting}`),
  },
];

export async function updateStage(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateStage">): Promise<Stage> {
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await requireStage(tx, api, input.stageName);
    const patched = applyPatch(toStage(row), input.patchOperations, STAGE_RULES);
    const config = stageConfig(patched);
    if (config.cacheClusterEnabled) config.cacheClusterSize ??= "0.5";
    return toStage(await saveStage(tx, api, row, { deploymentId: patched.deploymentId, config }, "updateStageInput"));
  });
}

export async function deleteStage(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteStage">): Promise<void> {
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await requireStage(tx, api, input.stageName);
    await tx.apigwStage.delete({ where: { restApiId_name: { restApiId: row.restApiId, name: row.name } } });
  });
}
