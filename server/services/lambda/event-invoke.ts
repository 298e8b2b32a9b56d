/** Asynchronous invocation settings (retries, event age, destinations) per $LATEST, version or alias. */
import type { Db, PrismaClient } from "../../db/client";
import type { LambdaEventInvokeConfig } from "../../db/generated/client";
import { parseArn } from "../../lib/arn";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { functionArn, LATEST, parseFunctionRef } from "./arns";
import { LambdaErrors } from "./errors";
import { checkDestinationAccess, functionRole } from "./execution-role";
import type { FunctionRow } from "./model";
import { page, pageSize } from "./paging";
import type { LambdaInput } from "./schemas";
import { findAlias, findFunction, findVersion, isVersionQualifier, qualifiedConfiguration, requireFunction } from "./store";
import { functionTarget, type FunctionTarget } from "./target";
import { PATTERNS, violations } from "./validation";

export interface FunctionEventInvokeConfig {
  LastModified: Date;
  FunctionArn: string;
  MaximumRetryAttempts?: number;
  MaximumEventAgeInSeconds?: number;
  DestinationConfig: { OnSuccess: { Destination?: string }; OnFailure: { Destination?: string } };
}

export function eventInvokeConfig(fn: FunctionRow, row: LambdaEventInvokeConfig): FunctionEventInvokeConfig {
  return {
    LastModified: row.lastModified,
    FunctionArn: functionArn(fn.region, fn.accountId, fn.name, row.qualifier),
    ...(row.maximumRetryAttempts !== null && { MaximumRetryAttempts: row.maximumRetryAttempts }),
    ...(row.maximumEventAgeInSeconds !== null && { MaximumEventAgeInSeconds: row.maximumEventAgeInSeconds }),
    DestinationConfig: {
      OnSuccess: row.onSuccessDestination === null ? {} : { Destination: row.onSuccessDestination },
      OnFailure: row.onFailureDestination === null ? {} : { Destination: row.onFailureDestination },
    },
  };
}

type SettingsInput = Pick<LambdaInput<"PutFunctionEventInvokeConfig">, "MaximumRetryAttempts" | "MaximumEventAgeInSeconds" | "DestinationConfig">;

function checkSettings(input: SettingsInput): void {
  const success = input.DestinationConfig?.OnSuccess?.Destination;
  const failure = input.DestinationConfig?.OnFailure?.Destination;
  violations()
    .range(input.MaximumRetryAttempts, "maximumRetryAttempts", 0, 2)
    .range(input.MaximumEventAgeInSeconds, "maximumEventAgeInSeconds", 60, 21600)
    .length(success, "destinationConfig.onSuccess.destination", 0, 350)
    .matches(success, "destinationConfig.onSuccess.destination", PATTERNS.destinationArn)
    .length(failure, "destinationConfig.onFailure.destination", 0, 350)
    .matches(failure, "destinationConfig.onFailure.destination", PATTERNS.destinationArn)
    .check();
  if (input.MaximumRetryAttempts === undefined && input.MaximumEventAgeInSeconds === undefined && input.DestinationConfig === undefined) {
    throw LambdaErrors.invalidParameter("You must specify at least one of error handling or destination setting.");
  }
}

/**
 * Destinations are SQS queues, SNS topics, EventBridge buses or other functions of the account;
 * a function cannot be its own destination, and its execution role (the qualifier's) must be allowed
 * to send to them.
 */
async function checkDestinations(db: Db, fn: FunctionRow, qualifier: string, input: SettingsInput): Promise<void> {
  const success = input.DestinationConfig?.OnSuccess?.Destination || undefined;
  const failure = input.DestinationConfig?.OnFailure?.Destination || undefined;
  const destinations = [success, failure].filter((arn) => arn !== undefined);
  for (const arn of destinations) {
    const service = parseArn(arn)?.service;
    if (service === "lambda") {
      const ref = parseFunctionRef(arn);
      const destination = ref && ref.accountId === fn.accountId ? await findFunction(db, { accountId: fn.accountId, region: ref.region ?? fn.region, name: ref.name }) : null;
      if (!destination) throw LambdaErrors.invalidParameter(`The destination ARN ${arn} is invalid.`);
      if (destination.id === fn.id) throw LambdaErrors.invalidParameter("You can't specify the function as a destination for itself.");
    } else if (service !== "sqs" && service !== "sns" && service !== "events") {
      const part = (name: string, value: string | undefined) => (value === undefined ? "null" : `${name}(destination=${value})`);
      throw LambdaErrors.invalidParameter(
        `The provided destination config DestinationConfig(onSuccess=${part("OnSuccess", success)}, onFailure=${part("OnFailure", failure)}) is invalid.`,
      );
    }
  }
  if (destinations.length === 0) return;
  const { version } = await qualifiedConfiguration(db, fn, qualifier);
  for (const arn of destinations) await checkDestinationAccess(db, functionRole(version.role, fn.name, fn.region), arn);
}

/** The function and the qualifier ($LATEST when none) whose config the call names; the version or alias must exist. */
async function configTarget(db: Db, target: FunctionTarget): Promise<{ fn: FunctionRow; qualifier: string }> {
  const fn = await findFunction(db, target);
  const qualifier = target.qualifier ?? LATEST;
  const exists =
    fn &&
    (isVersionQualifier(qualifier) ? await findVersion(db, fn.id, qualifier) : await findAlias(db, fn.id, qualifier));
  if (!fn || !exists) throw LambdaErrors.resourceNotFound("The function doesn't exist.");
  return { fn, qualifier };
}

