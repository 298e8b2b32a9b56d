/** PublishVersion and ListVersionsByFunction: published versions are immutable snapshots of $LATEST. */
import { randomUUID } from "node:crypto";
import type { Db, PrismaClient } from "../../db/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { functionArn } from "./arns";
import { LambdaErrors } from "./errors";
import type { FunctionConfiguration, FunctionRow, VersionRow } from "./model";
import { page, pageSize } from "./paging";
import { functionConfiguration } from "./render";
import type { LambdaInput } from "./schemas";
import { latestVersion, lockFunction, requireFunction, WITH_LAYERS } from "./store";
import { functionTarget } from "./target";
import { layersData, settingsData, settingsOf } from "./version-data";

/**
 * Publishes $LATEST (the caller holds the function's lock). When nothing changed since the last
 * published version, that version is returned instead of a new one, as AWS does.
 */
export async function publishLatest(tx: Db, fn: FunctionRow, latest: VersionRow, description?: string): Promise<VersionRow> {
  const previous = await tx.lambdaVersion.findFirst({
    where: { functionId: fn.id, versionNumber: { gt: 0 } },
    orderBy: { versionNumber: "desc" },
    include: WITH_LAYERS,
  });
  if (previous?.configRevision === latest.configRevision) return previous;
  const number = fn.lastVersion + 1;
  await tx.lambdaFunction.update({ where: { id: fn.id }, data: { lastVersion: number } });
  const version = await tx.lambdaVersion.create({
    data: {
      functionId: fn.id,
      version: String(number),
      versionNumber: number,
      ...settingsData(settingsOf(latest)),
      description: description ?? latest.description,
      codeSha256: latest.codeSha256,
      codeSize: latest.codeSize,
      revisionId: randomUUID(),
      configRevision: latest.configRevision,
      lastModified: new Date(),
      layers: layersData(latest.layers),
    },
    include: WITH_LAYERS,
  });
  // Publishing gives $LATEST a new RevisionId too.
  await tx.lambdaVersion.update({ where: { id: latest.id }, data: { revisionId: randomUUID() } });
  return version;
}

export async function publishVersion(db: PrismaClient, ctx: CallContext, input: LambdaInput<"PublishVersion">): Promise<FunctionConfiguration> {
  requireRole(ctx, "developer", "lambda:PublishVersion");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:PublishVersion", unqualified: true });
  return db.$transaction(async (tx) => {
    const fn = await lockFunction(tx, target);
    const latest = await latestVersion(tx, fn);
    if (input.RevisionId !== undefined && input.RevisionId !== latest.revisionId) throw LambdaErrors.preconditionFailed();
    if (input.CodeSha256 !== undefined && input.CodeSha256 !== latest.codeSha256) {
      throw LambdaErrors.invalidParameter(
        `CodeSHA256 (${input.CodeSha256}) is different from current CodeSHA256 in $LATEST (${latest.codeSha256}). Please try again with the CodeSHA256 in $LATEST.`,
      );
    }
    const version = await publishLatest(tx, fn, latest, input.Description);
    return functionConfiguration(fn, version, functionArn(fn.region, fn.accountId, fn.name, version.version), "created");
  });
}

export async function listVersionsByFunction(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"ListVersionsByFunction">,
): Promise<{ Versions: FunctionConfiguration[]; NextMarker?: string }> {
  const limit = pageSize(input.MaxItems, 10_000);
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:ListVersionsByFunction", unqualified: true, namespaced: true });
  const fn = await requireFunction(db, target);
  const versions = await db.lambdaVersion.findMany({ where: { functionId: fn.id }, orderBy: { versionNumber: "asc" }, include: WITH_LAYERS });
  // Keys sort as the versions do: $LATEST (0) first, then by number.
  const { items, nextMarker } = page(versions, (v) => String(v.versionNumber).padStart(10, "0"), input.Marker, limit);
  return {
    Versions: items.map((v) => functionConfiguration(fn, v, functionArn(fn.region, fn.accountId, fn.name, v.version), "list")),
    ...(nextMarker && { NextMarker: nextMarker }),
  };
}
