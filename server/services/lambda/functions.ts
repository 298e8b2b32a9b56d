/** Function lifecycle: create, read, update code and configuration, delete, list. */
import { randomUUID } from "node:crypto";
import type { Db, PrismaClient } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { checkCodeStorage } from "./account";
import { functionArn, LATEST } from "./arns";
import { inspectZip, releaseCode, storeCode, type CodePackage } from "./code";
import { codeLocation } from "./code-location";
import {
  attachLayers,
  checkArchitectures,
  checkConfigurationConstraints,
  checkConfigurationValues,
  checkRoleAccess,
  checkUnzippedTotal,
  initialSettings,
  updatedSettings,
  type AttachedLayer,
} from "./config";
import { LambdaErrors } from "./errors";
import type { FunctionConfiguration, VersionRow } from "./model";
import { decodeMarker, encodeMarker, pageSize } from "./paging";
import { functionConfiguration } from "./render";
import type { LambdaInput } from "./schemas";
import { latestVersion, lockFunction, qualifiedConfiguration, requireFunction, WITH_LAYERS } from "./store";
import { checkTags, tagsOf } from "./tags";
import { functionTarget } from "./target";
import { PATTERNS, violations } from "./validation";
import { layersData, settingsData, settingsOf } from "./version-data";
import { publishLatest } from "./versions";

/** Code and its storage happen inside transactions that may move 50 MB. */
const CODE_TRANSACTION = { timeout: 60_000 };

interface CodeSource {
  ZipFile?: Buffer;
  S3Bucket?: string;
  S3Key?: string;
  ImageUri?: string;
}

/** The package of a ZipFile upload; Stratus has no S3 to read code from, and runs no container images. */
function uploadedPackage(source: CodeSource): CodePackage {
  if (source.ZipFile) return inspectZip(source.ZipFile);
  if (source.S3Bucket !== undefined || source.S3Key !== undefined) {
    throw LambdaErrors.invalidParameter("Stratus accepts function code as ZipFile only: code from S3 is not supported.");
  }
  if (source.ImageUri !== undefined) throw LambdaErrors.invalidParameter("Please don't provide ImageUri when updating a function with packageType Zip.");
  throw LambdaErrors.invalidParameter("Please provide a source for function code.");
}

async function unzippedSizeOf(db: Db, sha256: string): Promise<number> {
  const blob = await db.lambdaCodeBlob.findUniqueOrThrow({ where: { sha256 }, select: { unzippedSize: true } });
  return blob.unzippedSize;
}

function layerShas(version: VersionRow): string[] {
  return version.layers.map((l) => l.codeSha256);
}

export async function createFunction(db: PrismaClient, ctx: CallContext, input: LambdaInput<"CreateFunction">): Promise<FunctionConfiguration> {
  requireRole(ctx, "developer", "lambda:CreateFunction");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:CreateFunction", unqualified: true });
  // AWS answers a too-long bare name as an invalid parameter, in its validation wording.
  if (target.name.length > 64) {
    throw LambdaErrors.invalidParameter(
      `1 validation error detected: Value '${target.name}' at 'functionName' failed to satisfy constraint: Member must have length less than or equal to 64`,
    );
  }
  const checks = violations().oneOf(input.PackageType, "packageType", ["Zip", "Image"]);
  checkArchitectures(input.Architectures, checkConfigurationConstraints(input, checks)).check();
  if (input.PackageType === "Image") throw LambdaErrors.invalidParameter("Stratus runs .zip deployment packages only: PackageType Image is not supported.");
  const pkg = uploadedPackage(input.Code);
  const { Runtime, Handler } = input;
  if (Runtime === undefined) throw LambdaErrors.invalidParameter("Runtime is required for Zip package type functions.");
  if (Handler === undefined) throw LambdaErrors.invalidParameter("Handler is required for Zip package type functions.");
  checkConfigurationValues(ctx, input);
  const tags = input.Tags ?? {};
  checkTags(tags);
  const layers = await attachLayers(db, ctx, input.Layers ?? []);
  checkUnzippedTotal(pkg.unzippedSize, layers);
  await checkCodeStorage(db, ctx, pkg.size);
  const settings = initialSettings(target.name, { ...input, Runtime, Handler }, input.Architectures);
  await checkRoleAccess(db, ctx, target.name, settings, input);
  try {
    return await db.$transaction(async (tx) => {
      await storeCode(tx, pkg);
      const fn = await tx.lambdaFunction.create({ data: { accountId: target.accountId, region: target.region, name: target.name, tags } });
      const latest = await tx.lambdaVersion.create({
        data: {
          functionId: fn.id,
          version: LATEST,
          versionNumber: 0,
          ...settingsData(settings),
          codeSha256: pkg.sha256,
          codeSize: pkg.size,
          revisionId: randomUUID(),
          configRevision: randomUUID(),
          lastModified: new Date(),
          layers: layersData(layers),
        },
        include: WITH_LAYERS,
      });
      const version = input.Publish ? await publishLatest(tx, fn, latest) : latest;
      return functionConfiguration(fn, version, target.unqualifiedArn, "created");
    }, CODE_TRANSACTION);
  } catch (error) {
    if (isUniqueViolation(error)) throw LambdaErrors.conflict(`Function already exist: ${target.name}`);
    throw error;
  }
}

