/** CreateRestApi / GetRestApi / GetRestApis / UpdateRestApi / DeleteRestApi. */
import type { Db, PrismaClient } from "../../db/client";
import type { CallContext } from "../context";
import { ApigwErrors, checkEnum } from "./errors";
import { longId, shortId } from "./ids";
import { type RestApi, type RestApiConfig, type RestApiRow, tagMember } from "./model";
import { applyPatch, asString, memberRule, patchBoolean, type PatchRule, setEntryRule, unescapeSegment } from "./patch";
import type { ApigwInput } from "./schemas";
import { changeApi, page, requireApi } from "./store";

const API_KEY_SOURCES = ["HEADER", "AUTHORIZER"] as const;
const ENDPOINT_TYPES = ["REGIONAL", "EDGE", "PRIVATE"] as const;
const IP_ADDRESS_TYPES = ["ipv4", "dualstack"] as const;
const MAX_COMPRESSION_SIZE = 10_485_760;

/** The two models AWS gives every new API. */
const DEFAULT_MODELS = [
  {
    name: "Empty",
    description: "This is a default empty schema model",
    schema: '{\n  "$schema": "http://json-schema.org/draft-04/schema#",\n  "title" : "Empty Schema",\n  "type" : "object"\n}',
  },
  {
    name: "Error",
    description: "This is a default error schema model",
    schema:
      '{\n  "$schema" : "http://json-schema.org/draft-04/schema#",\n  "title" : "Error Schema",\n  "type" : "object",\n  "properties" : {\n    "message" : { "type" : "string" }\n  }\n}',
  },
];

export function toRestApi(row: RestApiRow): RestApi {
  const config = row.config as unknown as RestApiConfig;
  return { id: row.id, name: row.name, createdDate: row.createdAt, ...config, rootResourceId: row.rootResourceId, ...tagMember(row) };
}

export function configOf(api: RestApi): RestApiConfig {
  const { description, version, binaryMediaTypes, minimumCompressionSize, apiKeySource, endpointConfiguration, policy, disableExecuteApiEndpoint } = api;
  return { description, version, binaryMediaTypes, minimumCompressionSize, apiKeySource, endpointConfiguration, policy, disableExecuteApiEndpoint };
}

export function checkConfig(config: RestApiConfig, input: string): void {
  const size = config.minimumCompressionSize;
  if (size !== undefined && (size < 0 || size > MAX_COMPRESSION_SIZE)) {
    throw ApigwErrors.badRequest(`Invalid minimum compression size, must be between 0 and ${MAX_COMPRESSION_SIZE}`);
  }
  checkEnum(config.apiKeySource, `${input}.apiKeySource`, API_KEY_SOURCES);
  for (const type of config.endpointConfiguration.types) checkEnum(type, `${input}.endpointConfiguration.types`, ENDPOINT_TYPES);
  checkEnum(config.endpointConfiguration.ipAddressType, `${input}.endpointConfiguration.ipAddressType`, IP_ADDRESS_TYPES);
  if (config.endpointConfiguration.types.length !== 1) {
    throw ApigwErrors.badRequest("Cannot create an api with multiple Endpoint Types.");
  }
}

/** CreateRestApi's settings (the members besides name, tags and cloneFrom). */
export type RestApiConfigInput = Omit<ApigwInput<"CreateRestApi">, "name" | "tags" | "cloneFrom">;

/** A new API's settings: AWS's defaults under what the caller (or an imported document) gave, checked. */
export function newRestApiConfig(input: RestApiConfigInput): RestApiConfig {
  if (input.description === "") throw ApigwErrors.badRequest("Description cannot be an empty string");
  const config: RestApiConfig = {
    ...(input.description !== undefined && { description: input.description }),
    ...(input.version !== undefined && { version: input.version }),
    ...(input.binaryMediaTypes?.length && { binaryMediaTypes: input.binaryMediaTypes }),
    ...(input.minimumCompressionSize !== undefined && { minimumCompressionSize: input.minimumCompressionSize }),
    apiKeySource: input.apiKeySource ?? "HEADER",
    endpointConfiguration: {
      types: input.endpointConfiguration?.types ?? ["EDGE"],
      ipAddressType: input.endpointConfiguration?.ipAddressType ?? "ipv4",
      ...(input.endpointConfiguration?.vpcEndpointIds && { vpcEndpointIds: input.endpointConfiguration.vpcEndpointIds }),
    },
    ...(input.policy !== undefined && { policy: input.policy }),
    disableExecuteApiEndpoint: input.disableExecuteApiEndpoint ?? false,
  };
  checkConfig(config, "createRestApiInput");
  return config;
}

