/**
 * Reserved concurrency (per function) and provisioned concurrency (per version or alias). Both are
 * taken from the account's pool, which must keep its unreserved minimum. Provisioned configs record
 * what was requested; the execution engine reports what it has allocated (setProvisionedConcurrencyStatus).
 */
import type { Db, PrismaClient } from "../../db/client";
import type { LambdaProvisionedConcurrency } from "../../db/generated/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { reservedConcurrency } from "./account";
import { aliasNotFound } from "./aliases";
import { functionArn, LATEST } from "./arns";
import { LambdaErrors } from "./errors";
import { accountLimits } from "./limits";
import { lambdaDate, type FunctionRow } from "./model";
import { page, pageSize } from "./paging";
import type { LambdaInput } from "./schemas";
import { findAlias, isVersionQualifier, lockFunction, requireFunction } from "./store";
import { functionTarget, type FunctionTarget } from "./target";
import { violations } from "./validation";

/** Serialises the account's concurrency changes, so two functions cannot both take the last of the pool. */
async function lockAccountConcurrency(tx: Db, target: FunctionTarget): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`lambda-concurrency:${target.accountId}:${target.region}`}))`;
}

function belowMinimum(what: string): never {
  throw LambdaErrors.invalidParameter(
    `Specified ${what} for function decreases account's UnreservedConcurrentExecution below its minimum value of [${accountLimits().unreservedMinimum}].`,
  );
}

async function provisionedTotal(tx: Db, fn: FunctionRow, exceptQualifier?: string): Promise<number> {
  const { _sum } = await tx.lambdaProvisionedConcurrency.aggregate({
    where: { functionId: fn.id, ...(exceptQualifier !== undefined && { qualifier: { not: exceptQualifier } }) },
    _sum: { requested: true },
  });
  return _sum.requested ?? 0;
}

export async function putFunctionConcurrency(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"PutFunctionConcurrency">,
): Promise<{ ReservedConcurrentExecutions: number }> {
  requireRole(ctx, "developer", "lambda:PutFunctionConcurrency");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:PutFunctionConcurrency", unqualified: true });
  const reserved = input.ReservedConcurrentExecutions;
  violations().range(reserved, "reservedConcurrentExecutions", 0).check();
  return db.$transaction(async (tx) => {
    await lockAccountConcurrency(tx, target);
    const fn = await lockFunction(tx, target);
    const unreserved = accountLimits().concurrentExecutions - (await reservedConcurrency(tx, ctx, fn.id));
    if (unreserved - reserved < accountLimits().unreservedMinimum) belowMinimum("ReservedConcurrentExecutions");
    const provisioned = await provisionedTotal(tx, fn);
    if (provisioned > reserved) {
      throw LambdaErrors.invalidParameter(
        ` ReservedConcurrentExecutions  ${reserved} should not be lower than function's total provisioned concurrency [${provisioned}].`,
      );
    }
    await tx.lambdaFunction.update({ where: { id: fn.id }, data: { reservedConcurrency: reserved } });
    return { ReservedConcurrentExecutions: reserved };
  });
}

export async function getFunctionConcurrency(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"GetFunctionConcurrency">,
): Promise<{ ReservedConcurrentExecutions?: number }> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:GetFunctionConcurrency", unqualified: true });
  const fn = await requireFunction(db, target);
  return fn.reservedConcurrency === null ? {} : { ReservedConcurrentExecutions: fn.reservedConcurrency };
}

export async function deleteFunctionConcurrency(db: PrismaClient, ctx: CallContext, input: LambdaInput<"DeleteFunctionConcurrency">): Promise<void> {
  requireRole(ctx, "developer", "lambda:DeleteFunctionConcurrency");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:DeleteFunctionConcurrency", unqualified: true });
  const fn = await requireFunction(db, target);
  await db.lambdaFunction.update({ where: { id: fn.id }, data: { reservedConcurrency: null } });
}

export interface ProvisionedConcurrencyConfig {
  RequestedProvisionedConcurrentExecutions: number;
  AvailableProvisionedConcurrentExecutions: number;
  AllocatedProvisionedConcurrentExecutions: number;
  Status: string;
  StatusReason?: string;
  LastModified: string;
}

function provisionedConfig(row: LambdaProvisionedConcurrency): ProvisionedConcurrencyConfig {
  return {
    RequestedProvisionedConcurrentExecutions: row.requested,
    AvailableProvisionedConcurrentExecutions: row.available,
    AllocatedProvisionedConcurrentExecutions: row.allocated,
    Status: row.status,
    ...(row.statusReason !== null && { StatusReason: row.statusReason }),
    LastModified: lambdaDate(row.lastModified),
  };
}

/** Provisioned concurrency applies to a published version or an alias, never to $LATEST. */
function provisionedTarget(ctx: CallContext, input: { FunctionName: string; Qualifier: string }, action: string, latestMessage: string): FunctionTarget & { qualifier: string } {
  const target = functionTarget(ctx, input.FunctionName, { action, qualifier: input.Qualifier });
  if (target.qualifier === undefined) throw new Error("Qualifier is required"); // the schema requires it
  if (target.qualifier === LATEST) throw LambdaErrors.invalidParameter(latestMessage);
  return { ...target, qualifier: target.qualifier };
}

/** The version or alias a qualifier names must exist. */
async function requireQualifier(db: Db, fn: FunctionRow, qualifier: string) {
  if (isVersionQualifier(qualifier)) {
    const version = await db.lambdaVersion.findUnique({ where: { functionId_version: { functionId: fn.id, version: qualifier } } });
    if (!version) throw LambdaErrors.functionNotFound(functionArn(fn.region, fn.accountId, fn.name, qualifier));
    return { alias: null };
  }
  const alias = await findAlias(db, fn.id, qualifier);
  if (!alias) throw aliasNotFound(fn, qualifier);
  return { alias };
}

