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

export async function createRequestValidator(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateRequestValidator">): Promise<RequestValidator> {
  checkName(input.name ?? "");
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await tx.apigwRequestValidator.create({
      data: {
        id: shortId(),
        accountId: api.accountId,
        region: api.region,
        restApiId: api.id,
        name: input.name ?? "",
        validateRequestBody: input.validateRequestBody ?? false,
        validateRequestParameters: input.validateRequestParameters ?? false,
      },
    });
    return toRequestValidator(row);
  });
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
    checkName(patched.name);
    const { id, ...data } = patched;
    return toRequestValidator(await tx.apigwRequestValidator.update({ where: { id }, data }));
  });
}

export async function deleteRequestValidator(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteRequestValidator">): Promise<void> {
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    await tx.apigwRequestValidator.delete({ where: { id: (await requireValidator(tx, api, input.requestValidatorId)).id } });
  });
}
