/**
 * Deployments: CreateDeployment freezes the API's resources, methods and integrations into the
 * deployment's snapshot (what its stages serve), and may create or repoint a stage.
 */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { authorizersOf } from "./authorizers";
import { ApigwErrors } from "./errors";
import { customisedResponses } from "./gateway-responses";
import { shortId } from "./ids";
import { type Deployment, type DeploymentRow, type DeploymentSnapshot, methodsOf, type RestApiRow } from "./model";
import { applyPatch, asOptionalString, memberRule, type PatchRule } from "./patch";
import { resourcePaths } from "./resources";
import type { ApigwInput } from "./schemas";
import { apiResources, changeApi, page, requireApi, requireDeployment } from "./store";
import { checkStageName, findStage, insertStage, newStageConfig, saveStage, stageConfig, toStage } from "./stages";

export function snapshotOf(row: Pick<DeploymentRow, "snapshot">): DeploymentSnapshot {
  return row.snapshot as unknown as DeploymentSnapshot;
}

function toDeployment(row: DeploymentRow, embedSummary = false): Deployment {
  const summary = () =>
    Object.fromEntries(
      snapshotOf(row)
        .resources.filter((resource) => Object.keys(resource.methods).length > 0)
        .map((resource) => [
          resource.path,
          Object.fromEntries(
            Object.values(resource.methods).map((method) => [method.httpMethod, { authorizationType: method.authorizationType, apiKeyRequired: method.apiKeyRequired }]),
          ),
        ]),
    );
  return {
    id: row.id,
    ...(row.description !== null && { description: row.description }),
    createdDate: row.createdAt,
    ...(embedSummary && { apiSummary: summary() }),
  };
}

/** The API as it is now; AWS refuses to deploy an API without methods, or with a method that has no integration. */
async function takeSnapshot(tx: Db, api: RestApiRow): Promise<DeploymentSnapshot> {
  const rows = await apiResources(tx, api);
  const paths = resourcePaths(rows);
  const resources = rows
    .map((row) => ({
      id: row.id,
      ...(row.parentId && { parentId: row.parentId }),
      ...(row.pathPart && { pathPart: row.pathPart }),
      path: paths.get(row.id)!,
      methods: methodsOf(row),
    }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const methods = resources.flatMap((resource) => Object.values(resource.methods));
  if (methods.length === 0) throw ApigwErrors.badRequest("The REST API doesn't contain any methods");
  if (methods.some((method) => !method.methodIntegration)) throw ApigwErrors.badRequest("No integration defined for method");
  const validators = await tx.apigwRequestValidator.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  const requestValidators = Object.fromEntries(
    validators.map((v) => [v.id, { validateRequestBody: v.validateRequestBody, validateRequestParameters: v.validateRequestParameters }]),
  );
  const models = await tx.apigwModel.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  return {
    resources,
    requestValidators,
    authorizers: await authorizersOf(tx, api),
    gatewayResponses: await customisedResponses(tx, api),
    models: Object.fromEntries(models.flatMap((model) => (model.schema === null ? [] : [[model.name, model.schema]]))),
  };
}

/**
 * Points the stage CreateDeployment names at the new deployment: a new stage is created; an existing
 * one moves, the settings given applying on top of its own. With canary settings the stage must
 * exist and stays where it is: the deployment becomes its canary.
 */
async function deployToStage(tx: Db, api: RestApiRow, deploymentId: string, stageName: string, input: ApigwInput<"CreateDeployment">): Promise<void> {
  const existing = await findStage(tx, api, stageName);
  if (!existing) {
    if (input.canarySettings) throw ApigwErrors.stageNotFound();
    const config = newStageConfig({ ...input, description: input.stageDescription });
    await insertStage(tx, api, { name: stageName, deploymentId, config }, "createDeploymentInput");
    return;
  }
  const current = toStage(existing);
  const variables = { ...current.variables, ...input.variables };
  const config = {
    ...stageConfig(current),
    ...(Object.keys(variables).length > 0 && { variables }),
    ...(input.cacheClusterEnabled !== undefined && { cacheClusterEnabled: input.cacheClusterEnabled }),
    ...(input.cacheClusterSize !== undefined && { cacheClusterSize: input.cacheClusterSize }),
    ...(input.tracingEnabled !== undefined && { tracingEnabled: input.tracingEnabled }),
  };
  if (!input.canarySettings) {
    await saveStage(tx, api, existing, { deploymentId, config }, "createDeploymentInput");
    return;
  }
  const { percentTraffic, stageVariableOverrides, useStageCache } = input.canarySettings;
  const canarySettings = {
    percentTraffic: percentTraffic ?? 0,
    deploymentId,
    ...(stageVariableOverrides && Object.keys(stageVariableOverrides).length > 0 && { stageVariableOverrides }),
    useStageCache: useStageCache ?? false,
  };
  await saveStage(tx, api, existing, { deploymentId: current.deploymentId, config: { ...config, canarySettings } }, "createDeploymentInput");
}

export async function createDeployment(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateDeployment">): Promise<Deployment> {
  const stageName = input.stageName || undefined;
  if (stageName !== undefined) checkStageName(stageName);
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const snapshot = await takeSnapshot(tx, api);
    const row = await tx.apigwDeployment.create({
      data: {
        id: shortId(),
        accountId: api.accountId,
        region: api.region,
        restApiId: api.id,
        description: input.description ?? null,
        snapshot: { ...snapshot },
      },
    });
    if (stageName !== undefined) await deployToStage(tx, api, row.id, stageName, input);
    else if (input.canarySettings) throw ApigwErrors.stageNotFound();
    return toDeployment(row);
  });
}

export async function getDeployment(db: Db, ctx: CallContext, input: ApigwInput<"GetDeployment">): Promise<Deployment> {
  const row = await requireDeployment(db, await requireApi(db, ctx, input.restApiId), input.deploymentId);
  return toDeployment(row, input.embed?.includes("apisummary") ?? false);
}

export async function getDeployments(db: Db, ctx: CallContext, input: ApigwInput<"GetDeployments">): Promise<{ item: Deployment[]; position?: string }> {
  const api = await requireApi(db, ctx, input.restApiId);
  const rows = await db.apigwDeployment.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  const { item, position } = page(rows, (row) => row.id, input.position, input.limit);
  return { item: item.map((row) => toDeployment(row)), ...(position && { position }) };
}

const DEPLOYMENT_RULES: PatchRule<Deployment>[] = [memberRule("description", asOptionalString, { removable: true })];

export async function updateDeployment(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateDeployment">): Promise<Deployment> {
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await requireDeployment(tx, api, input.deploymentId);
    const patched = applyPatch(toDeployment(row), input.patchOperations, DEPLOYMENT_RULES);
    return toDeployment(await tx.apigwDeployment.update({ where: { id: row.id }, data: { description: patched.description ?? null } }));
  });
}

export async function deleteDeployment(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteDeployment">): Promise<void> {
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await requireDeployment(tx, api, input.deploymentId);
    const stages = (await tx.apigwStage.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } })).map(toStage);
    if (stages.some((stage) => stage.deploymentId === row.id || stage.canarySettings?.deploymentId === row.id)) {
      throw ApigwErrors.badRequest("Active stages pointing to this deployment must be moved or deleted");
    }
    await tx.apigwDeployment.delete({ where: { id: row.id } });
  });
}