const NOT_PUBLISHED = "The function resource provided must be an alias or a published version.";

export async function putProvisionedConcurrencyConfig(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"PutProvisionedConcurrencyConfig">,
): Promise<ProvisionedConcurrencyConfig> {
  requireRole(ctx, "developer", "lambda:PutProvisionedConcurrencyConfig");
  const requested = input.ProvisionedConcurrentExecutions;
  violations().range(requested, "provisionedConcurrentExecutions", 1).check();
  const target = provisionedTarget(ctx, input, "lambda:PutProvisionedConcurrencyConfig", "Provisioned Concurrency Configs cannot be applied to unpublished function versions.");
  const qualifier = target.qualifier;
  return db.$transaction(async (tx) => {
    await lockAccountConcurrency(tx, target);
    const fn = await lockFunction(tx, { ...target, arn: target.unqualifiedArn });
    const { alias } = await requireQualifier(tx, fn, qualifier);
    const configs = await tx.lambdaProvisionedConcurrency.findMany({ where: { functionId: fn.id } });
    const configured = new Set(configs.map((c) => c.qualifier));
    if (alias && configured.has(alias.functionVersion)) {
      throw LambdaErrors.conflict("Alias can't be used for Provisioned Concurrency configuration on an already Provisioned version");
    }
    if (!alias) {
      const aliases = await tx.lambdaAlias.findMany({ where: { functionId: fn.id, functionVersion: qualifier } });
      if (aliases.some((a) => configured.has(a.name))) throw LambdaErrors.conflict("Version is pointed by a Provisioned Concurrency alias");
    }
    const others = configs.filter((c) => c.qualifier !== qualifier).reduce((sum, c) => sum + c.requested, 0);
    if (fn.reservedConcurrency !== null) {
      if (fn.reservedConcurrency < others + requested) {
        throw LambdaErrors.invalidParameter("Requested Provisioned Concurrency should not be greater than the reservedConcurrentExecution for function");
      }
    } else {
      const unreserved = accountLimits().concurrentExecutions - (await reservedConcurrency(tx, ctx, fn.id)) - others;
      if (unreserved - requested < accountLimits().unreservedMinimum) belowMinimum("ConcurrentExecutions");
    }
    const state = { requested, allocated: 0, available: 0, status: "IN_PROGRESS", statusReason: null, lastModified: new Date() };
    const row = await tx.lambdaProvisionedConcurrency.upsert({
      where: { functionId_qualifier: { functionId: fn.id, qualifier } },
      create: { functionId: fn.id, qualifier, ...state },
      update: state,
    });
    return provisionedConfig(row);
  });
}

export async function getProvisionedConcurrencyConfig(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"GetProvisionedConcurrencyConfig">,
): Promise<ProvisionedConcurrencyConfig> {
  const target = provisionedTarget(ctx, input, "lambda:GetProvisionedConcurrencyConfig", NOT_PUBLISHED);
  const fn = await requireFunction(db, { ...target, arn: target.unqualifiedArn });
  await requireQualifier(db, fn, target.qualifier);
  const row = await db.lambdaProvisionedConcurrency.findUnique({ where: { functionId_qualifier: { functionId: fn.id, qualifier: target.qualifier } } });
  if (!row) throw LambdaErrors.provisionedConcurrencyNotFound();
  return provisionedConfig(row);
}

export async function deleteProvisionedConcurrencyConfig(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"DeleteProvisionedConcurrencyConfig">,
): Promise<void> {
  requireRole(ctx, "developer", "lambda:DeleteProvisionedConcurrencyConfig");
  const target = provisionedTarget(ctx, input, "lambda:DeleteProvisionedConcurrencyConfig", NOT_PUBLISHED);
  const fn = await requireFunction(db, { ...target, arn: target.unqualifiedArn });
  await requireQualifier(db, fn, target.qualifier);
  await db.lambdaProvisionedConcurrency.deleteMany({ where: { functionId: fn.id, qualifier: target.qualifier } });
}

export async function listProvisionedConcurrencyConfigs(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"ListProvisionedConcurrencyConfigs">,
): Promise<{ ProvisionedConcurrencyConfigs: (ProvisionedConcurrencyConfig & { FunctionArn: string })[]; NextMarker?: string }> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:ListProvisionedConcurrencyConfigs", unqualified: true });
  const limit = pageSize(input.MaxItems, 50);
  const fn = await requireFunction(db, target);
  const rows = await db.lambdaProvisionedConcurrency.findMany({ where: { functionId: fn.id } });
  const { items, nextMarker } = page(rows, (r) => r.qualifier, input.Marker, limit);
  return {
    ProvisionedConcurrencyConfigs: items.map((r) => ({ FunctionArn: functionArn(fn.region, fn.accountId, fn.name, r.qualifier), ...provisionedConfig(r) })),
    ...(nextMarker && { NextMarker: nextMarker }),
  };
}

export interface ProvisionedConcurrencyStatus {
  allocated: number;
  available: number;
  status: "IN_PROGRESS" | "READY" | "FAILED";
  statusReason?: string;
}

/** For the execution engine: what it has made of a provisioned concurrency config. */
export async function setProvisionedConcurrencyStatus(db: Db, functionId: string, qualifier: string, status: ProvisionedConcurrencyStatus): Promise<void> {
  await db.lambdaProvisionedConcurrency.updateMany({
    where: { functionId, qualifier },
    data: { allocated: status.allocated, available: status.available, status: status.status, statusReason: status.statusReason ?? null },
  });
}
