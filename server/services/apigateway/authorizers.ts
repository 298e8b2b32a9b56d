/**
 * Authorizers: Create/Get/Update/Delete Authorizer. Lambda authorizers (TOKEN, REQUEST) name a function by
 * an integration-style URI and where the caller's identity comes from; COGNITO_USER_POOLS ones name the
 * user pools whose tokens they accept. Methods reference them by id (authorizationType CUSTOM or
 * COGNITO_USER_POOLS) and deployments freeze them.
 */
import type { Db, PrismaClient } from "../../db/client";
import type { ApigwAuthorizer } from "../../db/generated/client";
import type { CallContext } from "../context";
import { ApigwErrors, enumViolation } from "./errors";
import { shortId } from "./ids";
import { type Authorizer, type AuthorizerConfig, methodsOf, type RestApiRow } from "./model";
import { applyPatch, asOptionalString, asString, memberRule, patchInteger, type PatchRule } from "./patch";
import { resourcePaths } from "./resources";
import type { ApigwInput } from "./schemas";
import { apiResources, changeApi, page, requireApi } from "./store";

const AUTHORIZER_TYPES = ["TOKEN", "REQUEST", "COGNITO_USER_POOLS"];
const TTL = { min: 0, max: 3600, default: 300 };
/** Where a TOKEN authorizer reads the token: one request header. */
const HEADER_SOURCE = /^method\.request\.header\.[^,\s]+$/;
/** A REQUEST authorizer's comma-separated identity sources. */
const REQUEST_SOURCE = /^(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.[^,\s]+|stageVariables\.[^,\s]+|context\.[^,\s]+)$/;
const LAMBDA_URI = /^arn:[^:]+:apigateway:[^:]+:lambda:path\/2015-03-31\/functions\/.+\/invocations$/;

export function toAuthorizer(row: ApigwAuthorizer): Authorizer {
  return { id: row.id, name: row.name, ...(row.config as unknown as AuthorizerConfig) };
}

async function requireAuthorizer(db: Db, api: RestApiRow, id: string): Promise<ApigwAuthorizer> {
  const row = await db.apigwAuthorizer.findFirst({ where: { id, restApiId: api.id, accountId: api.accountId, region: api.region } });
  if (!row) throw ApigwErrors.authorizerNotFound();
  return row;
}

/** AWS's rules for an authorizer's members by type, checked on create and after an update. */
function checkAuthorizer(authorizer: Authorizer, input: string): void {
  if (authorizer.name.trim() === "") throw ApigwErrors.badRequest("Authorizer name must be non-empty");
  if (!AUTHORIZER_TYPES.includes(authorizer.type)) throw enumViolation(authorizer.type, `${input}.type`, AUTHORIZER_TYPES);
  const ttl = authorizer.authorizerResultTtlInSeconds;
  if (ttl < TTL.min || ttl > TTL.max) throw ApigwErrors.badRequest(`Invalid Authorizer TTL specified: ${ttl}. Must be between ${TTL.min} and ${TTL.max} seconds`);
  if (authorizer.type === "COGNITO_USER_POOLS") {
    if (!authorizer.providerARNs?.length) throw ApigwErrors.badRequest("ProviderARNs need to be specified for COGNITO_USER_POOLS authorizers");
    return;
  }
  if (!authorizer.authorizerUri || !LAMBDA_URI.test(authorizer.authorizerUri)) throw ApigwErrors.badRequest("Invalid Authorizer URI specified");
  const sources = (authorizer.identitySource ?? "").split(",").map((source) => source.trim());
  if (authorizer.type === "TOKEN" && (sources.length !== 1 || !HEADER_SOURCE.test(sources[0]!))) {
    throw ApigwErrors.badRequest("Invalid identity source specified: a TOKEN authorizer reads one header, method.request.header.<name>");
  }
  if (authorizer.type === "REQUEST" && ttl > 0 && !sources.every((source) => REQUEST_SOURCE.test(source))) {
    throw ApigwErrors.badRequest(`Invalid identity source specified: ${authorizer.identitySource ?? ""}`);
  }
  if (authorizer.identityValidationExpression !== undefined) {
    try {
      new RegExp(authorizer.identityValidationExpression);
    } catch {
      throw ApigwErrors.badRequest("Invalid identity validation expression specified");
    }
  }
}

function configOf({ id: _id, name: _name, ...config }: Authorizer): AuthorizerConfig {
  return config;
}

/** CreateAuthorizer's members besides the API. */
export type AuthorizerInput = Omit<ApigwInput<"CreateAuthorizer">, "restApiId">;

