/**
 * CreateEventSourceMapping, Get, Update, Delete and List for Amazon SQS queues and Amazon Kinesis
 * streams. The workers pick every change up (NOTIFY) and settle the transitional state it reports
 * (Creating → Enabled, …).
 */
import { randomUUID } from "node:crypto";
import type { Db, PrismaClient } from "../../../db/client";
import { isUniqueViolation } from "../../../db/errors";
import { isAwsError } from "../../../errors";
import { requireRole } from "../../accounts/roles";
import type { CallContext } from "../../context";
import type { StreamRecord } from "../../kinesis/model";
import { visibleShards } from "../../kinesis/shards";
import { parseQueueArn } from "../../sqs/addressing";
import type { Queue } from "../../sqs/model";
import { findQueue } from "../../sqs/store";
import { parseFunctionRef } from "../arns";
import { LambdaErrors } from "../errors";
import { checkDeadLetterAccess, checkSourceAccess, functionRole } from "../execution-role";
import { decodeMarker, encodeMarker, pageSize } from "../paging";
import type { LambdaInput } from "../schemas";
import { findFunction, qualifiedConfiguration } from "../store";
import { functionTarget } from "../target";
import { PATTERNS, violations } from "../validation";
import { findSourceStream } from "./kinesis-source";
import {
  type EventSourceMappingConfiguration,
  type MappingRow,
  type MappingState,
  mappingConfiguration,
  notifyMappingWorkers,
  type SourceKind,
  sourceKindOf,
} from "./model";
import { startAtLatest } from "./stream-progress";
import {
  checkVisibilityTimeout,
  createConstraints,
  DEFAULTS,
  mergedSettings,
  queueNotFound,
  requireSupportedSource,
  settingsConstraints,
  streamNotFound,
  streamStart,
} from "./validation";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (value: unknown): value is string => typeof value === "string" && UUID.test(value);

const sourceOf = (kind: SourceKind, eventSourceArn: string) => ({ kind, fifo: kind === "sqs" && eventSourceArn.endsWith(".fifo") });

interface MappedFunction {
  /** As named: qualified when a version or alias was given. */
  arn: string;
  name: string;
  timeout: number;
  /** The execution role Lambda reads the source (and sends discarded batches) as. */
  role: string;
}

/** The function (and version or alias) a mapping invokes; AWS answers a missing one as an invalid parameter. */
async function mappedFunction(db: Db, ctx: CallContext, functionName: string, action: string): Promise<MappedFunction> {
  const target = functionTarget(ctx, functionName, { action });
  const fn = await findFunction(db, target);
  const configuration =
    fn &&
    (await qualifiedConfiguration(db, fn, target.qualifier).catch((error: unknown) => {
      if (isAwsError(error) && error.code === "ResourceNotFoundException") return null;
      throw error;
    }));
  if (!configuration) throw LambdaErrors.invalidParameter("Function does not exist");
  return { arn: target.arn, name: target.name, timeout: configuration.version.timeout, role: configuration.version.role };
}

/** The queue an event source ARN names, if it exists in the caller's account and region. */
async function findSourceQueue(db: Db, ctx: CallContext, eventSourceArn: string): Promise<Queue | null> {
  const address = parseQueueArn(eventSourceArn);
  if (!address || address.accountId !== ctx.accountId || address.region !== ctx.region) return null;
  return findQueue(db, address.accountId, address.region, address.name);
}

/** The execution role must be allowed to read the source and to send to the on-failure destination, as AWS checks them. */
async function checkMappingAccess(db: Db, ctx: CallContext, fn: MappedFunction, eventSourceArn: string, onFailureDestination: string | null): Promise<void> {
  const role = functionRole(fn.role, fn.name, ctx.region);
  await checkSourceAccess(db, role, eventSourceArn);
  if (onFailureDestination) await checkDeadLetterAccess(db, role, onFailureDestination);
}

function mappingOf(db: Db, ctx: CallContext, eventSourceArn: string, functionArn: string): Promise<MappingRow | null> {
  return db.lambdaEventSourceMapping.findFirst({ where: { accountId: ctx.accountId, region: ctx.region, eventSourceArn, functionArn } });
}

