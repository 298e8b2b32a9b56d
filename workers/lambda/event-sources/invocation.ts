/**
 * How a mapping invokes its function: as the mapping (its principal), synchronously, with an event
 * that fits one synchronous invocation's payload, through this process's executor (which records the
 * invocation), once the function's execution role may read the source. Throttles are told apart from
 * failures: a throttled batch never reached the function.
 */
import { randomUUID } from "node:crypto";
import { isAwsError } from "../../../server/errors";
import type { Principal } from "../../../server/services/context";
import { eventSourceMappingArn, type MappingRow } from "../../../server/services/lambda/event-source-mappings/model";
import { functionRole, sourceAccessProblem } from "../../../server/services/lambda/execution-role";
import { SYNC_PAYLOAD_BYTES } from "../../../server/services/lambda/invocation/invoke";
import type { ResolvedFunction } from "../../../server/services/lambda/resolve";
import type { ExecuteOutcome, LambdaExecutor } from "../executor";
import { PoolCapacityError } from "../pool";
import type { PollerDeps } from "./poller";

/** The mapping invokes its function (CloudTrail shows Lambda's own service; here the mapping's ARN). */
function mappingPrincipal(mapping: MappingRow): Principal {
  return { accountId: mapping.accountId, arn: eventSourceMappingArn(mapping.region, mapping.accountId, mapping.uuid), userId: mapping.uuid, role: "developer" };
}

export const isThrottle = (error: unknown) => (isAwsError(error) && error.code === "TooManyRequestsException") || error instanceof PoolCapacityError;

/**
 * The function the mapping names, or why it cannot be invoked now: deleted, not the mapping's to invoke,
 * or its execution role may not read the source (asked of cached policies on every batch, so that a
 * policy change stops the deliveries as it would on AWS).
 */
export async function resolveTarget(deps: Pick<PollerDeps, "executor" | "iam">, mapping: MappingRow): Promise<ResolvedFunction | { unavailable: string }> {
  let resolved: ResolvedFunction;
  try {
    resolved = await deps.executor.resolve({ requestId: randomUUID(), caller: mappingPrincipal(mapping), region: mapping.region, functionName: mapping.functionArn });
  } catch (error) {
    if (isAwsError(error) && (error.code === "ResourceNotFoundException" || error.code === "AccessDeniedException")) return { unavailable: error.message };
    throw error;
  }
  const problem = await sourceAccessProblem(deps.iam, functionRole(resolved.config.role, resolved.functionName, mapping.region), mapping.eventSourceArn);
  return problem === undefined ? resolved : { unavailable: problem };
}

/** Invokes the function with `{"Records": records}`; throws what the executor throws (a throttle among them, see isThrottle). */
export async function invokeWithRecords(
  executor: LambdaExecutor,
  mapping: MappingRow,
  resolved: ResolvedFunction,
  records: readonly unknown[],
  requestId = randomUUID(),
): Promise<ExecuteOutcome> {
  return executor.execute(
    {
      requestId,
      caller: mappingPrincipal(mapping),
      region: mapping.region,
      functionName: mapping.functionArn,
      payload: Buffer.from(JSON.stringify({ Records: records })),
      invocationType: "EventSourceMapping",
    },
    { resolved },
  );
}

/** The records (at least one) that fit one synchronous invocation's payload, and the rest; `bytes` is a record's JSON size. */
export function fitPayload<T>(records: readonly T[], bytes: (record: T) => number): [T[], T[]] {
  let size = '{"Records":[]}'.length;
  let count = 0;
  for (const record of records) {
    size += bytes(record) + (count > 0 ? 1 : 0);
    if (size > SYNC_PAYLOAD_BYTES && count > 0) break;
    count++;
  }
  return [records.slice(0, count), records.slice(count)];
}
