/**
 * Read models for the console: every REST API in one list, and an API's resource tree with its
 * methods in one call (GetResources pages and leaves methods out unless embedded, and then types
 * them loosely; the tree editor wants them all, typed).
 */
import { z } from "zod";
import type { Db } from "../../db/client";
import type { CallContext } from "../context";
import type { ServiceOperation } from "../operation";
import type { ImportedRestApi } from "./openapi/import";
import { apigwOperations } from "./operations";
import { type Method, methodsOf, type RestApi } from "./model";
import { resourcePaths } from "./resources";
import { toRestApi } from "./rest-apis";
import { apiResources, requireApi } from "./store";

export interface TreeResource {
  id: string;
  /** Absent for the root resource (`/`). */
  parentId?: string;
  pathPart?: string;
  path: string;
  /** By HTTP method name (ANY, DELETE, GET…). */
  methods: Method[];
}

export async function listRestApis(db: Db, ctx: CallContext): Promise<RestApi[]> {
  const rows = await db.apigwRestApi.findMany({ where: { accountId: ctx.accountId, region: ctx.region }, orderBy: [{ name: "asc" }, { id: "asc" }] });
  return rows.map(toRestApi);
}

// Code-point order, as GetResources pages them: variables (`{…}`) after literal path parts.
const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const ResourceTreeInput = z.object({ restApiId: z.string().min(1) });

/** The API's resources ordered by path, each with its methods in full. */
export async function resourceTree(db: Db, ctx: CallContext, input: z.output<typeof ResourceTreeInput>): Promise<TreeResource[]> {
  const rows = await apiResources(db, await requireApi(db, ctx, input.restApiId));
  const paths = resourcePaths(rows);
  return rows
    .map((row) => ({
      id: row.id,
      ...(row.parentId && { parentId: row.parentId }),
      ...(row.pathPart && { pathPart: row.pathPart }),
      path: paths.get(row.id)!,
      methods: Object.values(methodsOf(row)).sort((a, b) => byCodePoint(a.httpMethod, b.httpMethod)),
    }))
    .sort((a, b) => byCodePoint(a.path, b.path));
}

/** ImportRestApi from the console: the document as text (tRPC carries JSON, not the raw body the API takes). */
export const ImportDocumentInput = z.object({ document: z.string().min(1).max(6 * 1024 * 1024), failOnWarnings: z.boolean().default(false) });

export const importFromConsole: ServiceOperation<typeof ImportDocumentInput, ImportedRestApi> = {
  input: ImportDocumentInput,
  handler: (db, ctx, input) => apigwOperations.ImportRestApi.handler(db, ctx, { body: Buffer.from(input.document, "utf8"), failOnWarnings: input.failOnWarnings }),
};