/** AWS words the conflict differently for queues and streams. */
function alreadyMapped(eventSourceArn: string, functionName: string, uuid: string) {
  const existing = `Please update or delete the existing mapping with UUID ${uuid}`;
  return LambdaErrors.conflict(
    sourceKindOf(eventSourceArn) === "sqs"
      ? `An event source mapping with SQS arn (" ${eventSourceArn} ") and function (" ${functionName} ") already exists. ${existing}`
      : `The event source arn (" ${eventSourceArn} ") and function (" ${functionName} ") provided mapping already exists. ${existing}`,
  );
}

/** Runs `change` (which checks for a conflicting mapping itself); a conflict that raced past that check is reported the same way. */
async function withoutConflict<T>(db: Db, ctx: CallContext, eventSourceArn: string, fn: Pick<MappedFunction, "arn" | "name">, change: () => Promise<T>): Promise<T> {
  try {
    return await change();
  } catch (error) {
    const existing = isUniqueViolation(error) && (await mappingOf(db, ctx, eventSourceArn, fn.arn));
    if (existing) throw alreadyMapped(eventSourceArn, fn.name, existing.uuid);
    throw error;
  }
}

async function requireUnmapped(db: Db, ctx: CallContext, eventSourceArn: string, fn: Pick<MappedFunction, "arn" | "name">): Promise<void> {
  const existing = await mappingOf(db, ctx, eventSourceArn, fn.arn);
  if (existing) throw alreadyMapped(eventSourceArn, fn.name, existing.uuid);
}

async function findMapping(db: Db, ctx: CallContext, uuid: string): Promise<MappingRow> {
  const row = isUuid(uuid) ? await db.lambdaEventSourceMapping.findFirst({ where: { uuid, accountId: ctx.accountId, region: ctx.region } }) : null;
  if (!row) throw LambdaErrors.resourceDoesNotExist();
  return row;
}

export async function createEventSourceMapping(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"CreateEventSourceMapping">,
): Promise<EventSourceMappingConfiguration> {
  requireRole(ctx, "developer", "lambda:CreateEventSourceMapping");
  createConstraints(input);
  const { arn: eventSourceArn, kind } = requireSupportedSource(input.EventSourceArn);
  const settings = mergedSettings(DEFAULTS[kind], input, sourceOf(kind, eventSourceArn));
  const start = kind === "kinesis" ? streamStart(input) : undefined;
  const fn = await mappedFunction(db, ctx, input.FunctionName, "lambda:CreateEventSourceMapping");
  let stream: StreamRecord | null = null;
  if (kind === "kinesis") {
    stream = await findSourceStream(db, ctx, eventSourceArn);
    if (!stream) throw streamNotFound(eventSourceArn);
  } else {
    const queue = await findSourceQueue(db, ctx, eventSourceArn);
    if (!queue) throw queueNotFound();
    checkVisibilityTimeout(queue.visibilityTimeout, fn.timeout);
  }
  await checkMappingAccess(db, ctx, fn, eventSourceArn, settings.onFailureDestination);
  return withoutConflict(db, ctx, eventSourceArn, fn, () =>
    db.$transaction(async (tx) => {
      await requireUnmapped(tx, ctx, eventSourceArn, fn);
      const row = await tx.lambdaEventSourceMapping.create({
        data: {
          uuid: randomUUID(),
          accountId: ctx.accountId,
          region: ctx.region,
          eventSourceArn,
          functionArn: fn.arn,
          ...settings,
          ...start,
          // A disabled mapping has nothing to start, so AWS reports it Disabled at once.
          state: settings.enabled ? "Creating" : "Disabled",
          lastModified: new Date(),
        },
      });
      if (stream && start?.startingPosition === "LATEST") await startAtLatest(tx, row, await visibleShards(tx, stream), settings.parallelizationFactor ?? 1);
      await notifyMappingWorkers(tx);
      return mappingConfiguration(row);
    }),
  );
}

export async function getEventSourceMapping(db: Db, ctx: CallContext, input: LambdaInput<"GetEventSourceMapping">): Promise<EventSourceMappingConfiguration> {
  return mappingConfiguration(await findMapping(db, ctx, input.UUID));
}