export interface GetFunctionOutput {
  Configuration: FunctionConfiguration;
  Code: { RepositoryType: "S3"; Location: string };
  Tags?: Record<string, string>;
  Concurrency?: { ReservedConcurrentExecutions: number };
}

export async function getFunction(db: Db, ctx: CallContext, input: LambdaInput<"GetFunction">): Promise<GetFunctionOutput> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:GetFunction", qualifier: input.Qualifier, namespaced: true });
  const fn = await requireFunction(db, target);
  const { version, arn } = await qualifiedConfiguration(db, fn, target.qualifier);
  const tags = tagsOf(fn);
  return {
    Configuration: functionConfiguration(fn, version, arn),
    Code: { RepositoryType: "S3", Location: codeLocation(version.codeSha256, ctx.endpoint) },
    ...(Object.keys(tags).length > 0 && { Tags: tags }),
    ...(fn.reservedConcurrency !== null && { Concurrency: { ReservedConcurrentExecutions: fn.reservedConcurrency } }),
  };
}

export async function getFunctionConfiguration(db: Db, ctx: CallContext, input: LambdaInput<"GetFunctionConfiguration">): Promise<FunctionConfiguration> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:GetFunctionConfiguration", qualifier: input.Qualifier, namespaced: true });
  const fn = await requireFunction(db, target);
  const { version, arn } = await qualifiedConfiguration(db, fn, target.qualifier);
  return functionConfiguration(fn, version, arn);
}

export async function updateFunctionCode(db: PrismaClient, ctx: CallContext, input: LambdaInput<"UpdateFunctionCode">): Promise<FunctionConfiguration> {
  requireRole(ctx, "developer", "lambda:UpdateFunctionCode");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:UpdateFunctionCode", unqualified: true });
  checkArchitectures(input.Architectures, violations()).check();
  const pkg = uploadedPackage(input);
  if (input.DryRun) {
    const fn = await requireFunction(db, target);
    const latest = await latestVersion(db, fn);
    if (input.RevisionId !== undefined && input.RevisionId !== latest.revisionId) throw LambdaErrors.preconditionFailed();
    checkUnzippedTotal(pkg.unzippedSize, await layerSizes(db, latest));
    return functionConfiguration(fn, latest, target.unqualifiedArn);
  }
  await checkCodeStorage(db, ctx, pkg.size);
  const { config, replaced } = await db.$transaction(async (tx) => {
    const fn = await lockFunction(tx, target);
    const latest = await latestVersion(tx, fn);
    if (input.RevisionId !== undefined && input.RevisionId !== latest.revisionId) throw LambdaErrors.preconditionFailed();
    checkUnzippedTotal(pkg.unzippedSize, await layerSizes(tx, latest));
    await storeCode(tx, pkg);
    const updated = await tx.lambdaVersion.update({
      where: { id: latest.id },
      data: {
        codeSha256: pkg.sha256,
        codeSize: pkg.size,
        ...(input.Architectures && { architectures: input.Architectures }),
        revisionId: randomUUID(),
        configRevision: randomUUID(),
        lastModified: new Date(),
        lastUpdateStatus: "Successful",
      },
      include: WITH_LAYERS,
    });
    if (!input.Publish) return { config: functionConfiguration(fn, updated, target.unqualifiedArn, "updated"), replaced: latest.codeSha256 };
    const published = await publishLatest(tx, fn, updated);
    const config = functionConfiguration(fn, published, functionArn(fn.region, fn.accountId, fn.name, published.version), "created");
    return { config, replaced: latest.codeSha256 };
  }, CODE_TRANSACTION);
  await releaseCode([replaced]);
  return config;
}

async function layerSizes(db: Db, version: VersionRow): Promise<{ unzippedSize: number }[]> {
  return Promise.all(version.layers.map(async (l) => ({ unzippedSize: await unzippedSizeOf(db, l.codeSha256) })));
}