/** Creates the API with its root resource and AWS's default models, within the caller's transaction. */
export async function insertRestApi(tx: Db, ctx: CallContext, api: { name: string; config: RestApiConfig; tags?: Record<string, string> }): Promise<RestApiRow> {
  const id = longId();
  const rootResourceId = longId();
  const scope = { accountId: ctx.accountId, region: ctx.region, restApiId: id };
  const row = await tx.apigwRestApi.create({
    data: { id, accountId: ctx.accountId, region: ctx.region, name: api.name, config: { ...api.config }, rootResourceId, tags: api.tags ?? {} },
  });
  await tx.apigwResource.create({ data: { ...scope, id: rootResourceId } });
  await tx.apigwModel.createMany({ data: DEFAULT_MODELS.map((model) => ({ ...scope, ...model, id: shortId(), contentType: "application/json" })) });
  return row;
}

export async function createRestApi(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateRestApi">): Promise<RestApi> {
  const config = newRestApiConfig(input);
  return toRestApi(await db.$transaction((tx) => insertRestApi(tx, ctx, { name: input.name, config, tags: input.tags })));
}

export async function getRestApi(db: Db, ctx: CallContext, input: ApigwInput<"GetRestApi">): Promise<RestApi> {
  return toRestApi(await requireApi(db, ctx, input.restApiId));
}

export async function getRestApis(db: Db, ctx: CallContext, input: ApigwInput<"GetRestApis">): Promise<{ item: RestApi[]; position?: string }> {
  const rows = await db.apigwRestApi.findMany({ where: { accountId: ctx.accountId, region: ctx.region } });
  const { item, position } = page(rows, (row) => row.id, input.position, input.limit);
  return { item: item.map(toRestApi), ...(position && { position }) };
}

// The REST API keeps an empty value as sent, for the checks after the patch to refuse it.
const keptString = (value: string | undefined) => value;

const REST_API_RULES: PatchRule<RestApi>[] = [
  memberRule("name", asString),
  memberRule("description", keptString, { removable: true }),
  memberRule("version", keptString, { removable: true }),
  memberRule("policy", keptString, { removable: true }),
  memberRule("apiKeySource", asString),
  memberRule("disableExecuteApiEndpoint", patchBoolean),
  {
    path: "/minimumCompressionSize",
    ops: ["replace"],
    apply(api, { value }) {
      // An empty value turns compression off.
      if (value === undefined || value === "") delete api.minimumCompressionSize;
      else if (/^\d+$/.test(value)) api.minimumCompressionSize = Number(value);
      else throw ApigwErrors.badRequest(`Invalid minimum compression size, must be between 0 and ${MAX_COMPRESSION_SIZE}`);
    },
  },
  setEntryRule("binaryMediaTypes"),
  {
    // `replace /endpointConfiguration/types/EDGE` with value REGIONAL switches the endpoint type.
    path: "/endpointConfiguration/types/{type}",
    ops: ["replace"],
    apply(api, { value, params }) {
      const current = unescapeSegment(params.type!);
      if (!api.endpointConfiguration.types.includes(current)) throw ApigwErrors.badRequest(`Invalid EndpointTypes specified. Valid options are ${ENDPOINT_TYPES.join(",")}`);
      api.endpointConfiguration.types = api.endpointConfiguration.types.map((type) => (type === current ? asString(value) : type));
    },
  },
  {
    path: "/endpointConfiguration/ipAddressType",
    ops: ["replace"],
    apply(api, { value }) {
      api.endpointConfiguration.ipAddressType = asString(value);
    },
  },
];

export async function updateRestApi(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateRestApi">): Promise<RestApi> {
  return changeApi(db, ctx, input.restApiId, async (tx, row) => {
    const patched = applyPatch(toRestApi(row), input.patchOperations, REST_API_RULES);
    const config = configOf(patched);
    if (patched.name === "") throw ApigwErrors.badRequest("Invalid REST API name specified");
    if (config.description === "") throw ApigwErrors.badRequest("Description cannot be an empty string");
    checkConfig(config, "updateRestApiInput");
    return toRestApi(await tx.apigwRestApi.update({ where: { id: row.id }, data: { name: patched.name, config: { ...config } } }));
  });
}

export async function deleteRestApi(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteRestApi">): Promise<void> {
  // Resources, models, validators, deployments and stages go with it (foreign keys cascade).
  await changeApi(db, ctx, input.restApiId, (tx, api) => tx.apigwRestApi.delete({ where: { id: api.id } }));
}