export async function updateEventSourceMapping(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"UpdateEventSourceMapping">,
): Promise<EventSourceMappingConfiguration> {
  requireRole(ctx, "developer", "lambda:UpdateEventSourceMapping");
  settingsConstraints(input).check();
  const current = await findMapping(db, ctx, input.UUID);
  const kind = sourceKindOf(current.eventSourceArn);
  const settings = mergedSettings(current, input, sourceOf(kind, current.eventSourceArn));
  const fn = input.FunctionName === undefined ? undefined : await mappedFunction(db, ctx, input.FunctionName, "lambda:UpdateEventSourceMapping");
  const queue = fn && kind === "sqs" && (await findSourceQueue(db, ctx, current.eventSourceArn));
  if (fn && queue) checkVisibilityTimeout(queue.visibilityTimeout, fn.timeout);
  // A change of function, destination or enablement is checked against the role that will act.
  if (fn || input.DestinationConfig !== undefined || input.Enabled === true) {
    const acting = fn ?? (await mappedFunction(db, ctx, current.functionArn, "lambda:UpdateEventSourceMapping"));
    await checkMappingAccess(db, ctx, acting, current.eventSourceArn, input.DestinationConfig === undefined ? null : settings.onFailureDestination);
  }
  const state: MappingState = settings.enabled === current.enabled ? "Updating" : settings.enabled ? "Enabling" : "Disabling";
  const target = fn ?? { arn: current.functionArn, name: parseFunctionRef(current.functionArn)?.name ?? current.functionArn };
  return withoutConflict(db, ctx, current.eventSourceArn, target, () =>
    db.$transaction(async (tx) => {
      if (target.arn !== current.functionArn) await requireUnmapped(tx, ctx, current.eventSourceArn, target);
      const where = { uuid: current.uuid, accountId: ctx.accountId, region: ctx.region };
      const { count } = await tx.lambdaEventSourceMapping.updateMany({
        where,
        data: { ...settings, functionArn: target.arn, state, lastModified: new Date(), revision: { increment: 1 } },
      });
      if (count === 0) throw LambdaErrors.resourceDoesNotExist();
      await notifyMappingWorkers(tx);
      return mappingConfiguration(await tx.lambdaEventSourceMapping.findFirstOrThrow({ where }));
    }),
  );
}

/** The mapping goes at once (its pollers stop on the notification); AWS answers it as Deleting. */
export async function deleteEventSourceMapping(
  db: PrismaClient,
  ctx: CallContext,
  input: LambdaInput<"DeleteEventSourceMapping">,
): Promise<EventSourceMappingConfiguration> {
  requireRole(ctx, "developer", "lambda:DeleteEventSourceMapping");
  const row = await findMapping(db, ctx, input.UUID);
  return db.$transaction(async (tx) => {
    const { count } = await tx.lambdaEventSourceMapping.deleteMany({ where: { uuid: row.uuid, accountId: ctx.accountId, region: ctx.region } });
    if (count === 0) throw LambdaErrors.resourceDoesNotExist();
    await notifyMappingWorkers(tx);
    return mappingConfiguration(row, "Deleting");
  });
}

export async function listEventSourceMappings(
  db: Db,
  ctx: CallContext,
  input: LambdaInput<"ListEventSourceMappings">,
): Promise<{ EventSourceMappings: EventSourceMappingConfiguration[]; NextMarker?: string }> {
  violations().length(input.EventSourceArn, "eventSourceArn", 12, 1024).matches(input.EventSourceArn, "eventSourceArn", PATTERNS.sourceArn).check();
  const limit = pageSize(input.MaxItems, 10_000, 100);
  const functionArn = input.FunctionName === undefined ? undefined : functionTarget(ctx, input.FunctionName, { action: "lambda:ListEventSourceMappings" }).arn;
  const after = decodeMarker(input.Marker, isUuid);
  const rows = await db.lambdaEventSourceMapping.findMany({
    where: {
      accountId: ctx.accountId,
      region: ctx.region,
      ...(input.EventSourceArn !== undefined && { eventSourceArn: input.EventSourceArn }),
      ...(functionArn !== undefined && { functionArn }),
      ...(after !== undefined && { uuid: { gt: after } }),
    },
    orderBy: { uuid: "asc" },
    take: limit + 1,
  });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    EventSourceMappings: items.map((row) => mappingConfiguration(row)),
    ...(rows.length > limit && last && { NextMarker: encodeMarker(last.uuid) }),
  };
}