export async function updateFunctionConfiguration(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"UpdateFunctionConfiguration">,
): Promise<FunctionConfiguration> {
  requireRole(ctx, "developer", "lambda:UpdateFunctionConfiguration");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:UpdateFunctionConfiguration", unqualified: true });
  checkConfigurationConstraints(input, violations()).check();
  checkConfigurationValues(ctx, input);
  const layers: AttachedLayer[] | undefined = input.Layers && (await attachLayers(db, ctx, input.Layers));
  const { config, released } = await db.$transaction(async (tx) => {
    const fn = await lockFunction(tx, target);
    const latest = await latestVersion(tx, fn);
    if (input.RevisionId !== undefined && input.RevisionId !== latest.revisionId) throw LambdaErrors.preconditionFailed();
    if (layers) checkUnzippedTotal(await unzippedSizeOf(tx, latest.codeSha256), layers);
    const settings = updatedSettings(fn.name, settingsOf(latest), input);
    await checkRoleAccess(tx, ctx, fn.name, settings, input);
    if (layers) await tx.lambdaVersionLayer.deleteMany({ where: { versionId: latest.id } });
    const updated = await tx.lambdaVersion.update({
      where: { id: latest.id },
      data: {
        ...settingsData(settings),
        ...(layers && { layers: layersData(layers) }),
        revisionId: randomUUID(),
        configRevision: randomUUID(),
        lastModified: new Date(),
        lastUpdateStatus: "Successful",
      },
      include: WITH_LAYERS,
    });
    return { config: functionConfiguration(fn, updated, target.unqualifiedArn, "updated"), released: layers ? layerShas(latest) : [] };
  });
  await releaseCode(released);
  return config;
}

/** DeleteFunction: the whole function, or with a Qualifier one published version. */
export async function deleteFunction(db: PrismaClient, ctx: CallContext, input: LambdaInput<"DeleteFunction">): Promise<void> {
  requireRole(ctx, "developer", "lambda:DeleteFunction");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:DeleteFunction", qualifier: input.Qualifier, namespaced: true });
  const qualifier = target.qualifier;
  if (qualifier === LATEST) throw LambdaErrors.invalidParameter("$LATEST version cannot be deleted without deleting the function.");
  const released = await db.$transaction(async (tx) => {
    const fn = await lockFunction(tx, { ...target, arn: target.unqualifiedArn });
    if (qualifier === undefined) {
      const versions = await tx.lambdaVersion.findMany({ where: { functionId: fn.id }, include: WITH_LAYERS });
      await tx.lambdaFunction.delete({ where: { id: fn.id } });
      return versions.flatMap((v) => [v.codeSha256, ...layerShas(v)]);
    }
    const version = /^[0-9]+$/.test(qualifier) ? await tx.lambdaVersion.findUnique({ where: { functionId_version: { functionId: fn.id, version: qualifier } }, include: WITH_LAYERS }) : null;
    if (!version) throw LambdaErrors.functionNotFound(target.arn);
    const aliases = await tx.lambdaAlias.findMany({ where: { functionId: fn.id }, orderBy: { name: "asc" } });
    const referencing = aliases.filter((a) => a.functionVersion === qualifier || Object.hasOwn((a.additionalVersionWeights as object | null) ?? {}, qualifier));
    if (referencing.length > 0) {
      throw LambdaErrors.conflict(`Unable to delete version because the following aliases reference it: [${referencing.map((a) => a.name).join(", ")}]`);
    }
    const scope = { functionId: fn.id, qualifier };
    await tx.lambdaProvisionedConcurrency.deleteMany({ where: scope });
    await tx.lambdaEventInvokeConfig.deleteMany({ where: scope });
    await tx.lambdaPolicyStatement.deleteMany({ where: scope });
    await tx.lambdaVersion.delete({ where: { id: version.id } });
    return [version.codeSha256, ...layerShas(version)];
  });
  await releaseCode(released);
}

const isListMarker = (value: unknown): value is [string, number] =>
  Array.isArray(value) && value.length === 2 && typeof value[0] === "string" && typeof value[1] === "number";

/** ListFunctions: $LATEST of every function by name, or with FunctionVersion=ALL every version too. */
export async function listFunctions(db: Db, ctx: CallContext, input: LambdaInput<"ListFunctions">): Promise<{ Functions: FunctionConfiguration[]; NextMarker?: string }> {
  violations()
    .oneOf(input.FunctionVersion, "functionVersion", ["ALL"])
    .matches(input.MasterRegion, "masterRegion", PATTERNS.masterRegion)
    .check();
  const limit = pageSize(input.MaxItems, 10_000);
  const all = input.FunctionVersion === "ALL";
  const after = decodeMarker(input.Marker, isListMarker);
  const rows = await db.lambdaVersion.findMany({
    where: {
      function: { accountId: ctx.accountId, region: ctx.region },
      ...(!all && { version: LATEST }),
      ...(after && {
        OR: [{ function: { name: { gt: after[0] } } }, { function: { name: after[0] }, versionNumber: { gt: after[1] } }],
      }),
    },
    orderBy: [{ function: { name: "asc" } }, { versionNumber: "asc" }],
    take: limit + 1,
    include: { ...WITH_LAYERS, function: true },
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    Functions: items.map((v) => functionConfiguration(v.function, v, functionArn(v.function.region, v.function.accountId, v.function.name, all ? v.version : undefined), "list")),
    ...(rows.length > limit && last && { NextMarker: encodeMarker([last.function.name, last.versionNumber]) }),
  };
}
