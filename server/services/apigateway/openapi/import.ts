/**
 * ImportRestApi and PutRestApi: an API from an OpenAPI 3.0 or Swagger 2.0 document (JSON or YAML). The
 * whole import is one transaction, so a document with errors (or with warnings, under failonwarnings)
 * leaves nothing behind.
 */
import type { PrismaClient } from "../../../db/client";
import type { CallContext } from "../../context";
import { enumViolation } from "../errors";
import type { RestApi, RestApiConfig } from "../model";
import { checkConfig, configOf, insertRestApi, newRestApiConfig, toRestApi } from "../rest-apis";
import type { ApigwInput } from "../schemas";
import { changeApi } from "../store";
import { applyDefinition, IMPORT_MODES } from "./apply";
import { type ApiDefinition, basePathMode, readDefinition } from "./definition";
import { parseDocument } from "./document";
import { ImportProblems } from "./problems";

/** An import builds a whole API in one transaction: one at AWS's quota of 300 resources takes seconds, past Prisma's default limit. */
const IMPORT_TRANSACTION = { timeout: 60_000 };

/** AWS's RestApi, with the import's warnings when there were some. */
export type ImportedRestApi = RestApi & { warnings?: string[] };

function readBody(input: { body: Buffer; parameters?: Record<string, string> }, problems: ImportProblems): ApiDefinition {
  return readDefinition(parseDocument(input.body), basePathMode(input.parameters?.basepath), problems);
}

function withWarnings(api: RestApi, problems: ImportProblems): ImportedRestApi {
  return problems.warnings.length > 0 ? { ...api, warnings: problems.warnings } : api;
}

export async function importRestApi(db: PrismaClient, ctx: CallContext, input: ApigwInput<"ImportRestApi">): Promise<ImportedRestApi> {
  const problems = new ImportProblems();
  const definition = readBody(input, problems);
  const types = input.parameters?.endpointConfigurationTypes;
  const config = newRestApiConfig({ ...definition.settings, ...(types !== undefined && { endpointConfiguration: { types: types.split(",") } }) });
  const row = await db.$transaction(async (tx) => {
    const api = await insertRestApi(tx, ctx, { name: definition.name, config });
    await applyDefinition(tx, api, definition, "merge", problems);
    problems.throwIfFailed(input.failOnWarnings ?? false);
    return api;
  }, IMPORT_TRANSACTION);
  return withWarnings(toRestApi(row), problems);
}

export async function putRestApi(db: PrismaClient, ctx: CallContext, input: ApigwInput<"PutRestApi">): Promise<ImportedRestApi> {
  const mode = IMPORT_MODES.find((candidate) => candidate === (input.mode ?? "merge"));
  if (!mode) throw enumViolation(input.mode ?? "", "putRestApiInput.mode", IMPORT_MODES);
  const problems = new ImportProblems();
  const definition = readBody(input, problems);
  return changeApi(db, ctx, input.restApiId, async (tx, row) => {
    await applyDefinition(tx, row, definition, mode, problems);
    problems.throwIfFailed(input.failOnWarnings ?? false);
    // An overwrite takes the document's settings, those it leaves out included; a merge only those it gives.
    const current = configOf(toRestApi(row));
    const { description: _description, version: _version, binaryMediaTypes: _binaryMediaTypes, ...kept } = current;
    const config: RestApiConfig = { ...(mode === "overwrite" ? { ...kept, apiKeySource: "HEADER" } : current), ...definition.settings };
    checkConfig(config, "putRestApiInput");
    const updated = await tx.apigwRestApi.update({ where: { id: row.id }, data: { name: definition.name, config: { ...config } } });
    return withWarnings(toRestApi(updated), problems);
  }, IMPORT_TRANSACTION);
}
