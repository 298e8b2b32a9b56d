/** Request validators: the minimal CRUD methods reference them by id. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors } from "./errors";
import { shortId } from "./ids";
import { type RequestValidator, type RestApiRow, toRequestValidator } from "./model";
import { applyPatch, asString, memberRule, patchBoolean, type PatchRule } from "./patch";
import type { ApigwInput } from "./schemas";
import { changeApi, page, requireApi } from "./store";

async function requireValidator(db: Db, api: RestApiRow, id: string) {
  const row = await db.apigwRequestValidator.findFirst({ where: { id, restApiId: api.id, accountId: api.accountId, region: api.region } });
  if (!row) throw ApigwErrors.validatorNotFound();
  return row;
}

function checkName(name: string): void {
  if (name.trim() === "") throw ApigwErrors.badRequest("Request Validator name cannot be blank");
}

/** Stores the validator (a new one, or over the one with its id) once its name passes AWS's check. */
export async function saveRequestValidator(tx: Db, api: RestApiRow, validator: RequestValidator): Promise<RequestValidator> {
  checkName(validator.name);
  const { id, ...data } = validator;
  const row = await tx.apigwRequestValidator.upsert({
    where: { id },
    create: { id, accountId: api.accountId, region: api.region, restApiId: api.id, ...data },
    update: data,
  });
  return toRequestValidator(row);
}

export async function createRequestValidator(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateRequestValidator">): Promise<RequestValidator> {
  return changeApi(db, ctx, input.restApiId, (tx, api) =>
    saveRequestValidator(tx, api, {
      id: shortId(),
      name: input.name ?? "",
      validateRequestBody: input.validateRequestBody ?? false,
      validateRequestParameters: input.validateRequestParameters ?? false,
    }),
  );
}

export async function getRequestValidator(db: Db, ctx: CallContext, input: ApigwInput<"GetRequestValidator">): Promise<RequestValidator> {
  return toRequestValidator(await requireValidator(db, await requireApi(db, ctx, input.restApiId), input.requestValidatorId));
}

export async function getRequestValidators(db: Db, ctx: CallContext, input: ApigwInput<"GetRequestValidators">): Promise<{ item: RequestValidator[]; position?: string }> {
  const api = await requireApi(db, ctx, input.restApiId);
  const rows = await db.apigwRequestValidator.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  const { item, position } = page(rows.map(toRequestValidator), (validator) => validator.id, input.position, input.limit);
  return { item, ...(position && { position }) };
}

const VALIDATOR_RULES: PatchRule<RequestValidator>[] = [
  memberRule("name", asString),
  memberRule("validateRequestBody", patchBoolean),
  memberRule("validateRequestParameters", patchBoolean),
];

export async function updateRequestValidator(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateRequestValidator">): Promise<RequestValidator> {
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const patched = applyPatch(toRequestValidator(await requireValidator(tx, api, input.requestValidatorId)), input.patchOperations, VALIDATOR_RULES);
    return saveRequestValidator(tx, api, patched);
  });
}

export async function deleteRequestValidator(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteRequestValidator">): Promise<void> {
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    await tx.apigwRequestValidator.delete({ where: { id: (await requireValidator(tx, api, input.requestValidatorId)).id } });
  });
}
