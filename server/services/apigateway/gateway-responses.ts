/**
 * Gateway responses: what API Gateway answers when a request fails before or at the integration
 * (Put/Get/Update/Delete GatewayResponse). Every type has AWS's default; a customised one overrides
 * its status, headers and templates, and DEFAULT_4XX / DEFAULT_5XX customise every type of their class
 * not customised itself. Deployments freeze them.
 */
import type { Db, PrismaClient } from "../../db/client";
import type { ApigwGatewayResponse } from "../../db/generated/client";
import type { CallContext } from "../context";
import { ApigwErrors, enumViolation } from "./errors";
import type { RestApiRow } from "./model";
import { applyPatch, asOptionalString, asString, memberMapEntryRule, memberRule, type PatchRule } from "./patch";
import type { ApigwInput } from "./schemas";
import { changeApi, page, requireApi } from "./store";

/** Every response type with its default status (none for the two class-wide defaults). */
export const RESPONSE_TYPES: Record<string, string | undefined> = {
  ACCESS_DENIED: "403",
  API_CONFIGURATION_ERROR: "500",
  AUTHORIZER_CONFIGURATION_ERROR: "500",
  AUTHORIZER_FAILURE: "500",
  BAD_REQUEST_PARAMETERS: "400",
  BAD_REQUEST_BODY: "400",
  DEFAULT_4XX: undefined,
  DEFAULT_5XX: undefined,
  EXPIRED_TOKEN: "403",
  INTEGRATION_FAILURE: "504",
  INTEGRATION_TIMEOUT: "504",
  INVALID_API_KEY: "403",
  INVALID_SIGNATURE: "403",
  MISSING_AUTHENTICATION_TOKEN: "403",
  QUOTA_EXCEEDED: "429",
  REQUEST_TOO_LARGE: "413",
  RESOURCE_NOT_FOUND: "404",
  THROTTLED: "429",
  UNAUTHORIZED: "401",
  UNSUPPORTED_MEDIA_TYPE: "415",
  WAF_FILTERED: "403",
};

/** The template every default response uses. */
const DEFAULT_TEMPLATE = { "application/json": '{"message":$context.error.messageString}' };

export type GatewayResponse = {
  responseType: string;
  statusCode?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  defaultResponse: boolean;
};

function defaultResponse(responseType: string): GatewayResponse {
  const statusCode = RESPONSE_TYPES[responseType];
  return { responseType, ...(statusCode && { statusCode }), responseParameters: {}, responseTemplates: DEFAULT_TEMPLATE, defaultResponse: true };
}

function toGatewayResponse(row: ApigwGatewayResponse): GatewayResponse {
  return {
    responseType: row.responseType,
    ...(row.statusCode !== null && { statusCode: row.statusCode }),
    responseParameters: row.responseParameters as Record<string, string>,
    responseTemplates: row.responseTemplates as Record<string, string>,
    defaultResponse: false,
  };
}

function checkType(responseType: string, input: string): void {
  if (!(responseType in RESPONSE_TYPES)) throw enumViolation(responseType, `${input}.responseType`, Object.keys(RESPONSE_TYPES));
}

function checkStatus(statusCode: string | undefined): void {
  if (statusCode !== undefined && !/^[1-5]\d\d$/.test(statusCode)) throw ApigwErrors.badRequest("Invalid status code specified. Must be a valid HTTP status code");
}

const findRow = (db: Db, api: RestApiRow, responseType: string) =>
  db.apigwGatewayResponse.findFirst({ where: { restApiId: api.id, accountId: api.accountId, region: api.region, responseType } });

/** Stores the customised response of `responseType` (a new one, or over the one there). */
export async function saveResponse(tx: Db, api: RestApiRow, responseType: string, response: Pick<GatewayResponse, "statusCode" | "responseParameters" | "responseTemplates">): Promise<GatewayResponse> {
  const data = { statusCode: response.statusCode ?? null, responseParameters: response.responseParameters ?? {}, responseTemplates: response.responseTemplates ?? {} };
  const row = await tx.apigwGatewayResponse.upsert({
    where: { restApiId_responseType: { restApiId: api.id, responseType } },
    create: { accountId: api.accountId, region: api.region, restApiId: api.id, responseType, ...data },
    update: data,
  });
  return toGatewayResponse(row);
}

/** PutGatewayResponse's members besides the API. */
export type GatewayResponseInput = Omit<ApigwInput<"PutGatewayResponse">, "restApiId">;

/** A response PutGatewayResponse (or an import) stores: a known type and a valid status. */
export function checkGatewayResponse(input: GatewayResponseInput): void {
  checkType(input.responseType, "putGatewayResponseInput");
  checkStatus(input.statusCode);
}

export async function putGatewayResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"PutGatewayResponse">): Promise<GatewayResponse> {
  checkGatewayResponse(input);
  return changeApi(db, ctx, input.restApiId, (tx, api) => saveResponse(tx, api, input.responseType, input));
}

export async function getGatewayResponse(db: Db, ctx: CallContext, input: ApigwInput<"GetGatewayResponse">): Promise<GatewayResponse> {
  checkType(input.responseType, "getGatewayResponseInput");
  const row = await findRow(db, await requireApi(db, ctx, input.restApiId), input.responseType);
  return row ? toGatewayResponse(row) : defaultResponse(input.responseType);
}

/** Every type: the customised ones as set, the rest as their defaults. */
export async function getGatewayResponses(db: Db, ctx: CallContext, input: ApigwInput<"GetGatewayResponses">): Promise<{ item: GatewayResponse[]; position?: string }> {
  const api = await requireApi(db, ctx, input.restApiId);
  const customised = await customisedResponses(db, api);
  const all = Object.keys(RESPONSE_TYPES).map((type) => customised[type] ?? defaultResponse(type));
  const { item, position } = page(all, (response) => response.responseType, input.position, input.limit ?? 500);
  return { item, ...(position && { position }) };
}

const RESPONSE_RULES: PatchRule<GatewayResponse>[] = [
  memberRule("statusCode", asOptionalString, { removable: true }),
  memberMapEntryRule("responseParameters", asString),
  memberMapEntryRule("responseTemplates", asString),
];

export async function updateGatewayResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateGatewayResponse">): Promise<GatewayResponse> {
  checkType(input.responseType, "updateGatewayResponseInput");
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await findRow(tx, api, input.responseType);
    const patched = applyPatch(row ? toGatewayResponse(row) : defaultResponse(input.responseType), input.patchOperations, RESPONSE_RULES);
    checkStatus(patched.statusCode);
    return saveResponse(tx, api, input.responseType, patched);
  });
}

export async function deleteGatewayResponse(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteGatewayResponse">): Promise<void> {
  checkType(input.responseType, "deleteGatewayResponseInput");
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await findRow(tx, api, input.responseType);
    if (!row) throw ApigwErrors.notFound("Invalid Gateway Response identifier specified");
    await tx.apigwGatewayResponse.delete({ where: { restApiId_responseType: { restApiId: api.id, responseType: row.responseType } } });
  });
}

/** The API's customised responses by type, as a deployment freezes them. */
export async function customisedResponses(db: Db, api: RestApiRow): Promise<Record<string, GatewayResponse>> {
  const rows = await db.apigwGatewayResponse.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  return Object.fromEntries(rows.map((row) => [row.responseType, toGatewayResponse(row)]));
}
