/** Aliases: named pointers to a version, optionally routing a share of invocations to a second version. */
import { randomUUID } from "node:crypto";
import { Prisma, type Db, type PrismaClient } from "../../db/client";
import type { LambdaAlias } from "../../db/generated/client";
import { isUniqueViolation } from "../../db/errors";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { functionArn, LATEST } from "./arns";
import { LambdaErrors } from "./errors";
import type { FunctionRow } from "./model";
import { page, pageSize } from "./paging";
import type { LambdaInput } from "./schemas";
import { findAlias, lockFunction, requireFunction } from "./store";
import { functionTarget, type FunctionTarget } from "./target";
import { PATTERNS, violations, type Violations } from "./validation";

export interface AliasConfiguration {
  AliasArn: string;
  Name: string;
  FunctionVersion: string;
  Description: string;
  RoutingConfig?: { AdditionalVersionWeights: Record<string, number> };
  RevisionId: string;
}

export function weightsOf(alias: Pick<LambdaAlias, "additionalVersionWeights">): Record<string, number> {
  return (alias.additionalVersionWeights as Record<string, number> | null) ?? {};
}

function aliasConfiguration(fn: FunctionRow, alias: LambdaAlias): AliasConfiguration {
  const weights = weightsOf(alias);
  return {
    AliasArn: functionArn(fn.region, fn.accountId, fn.name, alias.name),
    Name: alias.name,
    FunctionVersion: alias.functionVersion,
    Description: alias.description,
    ...(Object.keys(weights).length > 0 && { RoutingConfig: { AdditionalVersionWeights: weights } }),
    RevisionId: alias.revisionId,
  };
}

export const aliasNotFound = (fn: FunctionRow, name: string) => LambdaErrors.resourceNotFound(`Cannot find alias arn: ${functionArn(fn.region, fn.accountId, fn.name, name)}`);

function checkAliasMembers(
  v: Violations,
  input: { Name: string; FunctionVersion?: string; Description?: string; RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> } },
): void {
  v.length(input.Name, "name", 1, 128)
    .matches(input.Name, "name", PATTERNS.alias)
    .length(input.FunctionVersion, "functionVersion", 1, 1024)
    .matches(input.FunctionVersion, "functionVersion", PATTERNS.version)
    .length(input.Description, "description", 0, 256);
  for (const [version, weight] of Object.entries(input.RoutingConfig?.AdditionalVersionWeights ?? {})) {
    const entry = `{${version}=${weight}}`;
    if (weight < 0 || weight > 1) {
      v.add(
        entry,
        "routingConfig.additionalVersionWeights",
        "Map value must satisfy constraint: [Member must have value less than or equal to 1.0, Member must have value greater than or equal to 0.0, Member must not be null]",
      );
    }
    if (!PATTERNS.additionalVersion.regex.test(version)) {
      v.add(
        entry,
        "routingConfig.additionalVersionWeights",
        "Map keys must satisfy constraint: [Member must have length less than or equal to 1024, Member must have length greater than or equal to 1, Member must satisfy regular expression pattern: [0-9]+, Member must not be null]",
      );
    }
  }
  v.check();
}

async function requireVersion(tx: Db, fn: FunctionRow, version: string): Promise<void> {
  const found = await tx.lambdaVersion.findUnique({ where: { functionId_version: { functionId: fn.id, version } }, select: { id: true } });
  if (!found) throw LambdaErrors.functionNotFound(functionArn(fn.region, fn.accountId, fn.name, version));
}

/** AWS's rules for a weighted alias: one additional, existing, published version other than the primary. */
async function checkRouting(tx: Db, fn: FunctionRow, functionVersion: string, weights: Record<string, number>): Promise<void> {
  const versions = Object.keys(weights);
  if (versions.length === 0) return;
  if (versions.length > 1) throw LambdaErrors.invalidParameter("Number of items in AdditionalVersionWeights cannot be greater than 1");
  const [additional] = versions as [string];
  if (additional === functionVersion) {
    throw LambdaErrors.invalidParameter(`Invalid function version ${functionVersion}. Function version ${functionVersion} is already included in routing configuration.`);
  }
  if (functionVersion === LATEST) throw LambdaErrors.invalidParameter("$LATEST is not supported for an alias pointing to more than 1 version");
  await requireVersion(tx, fn, additional);
}

const weightsData = (weights: Record<string, number>) => (Object.keys(weights).length > 0 ? weights : Prisma.DbNull);

/** The alias, with its function locked for the rest of the transaction. */
async function lockAlias(tx: Db, target: FunctionTarget, name: string): Promise<{ fn: FunctionRow; alias: LambdaAlias }> {
  const fn = await lockFunction(tx, target);
  const alias = await findAlias(tx, fn.id, name);
  if (!alias) throw aliasNotFound(fn, name);
  return { fn, alias };
}

