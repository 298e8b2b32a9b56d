/** Models (JSON schemas): the minimal CRUD methods reference them by name in requestModels and responseModels. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import { shortId } from "./ids";
import { type Model, type RestApiRow, toModel } from "./model";
import { applyPatch, asString, memberRule, type PatchRule } from "./patch";
import type { ApigwInput } from "./schemas";
import { changeApi, page, requireApi } from "./store";

async function requireModel(db: Db, api: RestApiRow, name: string) {
  const row = await db.apigwModel.findFirst({ where: { name, restApiId: api.id, accountId: api.accountId, region: api.region } });
  if (!row) throw ApigwErrors.modelNotFound(name);
  return row;
}

/** A JSON content type's schema must be a JSON document. */
function checkSchema(schema: string | undefined, contentType: string): void {
  if (schema === undefined || !contentType.toLowerCase().includes("json")) return;
  try {
    JSON.parse(schema);
  } catch {
    throw ApigwErrors.badRequest("Invalid model specified: Validation Result: warnings : [], errors : [Invalid model schema specified]");
  }
}

export async function createModel(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateModel">): Promise<Model> {
  if (!/^[a-zA-Z0-9]+$/.test(input.name)) throw ApigwErrors.badRequest("Model name must be alphanumeric");
  checkSchema(input.schema, input.contentType);
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const scope = { restApiId: api.id, accountId: api.accountId, region: api.region };
    if (await tx.apigwModel.findFirst({ where: { ...scope, name: input.name } })) throw ApigwErrors.conflict("Model name already exists for this REST API");
    const row = await tx.apigwModel.create({
      data: { ...scope, id: shortId(), name: input.name, description: input.description ?? null, schema: input.schema ?? null, contentType: input.contentType },
    });
    return toModel(row);
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
    checkSchema(patched.schema, patched.contentType);
    const row = await tx.apigwModel.update({ where: { id: patched.id }, data: { schema: patched.schema ?? null, description: patched.description ?? null } });
    return toModel(row);
  });
}

export async function deleteModel(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteModel">): Promise<void> {
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    await tx.apigwModel.delete({ where: { id: (await requireModel(tx, api, input.modelName)).id } });
  });
}