/** The authorizer CreateAuthorizer (or an import) creates, with AWS's defaults and checks; an import replacing one keeps its id. */
export function authorizerOf(input: AuthorizerInput, id = shortId()): Authorizer {
  // A TOKEN authorizer reads the Authorization header unless told otherwise, as the console sets it.
  const identitySource = input.identitySource ?? (input.type === "TOKEN" ? "method.request.header.Authorization" : undefined);
  const authorizer: Authorizer = {
    id,
    name: input.name,
    type: input.type,
    ...(input.providerARNs && { providerARNs: input.providerARNs }),
    ...(input.authType !== undefined && { authType: input.authType }),
    ...(input.authorizerUri !== undefined && { authorizerUri: input.authorizerUri }),
    ...(input.authorizerCredentials !== undefined && { authorizerCredentials: input.authorizerCredentials }),
    ...(identitySource !== undefined && { identitySource }),
    ...(input.identityValidationExpression !== undefined && { identityValidationExpression: input.identityValidationExpression }),
    authorizerResultTtlInSeconds: input.authorizerResultTtlInSeconds ?? TTL.default,
  };
  checkAuthorizer(authorizer, "createAuthorizerInput");
  return authorizer;
}

/** Stores the authorizer: a new one, or over the one with its id. */
export async function saveAuthorizer(tx: Db, api: RestApiRow, authorizer: Authorizer): Promise<Authorizer> {
  const data = { name: authorizer.name, config: { ...configOf(authorizer) } };
  const row = await tx.apigwAuthorizer.upsert({
    where: { id: authorizer.id },
    create: { id: authorizer.id, accountId: api.accountId, region: api.region, restApiId: api.id, ...data },
    update: data,
  });
  return toAuthorizer(row);
}

export async function createAuthorizer(db: PrismaClient, ctx: CallContext, input: ApigwInput<"CreateAuthorizer">): Promise<Authorizer> {
  const authorizer = authorizerOf(input);
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    if (await tx.apigwAuthorizer.findFirst({ where: { restApiId: api.id, name: authorizer.name } })) {
      throw ApigwErrors.conflict(`Authorizer with name '${authorizer.name}' already exists`);
    }
    return saveAuthorizer(tx, api, authorizer);
  });
}

export async function getAuthorizer(db: Db, ctx: CallContext, input: ApigwInput<"GetAuthorizer">): Promise<Authorizer> {
  return toAuthorizer(await requireAuthorizer(db, await requireApi(db, ctx, input.restApiId), input.authorizerId));
}

export async function getAuthorizers(db: Db, ctx: CallContext, input: ApigwInput<"GetAuthorizers">): Promise<{ item: Authorizer[]; position?: string }> {
  const api = await requireApi(db, ctx, input.restApiId);
  const rows = await db.apigwAuthorizer.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  const { item, position } = page(rows.map(toAuthorizer), (authorizer) => authorizer.id, input.position, input.limit);
  return { item, ...(position && { position }) };
}

const AUTHORIZER_RULES: PatchRule<Authorizer>[] = [
  memberRule("name", asString),
  memberRule("type", asString),
  memberRule("authType", asOptionalString, { removable: true }),
  memberRule("authorizerUri", asOptionalString, { removable: true }),
  memberRule("authorizerCredentials", asOptionalString, { removable: true }),
  memberRule("identitySource", asOptionalString, { removable: true }),
  memberRule("identityValidationExpression", asOptionalString, { removable: true }),
  memberRule("authorizerResultTtlInSeconds", patchInteger),
  memberRule("providerARNs", (value) => (value ? value.split(",") : [])),
];

export async function updateAuthorizer(db: PrismaClient, ctx: CallContext, input: ApigwInput<"UpdateAuthorizer">): Promise<Authorizer> {
  return changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const patched = applyPatch(toAuthorizer(await requireAuthorizer(tx, api, input.authorizerId)), input.patchOperations, AUTHORIZER_RULES);
    checkAuthorizer(patched, "updateAuthorizerInput");
    return saveAuthorizer(tx, api, patched);
  });
}

export async function deleteAuthorizer(db: PrismaClient, ctx: CallContext, input: ApigwInput<"DeleteAuthorizer">): Promise<void> {
  await changeApi(db, ctx, input.restApiId, async (tx, api) => {
    const row = await requireAuthorizer(tx, api, input.authorizerId);
    // A method still using it would be left pointing at nothing.
    const rows = await apiResources(tx, api);
    const paths = resourcePaths(rows);
    for (const resource of rows) {
      const user = Object.values(methodsOf(resource)).find((method) => method.authorizerId === row.id);
      if (user) throw ApigwErrors.conflict(`Cannot delete authorizer '${row.name}', is referenced in method: ${user.httpMethod}${paths.get(resource.id)}`);
    }
    await tx.apigwAuthorizer.delete({ where: { id: row.id } });
  });
}

/** The API's authorizers by id, as a deployment freezes them. */
export async function authorizersOf(tx: Db, api: RestApiRow): Promise<Record<string, Authorizer>> {
  const rows = await tx.apigwAuthorizer.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  return Object.fromEntries(rows.map((row) => [row.id, toAuthorizer(row)]));
}