export async function createAlias(db: PrismaClient, ctx: CallContext, input: LambdaInput<"CreateAlias">): Promise<AliasConfiguration> {
  requireRole(ctx, "developer", "lambda:CreateAlias");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:CreateAlias", unqualified: true });
  checkAliasMembers(violations(), input);
  const weights = input.RoutingConfig?.AdditionalVersionWeights ?? {};
  try {
    return await db.$transaction(async (tx) => {
      const fn = await lockFunction(tx, target);
      await requireVersion(tx, fn, input.FunctionVersion);
      const existing = await findAlias(tx, fn.id, input.Name);
      if (existing) throw LambdaErrors.conflict(`Alias already exists: ${functionArn(fn.region, fn.accountId, fn.name, input.Name)}`);
      await checkRouting(tx, fn, input.FunctionVersion, weights);
      const alias = await tx.lambdaAlias.create({
        data: {
          functionId: fn.id,
          name: input.Name,
          functionVersion: input.FunctionVersion,
          description: input.Description ?? "",
          additionalVersionWeights: weightsData(weights),
          revisionId: randomUUID(),
        },
      });
      return aliasConfiguration(fn, alias);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw LambdaErrors.conflict(`Alias already exists: ${functionArn(target.region, target.accountId, target.name, input.Name)}`);
    throw error;
  }
}

export async function getAlias(db: Db, ctx: CallContext, input: LambdaInput<"GetAlias">): Promise<AliasConfiguration> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:GetAlias", unqualified: true });
  checkAliasMembers(violations(), input);
  const fn = await requireFunction(db, target);
  const alias = await findAlias(db, fn.id, input.Name);
  if (!alias) throw aliasNotFound(fn, input.Name);
  return aliasConfiguration(fn, alias);
}

export async function updateAlias(db: PrismaClient, ctx: CallContext, input: LambdaInput<"UpdateAlias">): Promise<AliasConfiguration> {
  requireRole(ctx, "developer", "lambda:UpdateAlias");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:UpdateAlias", unqualified: true });
  checkAliasMembers(violations(), input);
  return db.$transaction(async (tx) => {
    const { fn, alias } = await lockAlias(tx, target, input.Name);
    if (input.RevisionId !== undefined && input.RevisionId !== alias.revisionId) throw LambdaErrors.preconditionFailed();
    const functionVersion = input.FunctionVersion ?? alias.functionVersion;
    if (input.FunctionVersion !== undefined) await requireVersion(tx, fn, functionVersion);
    // RoutingConfig replaces the routing when given (an empty one removes it).
    const weights = input.RoutingConfig === undefined ? weightsOf(alias) : (input.RoutingConfig.AdditionalVersionWeights ?? {});
    await checkRouting(tx, fn, functionVersion, weights);
    const updated = await tx.lambdaAlias.update({
      where: { id: alias.id },
      data: {
        functionVersion,
        description: input.Description ?? alias.description,
        additionalVersionWeights: weightsData(weights),
        revisionId: randomUUID(),
      },
    });
    return aliasConfiguration(fn, updated);
  });
}

export async function deleteAlias(db: PrismaClient, ctx: CallContext, input: LambdaInput<"DeleteAlias">): Promise<void> {
  requireRole(ctx, "developer", "lambda:DeleteAlias");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:DeleteAlias", unqualified: true });
  checkAliasMembers(violations(), input);
  await db.$transaction(async (tx) => {
    const { fn, alias } = await lockAlias(tx, target, input.Name);
    const scope = { functionId: fn.id, qualifier: alias.name };
    await tx.lambdaProvisionedConcurrency.deleteMany({ where: scope });
    await tx.lambdaEventInvokeConfig.deleteMany({ where: scope });
    await tx.lambdaPolicyStatement.deleteMany({ where: scope });
    await tx.lambdaAlias.delete({ where: { id: alias.id } });
  });
}

export async function listAliases(db: Db, ctx: CallContext, input: LambdaInput<"ListAliases">): Promise<{ Aliases: AliasConfiguration[]; NextMarker?: string }> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:ListAliases", unqualified: true });
  violations().length(input.FunctionVersion, "functionVersion", 1, 1024).matches(input.FunctionVersion, "functionVersion", PATTERNS.version).check();
  const limit = pageSize(input.MaxItems, 10_000);
  const fn = await requireFunction(db, target);
  const aliases = await db.lambdaAlias.findMany({
    where: { functionId: fn.id, ...(input.FunctionVersion !== undefined && { functionVersion: input.FunctionVersion }) },
    orderBy: { name: "asc" },
  });
  const { items, nextMarker } = page(aliases, (a) => a.name, input.Marker, limit);
  return { Aliases: items.map((a) => aliasConfiguration(fn, a)), ...(nextMarker && { NextMarker: nextMarker }) };
}
