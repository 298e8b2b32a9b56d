/** Lookups every operation shares, each scoped to the caller's account and region, with AWS's not-found errors. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { announceApiChanged, localApiChanges } from "./changes";
import { ApigwErrors } from "./errors";
import type { DeploymentRow, ResourceRow, RestApiRow } from "./model";

type Scope = Pick<CallContext, "accountId" | "region">;

export async function requireApi(db: Db, ctx: Scope, restApiId: string): Promise<RestApiRow> {
  const api = await db.apigwRestApi.findFirst({ where: { id: restApiId, accountId: ctx.accountId, region: ctx.region } });
  if (!api) throw ApigwErrors.apiNotFound(ctx.accountId, restApiId);
  return api;
}

/**
 * Runs `change` in a transaction holding the API's row lock: changes to one API (its tree, methods,
 * deployments and stages) are serialised, so sibling checks and snapshots see a consistent API.
 * `timeout` lifts Prisma's limit on the transaction's length for changes as large as a whole import.
 */
export async function changeApi<T>(
  db: PrismaClient,
  ctx: Scope,
  restApiId: string,
  change: (tx: Db, api: RestApiRow) => Promise<T>,
  options?: { timeout: number },
): Promise<T> {
  const result = await db.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM apigw_rest_apis WHERE id = ${restApiId} AND account_id = ${ctx.accountId} AND region = ${ctx.region} FOR UPDATE`;
    if (locked.length === 0) throw ApigwErrors.apiNotFound(ctx.accountId, restApiId);
    await announceApiChanged(tx, restApiId);
    return change(tx, await tx.apigwRestApi.findUniqueOrThrow({ where: { id: restApiId } }));
  }, options);
  localApiChanges.emit("changed", restApiId);
  return result;
}

export async function requireResource(db: Db, api: RestApiRow, resourceId: string): Promise<ResourceRow> {
  const resource = await db.apigwResource.findFirst({ where: { id: resourceId, restApiId: api.id, accountId: api.accountId, region: api.region } });
  if (!resource) throw ApigwErrors.resourceNotFound();
  return resource;
}

export async function requireDeployment(db: Db, api: RestApiRow, deploymentId: string): Promise<DeploymentRow> {
  const row = await db.apigwDeployment.findFirst({ where: { id: deploymentId, restApiId: api.id, accountId: api.accountId, region: api.region } });
  if (!row) throw ApigwErrors.deploymentNotFound();
  return row;
}

export function apiResources(db: Db, api: RestApiRow): Promise<ResourceRow[]> {
  return db.apigwResource.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
}

/** AWS's `limit` (default 25, at most 500) and `position` paging over items ordered by a unique key. */
export function page<T>(items: readonly T[], key: (item: T) => string, position: string | undefined, limit: number | undefined): { item: T[]; position?: string } {
  if (limit !== undefined && (limit < 1 || limit > 500)) throw ApigwErrors.badRequest("Invalid limit specified. Limit must be between 1 and 500");
  const size = limit ?? 25;
  const sorted = [...items].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  const rest = position === undefined ? sorted : sorted.filter((item) => key(item) > position);
  const slice = rest.slice(0, size);
  return rest.length > size ? { item: slice, position: key(slice.at(-1)!) } : { item: slice };
}