/** Put and Update: the caller's role, the settings, the function and qualifier, and the destinations checked. */
async function checkedChange(
  db: Db,
  ctx: CallContext,
  input: SettingsInput & { FunctionName: string; Qualifier?: string },
  action: string,
): Promise<{ fn: FunctionRow; qualifier: string }> {
  requireRole(ctx, "developer", action);
  const target = functionTarget(ctx, input.FunctionName, { action, qualifier: input.Qualifier, namespaced: true });
  checkSettings(input);
  const checked = await configTarget(db, target);
  await checkDestinations(db, checked.fn, checked.qualifier, input);
  return checked;
}

function noConfig(fn: Pick<FunctionTarget, "accountId" | "region" | "name">, qualifier: string) {
  return LambdaErrors.resourceNotFound(`The function ${functionArn(fn.region, fn.accountId, fn.name, qualifier)} doesn't have an EventInvokeConfig`);
}

const destination = (value: string | undefined) => value || null;

export async function putFunctionEventInvokeConfig(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"PutFunctionEventInvokeConfig">,
): Promise<FunctionEventInvokeConfig> {
  const { fn, qualifier } = await checkedChange(db, ctx, input, "lambda:PutFunctionEventInvokeConfig");
  // Put replaces the whole configuration.
  const settings = {
    maximumRetryAttempts: input.MaximumRetryAttempts ?? null,
    maximumEventAgeInSeconds: input.MaximumEventAgeInSeconds ?? null,
    onSuccessDestination: destination(input.DestinationConfig?.OnSuccess?.Destination),
    onFailureDestination: destination(input.DestinationConfig?.OnFailure?.Destination),
    lastModified: new Date(),
  };
  const row = await db.lambdaEventInvokeConfig.upsert({
    where: { functionId_qualifier: { functionId: fn.id, qualifier } },
    create: { functionId: fn.id, qualifier, ...settings },
    update: settings,
  });
  return eventInvokeConfig(fn, row);
}

export async function updateFunctionEventInvokeConfig(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"UpdateFunctionEventInvokeConfig">,
): Promise<FunctionEventInvokeConfig> {
  const { fn, qualifier } = await checkedChange(db, ctx, input, "lambda:UpdateFunctionEventInvokeConfig");
  // Update changes only the members given (a DestinationConfig replaces both destinations).
  const where = { functionId_qualifier: { functionId: fn.id, qualifier } };
  const current = await db.lambdaEventInvokeConfig.findUnique({ where });
  if (!current) throw noConfig(fn, qualifier);
  const row = await db.lambdaEventInvokeConfig.update({
    where,
    data: {
      ...(input.MaximumRetryAttempts !== undefined && { maximumRetryAttempts: input.MaximumRetryAttempts }),
      ...(input.MaximumEventAgeInSeconds !== undefined && { maximumEventAgeInSeconds: input.MaximumEventAgeInSeconds }),
      ...(input.DestinationConfig !== undefined && {
        onSuccessDestination: destination(input.DestinationConfig.OnSuccess?.Destination),
        onFailureDestination: destination(input.DestinationConfig.OnFailure?.Destination),
      }),
      lastModified: new Date(),
    },
  });
  return eventInvokeConfig(fn, row);
}

export async function getFunctionEventInvokeConfig(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"GetFunctionEventInvokeConfig">,
): Promise<FunctionEventInvokeConfig> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:GetFunctionEventInvokeConfig", qualifier: input.Qualifier, namespaced: true });
  const qualifier = target.qualifier ?? LATEST;
  const fn = await findFunction(db, target);
  const row = fn && (await db.lambdaEventInvokeConfig.findUnique({ where: { functionId_qualifier: { functionId: fn.id, qualifier } } }));
  if (!fn || !row) throw noConfig(target, qualifier);
  return eventInvokeConfig(fn, row);
}

export async function deleteFunctionEventInvokeConfig(db: PrismaClient, ctx: CallContext, input: LambdaInput<"DeleteFunctionEventInvokeConfig">): Promise<void> {
  requireRole(ctx, "developer", "lambda:DeleteFunctionEventInvokeConfig");
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:DeleteFunctionEventInvokeConfig", qualifier: input.Qualifier, namespaced: true });
  const qualifier = target.qualifier ?? LATEST;
  const fn = await findFunction(db, target);
  const deleted = fn ? await db.lambdaEventInvokeConfig.deleteMany({ where: { functionId: fn.id, qualifier } }) : { count: 0 };
  if (deleted.count === 0) throw noConfig(target, qualifier);
}

export async function listFunctionEventInvokeConfigs(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"ListFunctionEventInvokeConfigs">,
): Promise<{ FunctionEventInvokeConfigs: FunctionEventInvokeConfig[]; NextMarker?: string }> {
  const target = functionTarget(ctx, input.FunctionName, { action: "lambda:ListFunctionEventInvokeConfigs", unqualified: true, namespaced: true });
  const limit = pageSize(input.MaxItems, 50);
  const fn = await requireFunction(db, target);
  const rows = await db.lambdaEventInvokeConfig.findMany({ where: { functionId: fn.id } });
  const { items, nextMarker } = page(rows, (r) => r.qualifier, input.Marker, limit);
  return { FunctionEventInvokeConfigs: items.map((r) => eventInvokeConfig(fn, r)), ...(nextMarker && { NextMarker: nextMarker }) };
}
