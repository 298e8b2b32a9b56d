/** The resource tree: CreateResource / GetResource / GetResources / UpdateResource / DeleteResource. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import { longId } from "./ids";
import { methodsOf, type Resource, type ResourceRow, type RestApiRow } from "./model";
import { applyPatch, asString, memberRule, type PatchRule } from "./patch";
import type { ApigwInput } from "./schemas";
import { apiResources, changeApi, page, requireApi, requireResource } from "./store";

/** AWS's default quota of resources per API (the root included). */
export const MAX_RESOURCES_PER_API = 300;
const PATH_PART = /^(?:[a-zA-Z0-9._-]+|\{[a-zA-Z0-9._-]+\+?\})$/;

const isVariable = (pathPart: string | null | undefined) => pathPart?.startsWith("{") ?? false;
const isGreedy = (pathPart: string | null | undefined) => pathPart?.endsWith("+}") ?? false;

/** Every resource's path (`/`, `/pets`, `/pets/{id}`), computed from the tree. */
export function resourcePaths(rows: readonly Pick<ResourceRow, "id" | "parentId" | "pathPart">[]): Map<string, string> {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const paths = new Map<string, string>();
  const pathOf = (id: string): string => {
    const known = paths.get(id);
    if (known !== undefined) return known;
    const row = byId.get(id)!;
    const parentPath = row.parentId ? pathOf(row.parentId) : "";
    const path = row.parentId ? `${parentPath === "/" ? "" : parentPath}/${row.pathPart}` : "/";
    paths.set(id, path);
    return path;
  };
  for (const row of rows) pathOf(row.id);
  return paths;
}

/** AWS's Resource; `resourceMethods` lists each method as `{}` unless the caller asked to embed them. */
export function toResource(row: ResourceRow, path: string, embedMethods: boolean): Resource {
  const methods = methodsOf(row);
  const names = Object.keys(methods);
  return {
    id: row.id,
    ...(row.parentId && { parentId: row.parentId }),
    ...(row.pathPart && { pathPart: row.pathPart }),
    path,
    ...(names.length > 0 && { resourceMethods: Object.fromEntries(names.map((name) => [name, embedMethods ? methods[name]! : {}])) }),
  };
}

const embedsMethods = (embed: readonly string[] | undefined) => embed?.includes("methods") ?? false;

/** AWS's rules for a resource's place in the tree: a valid path part, unique among its siblings, one variable per level, nothing below a greedy variable. */
function checkPlacement(rows: readonly ResourceRow[], resourceId: string | undefined, parent: ResourceRow, pathPart: string): void {
  if (pathPart === "") throw ApigwErrors.badRequest("Resource's path part must be specified");
  if (!PATH_PART.test(pathPart)) {
    throw ApigwErrors.badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace.",
    );
  }
  if (isGreedy(parent.pathPart)) throw ApigwErrors.badRequest(`Cannot create a child of a resource with a greedy path variable: ${parent.pathPart}`);
  const siblings = rows.filter((row) => row.parentId === parent.id && row.id !== resourceId);
  if (siblings.some((row) => row.pathPart === pathPart)) throw ApigwErrors.conflict(`Another resource with the same parent already has this name: ${pathPart}`);
  const variable = isVariable(pathPart) ? siblings.find((row) => isVariable(row.pathPart)) : undefined;
  if (variable) throw ApigwErrors.badRequest(`A sibling (${variable.pathPart}) of this resource already has a variable path part -- only one is allowed`);
}

export async function createResource(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateResource">): Promise<Resource> {
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const rows = await apiResources(tx, api);
    const parent = rows.find((row) => row.id === input.parentId);
    if (!parent) throw ApigwErrors.resourceNotFound();
    const row = await insertResource(tx, api, rows, parent, input.pathPart);
    return toResource(row, resourcePaths([...rows, row]).get(row.id)!, false);
  });
}

/** Adds a resource under `parent`, after AWS's checks against the API's resources (`rows`); CreateResource and imports share it. */
export async function insertResource(tx: Db, api: RestApiRow, rows: readonly ResourceRow[], parent: ResourceRow, pathPart: string): Promise<ResourceRow> {
  checkPlacement(rows, undefined, parent, pathPart);
  if (rows.length >= MAX_RESOURCES_PER_API) {
    throw ApigwErrors.limitExceeded("Maximum number of Resources for this API has been reached.  Please contact AWS if you need additional Resources.");
  }
  return tx.apigwResource.create({ data: { id: longId(), accountId: api.accountId, region: api.region, restApiId: api.id, parentId: parent.id, pathPart } });
}

async function resourceWithPath(db: Db, api: RestApiRow, resourceId: string): Promise<{ row: ResourceRow; path: string }> {
  const row = await requireResource(db, api, resourceId);
  return { row, path: resourcePaths(await apiResources(db, api)).get(row.id)! };
}

export async function getResource(db: Db, ctx: CallContext, input: ApigwInput<"GetResource">): Promise<Resource> {
  const { row, path } = await resourceWithPath(db, await requireApi(db, ctx, input.restApiId), input.resourceId);
  return toResource(row, path, embedsMethods(input.embed));
}

export async function getResources(db: Db, ctx: CallContext, input: ApigwInput<"GetResources">): Promise<{ item: Resource[]; position?: string }> {
  const rows = await apiResources(db, await requireApi(db, ctx, input.restApiId));
  const paths = resourcePaths(rows);
  const embed = embedsMethods(input.embed);
  const { item, position } = page(rows, (row) => row.id, input.position, input.limit);
  return { item: item.map((row) => toResource(row, paths.get(row.id)!, embed)), ...(position && { position }) };
}

const RESOURCE_RULES: PatchRule<Resource>[] = [memberRule("parentId", asString), memberRule("pathPart", asString)];

export async function updateResource(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateResource">): Promise<Resource> {
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const rows = await apiResources(tx, api);
    const row = rows.find((candidate) => candidate.id === input.resourceId);
    if (!row) throw ApigwErrors.resourceNotFound();
    const paths = resourcePaths(rows);
    const patched = applyPatch(toResource(row, paths.get(row.id)!, false), input.patchOperations, RESOURCE_RULES);
    if (!row.parentId || !patched.parentId || patched.pathPart === undefined) throw ApigwErrors.badRequest("Root resource cannot be modified");
    const parent = rows.find((candidate) => candidate.id === patched.parentId);
    if (!parent) throw ApigwErrors.resourceNotFound();
    // The new parent may not be the resource itself or one of its descendants.
    const ownPath = paths.get(row.id)!;
    const parentPath = paths.get(parent.id)!;
    if (parent.id === row.id || parentPath.startsWith(`${ownPath}/`)) throw ApigwErrors.badRequest("Resources cannot be cyclical.");
    checkPlacement(rows, row.id, parent, patched.pathPart);
    const updated = await tx.apigwResource.update({ where: { id: row.id }, data: { parentId: parent.id, pathPart: patched.pathPart } });
    return toResource(updated, resourcePaths(rows.map((candidate) => (candidate.id === row.id ? updated : candidate))).get(row.id)!, false);
  });
}

export async function deleteResource(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteResource">): Promise<void> {
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await requireResource(tx, api, input.resourceId);
    if (row.parentId === null) throw ApigwErrors.badRequest("Cannot delete root resource");
    // Its subtree goes with it (the parent foreign key cascades).
    await tx.apigwResource.delete({ where: { id: row.id } });
  });
}
