/**
 * What an invocation needs of a deployed API: the API's settings, the stage, and the routes of the
 * deployment it serves (and of its canary). Kept per process for a moment and dropped as soon as
 * any change to the API commits (APIS_CHANGED_CHANNEL), so a new deployment is live at once.
 */
import type { PrismaClient } from "../../../db/client";
import { ExpiringCache } from "../../../lib/expiring-cache";
import { listen } from "../../../outbox/listen";
import type { Logger } from "../../../outbox/log";
import { APIS_CHANGED_CHANNEL, localApiChanges } from "../changes";
import { snapshotOf } from "../deployments";
import type { DeploymentRow, DeploymentSnapshot, MethodSetting, RestApiConfig } from "../model";
import { toStage } from "../stages";
import { ModelSchemas } from "./model-schemas";
import { RouteTable } from "./routes";
import { accessLogGroup } from "./stage-logs";

/** Bounds what a lost notification costs (the listener also clears everything when it reconnects). */
const TTL_MS = 5_000;

/** One deployment, ready to serve. */
export interface ServedDeployment {
  deploymentId: string;
  routes: RouteTable;
  requestValidators: DeploymentSnapshot["requestValidators"];
  authorizers: DeploymentSnapshot["authorizers"];
  gatewayResponses: DeploymentSnapshot["gatewayResponses"];
  modelSchemas: ModelSchemas;
}

export interface DeployedApi {
  restApiId: string;
  accountId: string;
  region: string;
  config: RestApiConfig;
  stage: string;
  deployment: ServedDeployment;
  variables: Record<string, string>;
  methodSettings: Record<string, MethodSetting>;
  cacheClusterEnabled: boolean;
  /** Where and how the stage writes access logs, when it does. */
  accessLog?: { logGroupName: string; format: string };
  /** Part of the stage's traffic goes to its canary deployment, with the canary's stage variable overrides. */
  canary?: { percentTraffic: number; deployment: ServedDeployment; variables: Record<string, string> };
}

export function servedDeployment(row: DeploymentRow): ServedDeployment {
  const snapshot = snapshotOf(row);
  return {
    deploymentId: row.id,
    routes: new RouteTable(snapshot),
    requestValidators: snapshot.requestValidators,
    authorizers: snapshot.authorizers,
    gatewayResponses: snapshot.gatewayResponses,
    modelSchemas: new ModelSchemas(row.restApiId, snapshot.models),
  };
}

/** No API by that id, or no stage by that name. */
export type Missing = { missing: "api" | "stage" };

async function loadDeployed(db: PrismaClient, restApiId: string, stageName: string): Promise<DeployedApi | Missing> {
  const row = await db.apigwStage.findUnique({
    where: { restApiId_name: { restApiId, name: stageName } },
    include: { restApi: true, deployment: true },
  });
  if (!row) return { missing: (await db.apigwRestApi.count({ where: { id: restApiId } })) > 0 ? "stage" : "api" };
  const stage = toStage(row);
  const variables = stage.variables ?? {};
  const deployed: DeployedApi = {
    restApiId,
    accountId: row.accountId,
    region: row.region,
    config: row.restApi.config as unknown as RestApiConfig,
    stage: stage.stageName,
    deployment: servedDeployment(row.deployment),
    variables,
    methodSettings: stage.methodSettings,
    cacheClusterEnabled: stage.cacheClusterEnabled,
  };
  const accessLogGroupName = accessLogGroup(stage.accessLogSettings?.destinationArn);
  if (accessLogGroupName && stage.accessLogSettings?.format) deployed.accessLog = { logGroupName: accessLogGroupName, format: stage.accessLogSettings.format };
  const canary = stage.canarySettings;
  if (canary?.deploymentId && (canary.percentTraffic ?? 0) > 0) {
    const canaryDeployment = await db.apigwDeployment.findFirst({ where: { id: canary.deploymentId, restApiId, accountId: row.accountId, region: row.region } });
    if (canaryDeployment) {
      deployed.canary = {
        percentTraffic: canary.percentTraffic ?? 0,
        deployment: servedDeployment(canaryDeployment),
        variables: { ...variables, ...canary.stageVariableOverrides },
      };
    }
  }
  return deployed;
}

export class DeployedApis {
  readonly #cache = new ExpiringCache<DeployedApi | Missing>(TTL_MS);
  readonly #listener: { close(): Promise<void> };
  readonly #forget = () => this.#cache.clear();

  constructor(
    private readonly db: PrismaClient,
    databaseUrl: string,
    logger: Logger,
  ) {
    this.#listener = listen(databaseUrl, APIS_CHANGED_CHANNEL, this.#forget, logger, "stratus-apigw-changes");
    localApiChanges.on("changed", this.#forget);
  }

  /** The stage `stageName` of API `restApiId` as deployed. */
  get(restApiId: string, stageName: string): Promise<DeployedApi | Missing> {
    return this.#cache.get(`${restApiId}/${stageName}`, () => loadDeployed(this.db, restApiId, stageName));
  }

  close(): Promise<void> {
    localApiChanges.off("changed", this.#forget);
    return this.#listener.close();
  }
}
