/** Function lookups shared by the operations, with AWS's not-found errors. */
import type { Db } from "../../db/client";
import type { LambdaAlias } from "../../db/generated/client";
import { functionArn, LATEST } from "./arns";
import { LambdaErrors } from "./errors";
import type { FunctionRow, VersionRow } from "./model";
import type { FunctionTarget } from "./target";

export const WITH_LAYERS = { layers: { orderBy: { position: "asc" } } } as const;

export function findFunction(db: Db, target: Pick<FunctionTarget, "accountId" | "region" | "name">): Promise<FunctionRow | null> {
  return db.lambdaFunction.findUnique({ where: { accountId_region_name: { accountId: target.accountId, region: target.region, name: target.name } } });
}

export async function requireFunction(db: Db, target: FunctionTarget): Promise<FunctionRow> {
  const fn = await findFunction(db, target);
  if (!fn) throw LambdaErrors.functionNotFound(target.arn);
  return fn;
}

/**
 * The function, locked for the rest of the transaction: changes to one function (its versions,
 * aliases, policy, settings) are serialised, so RevisionId checks and version numbers hold.
 */
export async function lockFunction(tx: Db, target: FunctionTarget): Promise<FunctionRow> {
  const rows = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM lambda_functions WHERE account_id = ${target.accountId} AND region = ${target.region} AND name = ${target.name} FOR UPDATE`;
  if (rows.length === 0) throw LambdaErrors.functionNotFound(target.arn);
  return tx.lambdaFunction.findUniqueOrThrow({ where: { id: rows[0]!.id } });
}

export function findVersion(db: Db, functionId: string, version: string): Promise<VersionRow | null> {
  return db.lambdaVersion.findUnique({ where: { functionId_version: { functionId, version } }, include: WITH_LAYERS });
}

export async function latestVersion(db: Db, fn: FunctionRow): Promise<VersionRow> {
  return db.lambdaVersion.findUniqueOrThrow({ where: { functionId_version: { functionId: fn.id, version: LATEST } }, include: WITH_LAYERS });
}

export function findAlias(db: Db, functionId: string, name: string): Promise<LambdaAlias | null> {
  return db.lambdaAlias.findUnique({ where: { functionId_name: { functionId, name } } });
}

/** Versions are `$LATEST` or digits; anything else a qualifier names is an alias. */
export function isVersionQualifier(qualifier: string): boolean {
  return qualifier === LATEST || /^[0-9]+$/.test(qualifier);
}

export interface QualifiedConfiguration {
  version: VersionRow;
  alias?: LambdaAlias;
  /** The ARN as the qualifier names it (an alias ARN for an alias). */
  arn: string;
}

/** The configuration a qualifier (version, alias or none for $LATEST) names; AWS's "Function not found" otherwise. */
export async function qualifiedConfiguration(db: Db, fn: FunctionRow, qualifier: string | undefined): Promise<QualifiedConfiguration> {
  const arn = functionArn(fn.region, fn.accountId, fn.name, qualifier);
  const notFound = () => LambdaErrors.functionNotFound(arn);
  if (qualifier === undefined || isVersionQualifier(qualifier)) {
    const version = await findVersion(db, fn.id, qualifier ?? LATEST);
    if (!version) throw notFound();
    return { version, arn };
  }
  const alias = await findAlias(db, fn.id, qualifier);
  if (!alias) throw notFound();
  const version = await findVersion(db, fn.id, alias.functionVersion);
  if (!version) throw notFound();
  return { version, alias, arn };
}
