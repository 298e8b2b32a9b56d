/** Layers: versioned, immutable packages of libraries that functions extract under /opt. */
import type { Db, PrismaClient } from "../../db/client";
import type { LambdaLayer, LambdaLayerVersion } from "../../db/generated/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { checkCodeStorage } from "./account";
import { layerArn, layerVersionArn, parseLayerArn } from "./arns";
import { inspectZip, releaseCode, storeCode } from "./code";
import { codeLocation } from "./code-location";
import { LambdaErrors } from "./errors";
import { lambdaDate } from "./model";
import { page, pageSize } from "./paging";
import { ARCHITECTURES, AWS_RUNTIMES } from "./runtimes";
import type { LambdaInput } from "./schemas";
import { PATTERNS, violations, type Violations } from "./validation";

export interface LayerVersionItem {
  LayerVersionArn: string;
  Version: number;
  Description: string;
  CreatedDate: string;
  CompatibleRuntimes?: string[];
  CompatibleArchitectures?: string[];
  LicenseInfo?: string;
}

export interface LayerVersionOutput extends Omit<LayerVersionItem, "LayerVersionArn"> {
  Content: { Location: string; CodeSha256: string; CodeSize: number };
  LayerArn: string;
  LayerVersionArn: string;
}

function layerVersionItem(layer: LambdaLayer, version: LambdaLayerVersion): LayerVersionItem {
  return {
    LayerVersionArn: layerVersionArn(layer.region, layer.accountId, layer.name, version.version),
    Version: version.version,
    Description: version.description,
    CreatedDate: lambdaDate(version.createdAt),
    ...(version.compatibleRuntimes.length > 0 && { CompatibleRuntimes: version.compatibleRuntimes }),
    ...(version.compatibleArchitectures.length > 0 && { CompatibleArchitectures: version.compatibleArchitectures }),
    ...(version.licenseInfo !== null && { LicenseInfo: version.licenseInfo }),
  };
}

function layerVersionOutput(ctx: CallContext, layer: LambdaLayer, version: LambdaLayerVersion): LayerVersionOutput {
  return {
    Content: { Location: codeLocation(version.codeSha256, ctx.endpoint), CodeSha256: version.codeSha256, CodeSize: version.codeSize },
    LayerArn: layerArn(layer.region, layer.accountId, layer.name),
    ...layerVersionItem(layer, version),
  };
}

interface LayerTarget {
  accountId: string;
  region: string;
  name: string;
}

/** A LayerName (a name or a layer ARN) in the caller's account and region. */
function layerTarget(ctx: CallContext, layerName: string, action: string): LayerTarget {
  violations().length(layerName, "layerName", 1, 140).matches(layerName, "layerName", PATTERNS.layerName).check();
  const ref = layerName.startsWith("arn:") ? parseLayerArn(layerName) : undefined;
  if (!ref) return { accountId: ctx.accountId, region: ctx.region, name: layerName };
  // Layers of other accounts are shared with AddLayerVersionPermission, which Stratus does not offer yet.
  if (ref.accountId !== ctx.accountId) throw LambdaErrors.accessDenied(ctx.principal.arn, action, layerName);
  if (ref.region !== ctx.region) throw LambdaErrors.resourceDoesNotExist();
  return { accountId: ref.accountId, region: ref.region, name: ref.name };
}

function checkFilters(v: Violations, input: { CompatibleRuntime?: string; CompatibleArchitecture?: string }): void {
  v.oneOf(input.CompatibleRuntime, "compatibleRuntime", AWS_RUNTIMES).oneOf(input.CompatibleArchitecture, "compatibleArchitecture", ARCHITECTURES).check();
}

const matchesFilters = (version: LambdaLayerVersion, input: { CompatibleRuntime?: string; CompatibleArchitecture?: string }) =>
  (input.CompatibleRuntime === undefined || version.compatibleRuntimes.includes(input.CompatibleRuntime)) &&
  (input.CompatibleArchitecture === undefined || version.compatibleArchitectures.includes(input.CompatibleArchitecture));

