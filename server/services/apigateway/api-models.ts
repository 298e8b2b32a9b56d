/** Models (JSON schemas): the minimal CRUD methods reference them by name in requestModels and responseModels. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import { shortId } from "./ids";
import { type Model, type RestApiRow, toModel } from "./model";
import { hasCanonicalRefs } from "./model-urls";
import { applyPatch, asString, memberRule, type PatchRule } from "./patch";
import type { ApigwInput } from "./schemas";
import { changeApi, page, requireApi } from "./store";

async function requireModel(db: Db, api: RestApiRow, name: string) {
  const row = await db.apigwModel.findFirst({ where: { name, restApiId: api.id, accountId: api.accountId, region: api.region } });
  if (!row) throw ApigwErrors.modelNotFound(name);
  return row;
}

const invalidModel = (error: string) => ApigwErrors.badRequest(`Invalid model specified: Validation Result: warnings : [], errors : [${error}]`);

/** A JSON content type's schema must be a JSON document, referring to other models only by their URLs. */
function checkSchema(schema: string | undefined, contentType: string): void {
  if (schema === undefined || !contentType.toLowerCase().includes("json")) return;
  let parsed: unknown;
  try {
    parsed = JSON.parse(schema);
  } catch {
    throw invalidModel("Invalid model schema specified");
  }
  if (!hasCanonicalRefs(parsed)) throw invalidModel("Model reference must be in canonical form");
}

/** A model's name and schema, as AWS checks them on create (CreateModel or an import) and after an update. */
export function checkModel(model: Pick<Model, "name" | "schema" | "contentType">): void {
  if (!/^[a-zA-Z0-9]+$/.test(model.name)) throw ApigwErrors.badRequest("Model name must be alphanumeric");
  checkSchema(model.schema, model.contentType);
}

/** Stores the model: a new one, or over the one with its id. */
export async function saveModel(tx: Db, api: RestApiRow, model: Model): Promise<Model> {
  const data = { name: model.name, description: model.description ?? null, schema: model.schema ?? null, contentType: model.contentType };
  const row = await tx.apigwModel.upsert({
    where: { id: model.id },
    create: { id: model.id, restApiId: api.id, accountId: api.accountId, region: api.region, ...data },
    update: data,
  });
  return toModel(row);
}

export async function createModel(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateModel">): Promise<Model> {
  checkModel(input);
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    if (await tx.apigwModel.findFirst({ where: { restApiId: api.id, accountId: api.accountId, region: api.region, name: input.name } })) {
      throw ApigwErrors.conflict("Model name already exists for this REST API");
    }
    const { restApiId: _restApiId, ...model } = input;
    return saveModel(tx, api, { id: shortId(), ...model });
  });
}

export async function getModel(db: Db, ctx: CallContext, input: ApigwInput<"GetModel">): Promise<Model> {
  return toModel(await requireModel(db, await requireApi(db, ctx, input.restApiId), input.modelName));
}

export async function getModels(db: Db, ctx: CallContext, input: ApigwInput<"GetModels">): Promise<{ item: Model[]; position?: string }> {
  const api = await requireApi(db, ctx, input.restApiId);
  const rows = await db.apigwModel.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  const { item, position } = page(rows.map(toModel), (model) => model.name, input.position, input.limit);
  return { item, ...(position && { position }) };
}

const MODEL_RULES: PatchRule<Model>[] = [memberRule("schema", asString), memberRule("description", asString, { removable: true })];

export async function updateModel(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateModel">): Promise<Model> {
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const patched = applyPatch(toModel(await requireModel(tx, api, input.modelName)), input.patchOperations, MODEL_RULES);
    checkModel(patched);
    return saveModel(tx, api, patched);
  });
}

export async function deleteModel(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteModel">): Promise<void> {
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    await tx.apigwModel.delete({ where: { id: (await requireModel(tx, api, input.modelName)).id } });
  });
}