export async function publishLayerVersion(db: PrismaClient, ctx: CallContext, input: LambdaInput<"PublishLayerVersion">): Promise<LayerVersionOutput> {
  requireRole(ctx, "developer", "lambda:PublishLayerVersion");
  const target = layerTarget(ctx, input.LayerName, "lambda:PublishLayerVersion");
  const runtimes = input.CompatibleRuntimes ?? [];
  const architectures = input.CompatibleArchitectures ?? [];
  const v = violations()
    .length(input.Description, "description", 0, 256)
    .length(input.LicenseInfo, "licenseInfo", 0, 512)
    .length(runtimes, "compatibleRuntimes", 0, 15)
    .length(architectures, "compatibleArchitectures", 0, 2);
  if (runtimes.some((r) => !(AWS_RUNTIMES as readonly string[]).includes(r))) {
    v.add(runtimes, "compatibleRuntimes", `Member must satisfy constraint: [Member must satisfy enum value set: [${AWS_RUNTIMES.join(", ")}]]`);
  }
  if (architectures.some((a) => !(ARCHITECTURES as readonly string[]).includes(a))) {
    v.add(architectures, "compatibleArchitectures", "Member must satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]");
  }
  v.check();
  if (!input.Content.ZipFile) {
    throw LambdaErrors.invalidParameter(
      input.Content.S3Bucket === undefined ? "Please provide a source for layer content." : "Stratus accepts layer content as ZipFile only: content from S3 is not supported.",
    );
  }
  const pkg = inspectZip(input.Content.ZipFile);
  await checkCodeStorage(db, ctx, pkg.size);
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`
        INSERT INTO lambda_layers (id, account_id, region, name) VALUES (gen_random_uuid(), ${target.accountId}, ${target.region}, ${target.name})
        ON CONFLICT (account_id, region, name) DO NOTHING`;
      // Numbers are handed out under the layer row's lock, and never reused.
      const [locked] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM lambda_layers WHERE account_id = ${target.accountId} AND region = ${target.region} AND name = ${target.name} FOR UPDATE`;
      const layer = await tx.lambdaLayer.update({ where: { id: locked!.id }, data: { lastVersion: { increment: 1 } } });
      await storeCode(tx, pkg);
      const version = await tx.lambdaLayerVersion.create({
        data: {
          layerId: layer.id,
          version: layer.lastVersion,
          description: input.Description ?? "",
          compatibleRuntimes: runtimes,
          compatibleArchitectures: architectures,
          licenseInfo: input.LicenseInfo ?? null,
          codeSha256: pkg.sha256,
          codeSize: pkg.size,
        },
      });
      return layerVersionOutput(ctx, layer, version);
    },
    { timeout: 60_000 },
  );
}

function findLayer(db: Db, target: LayerTarget): Promise<LambdaLayer | null> {
  return db.lambdaLayer.findUnique({ where: { accountId_region_name: { accountId: target.accountId, region: target.region, name: target.name } } });
}

async function findLayerVersion(db: Db, target: LayerTarget, version: number): Promise<{ layer: LambdaLayer; version: LambdaLayerVersion } | undefined> {
  if (version < 1) throw LambdaErrors.invalidParameter("Layer Version Cannot be less than 1");
  const layer = await findLayer(db, target);
  const row = layer && (await db.lambdaLayerVersion.findUnique({ where: { layerId_version: { layerId: layer.id, version } } }));
  return layer && row ? { layer, version: row } : undefined;
}

export async function getLayerVersion(db: Db, ctx: CallContext, input: LambdaInput<"GetLayerVersion">): Promise<LayerVersionOutput> {
  const found = await findLayerVersion(db, layerTarget(ctx, input.LayerName, "lambda:GetLayerVersion"), input.VersionNumber);
  if (!found) throw LambdaErrors.resourceDoesNotExist();
  return layerVersionOutput(ctx, found.layer, found.version);
}

export async function getLayerVersionByArn(db: Db, ctx: CallContext, input: LambdaInput<"GetLayerVersionByArn">): Promise<LayerVersionOutput> {
  violations().length(input.Arn, "arn", 1, 140).matches(input.Arn, "arn", PATTERNS.layerVersionArn).check();
  const ref = parseLayerArn(input.Arn);
  if (!ref || ref.version === undefined) throw new Error(`Unchecked layer version ARN ${input.Arn}`);
  if (ref.accountId !== ctx.accountId) throw LambdaErrors.accessDenied(ctx.principal.arn, "lambda:GetLayerVersion", input.Arn);
  const found = ref.region === ctx.region ? await findLayerVersion(db, ref, ref.version) : undefined;
  if (!found) throw LambdaErrors.resourceDoesNotExist();
  return layerVersionOutput(ctx, found.layer, found.version);
}

/** Deleting a layer version leaves functions that use it untouched (they keep their copy); deleting a missing one is no error. */
export async function deleteLayerVersion(db: PrismaClient, ctx: CallContext, input: LambdaInput<"DeleteLayerVersion">): Promise<void> {
  requireRole(ctx, "developer", "lambda:DeleteLayerVersion");
  const found = await findLayerVersion(db, layerTarget(ctx, input.LayerName, "lambda:DeleteLayerVersion"), input.VersionNumber);
  if (!found) return;
  await db.lambdaLayerVersion.deleteMany({ where: { id: found.version.id } });
  await releaseCode([found.version.codeSha256]);
}

export async function listLayerVersions(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"ListLayerVersions">,
): Promise<{ LayerVersions: LayerVersionItem[]; NextMarker?: string }> {
  const target = layerTarget(ctx, input.LayerName, "lambda:ListLayerVersions");
  checkFilters(violations(), input);
  const limit = pageSize(input.MaxItems, 50);
  const layer = await findLayer(db, target);
  const versions = layer ? (await db.lambdaLayerVersion.findMany({ where: { layerId: layer.id } })).filter((v) => matchesFilters(v, input)) : [];
  // Newest first, as AWS lists them.
  const { items, nextMarker } = page(versions, (v) => String(1e10 - v.version).padStart(11, "0"), input.Marker, limit);
  return { LayerVersions: layer ? items.map((v) => layerVersionItem(layer, v)) : [], ...(nextMarker && { NextMarker: nextMarker }) };
}

export async function listLayers(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"ListLayers">,
): Promise<{ Layers: { LayerName: string; LayerArn: string; LatestMatchingVersion: LayerVersionItem }[]; NextMarker?: string }> {
  checkFilters(violations(), input);
  const limit = pageSize(input.MaxItems, 50);
  const layers = await db.lambdaLayer.findMany({ where: { accountId: ctx.accountId, region: ctx.region }, include: { versions: { orderBy: { version: "desc" } } } });
  const listed = layers.flatMap((layer) => {
    const latest = layer.versions.find((v) => matchesFilters(v, input));
    return latest ? [{ LayerName: layer.name, LayerArn: layerArn(layer.region, layer.accountId, layer.name), LatestMatchingVersion: layerVersionItem(layer, latest) }] : [];
  });
  const { items, nextMarker } = page(listed, (l) => l.LayerName, input.Marker, limit);
  return { Layers: items, ...(nextMarker && { NextMarker: nextMarker }) };
}
