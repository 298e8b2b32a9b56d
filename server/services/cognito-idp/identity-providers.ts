/**
 * A user pool's external identity providers: CreateIdentityProvider, DescribeIdentityProvider,
 * UpdateIdentityProvider, DeleteIdentityProvider, ListIdentityProviders and
 * GetIdentityProviderByIdentifier. Stratus federates with OpenID Connect providers only. The endpoints
 * a request leaves out are discovered from `oidc_issuer` when the provider is saved, and described
 * filled in, as Cognito does.
 */
import { z } from "zod";
import type { Db, PrismaClient } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import type { CognitoIdentityProvider, CognitoUserPool, CognitoUserPoolClient } from "../../db/generated/client";
import { env } from "../../env";
import { AwsError } from "../../errors";
import { discover, OidcError } from "../../lib/oidc-client";
import { decryptSecret, encryptSecret } from "../../lib/secrets";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { CognitoErrors } from "./errors";
import { COGNITO_WRITTEN_ATTRIBUTES } from "./model";
import { clientSettings, poolSettings, requirePool } from "./store";

export const PROVIDER_TYPES = ["SAML", "Facebook", "Google", "LoginWithAmazon", "SignInWithApple", "OIDC"] as const;
type ProviderType = (typeof PROVIDER_TYPES)[number];

/** What app clients and /oauth2/authorize call the pool's own sign-in; no provider may take the name. */
export const COGNITO_PROVIDER = "COGNITO";

/** Cognito's quota of identity providers per user pool. */
const MAX_PER_POOL = 300;

/** OIDC ProviderDetails as stored: as given, with the discovered endpoints filled in (the secret is kept apart, encrypted). */
export const OidcDetails = z.object({
  client_id: z.string(),
  authorize_scopes: z.string(),
  attributes_request_method: z.enum(["GET", "POST"]),
  oidc_issuer: z.string(),
  authorize_url: z.string(),
  token_url: z.string(),
  jwks_uri: z.string(),
  attributes_url: z.string().optional(),
});
export type OidcDetails = z.output<typeof OidcDetails>;

const ENDPOINTS = ["authorize_url", "token_url", "attributes_url", "jwks_uri"] as const;
/** Keys an OIDC provider takes; `attributes_url_add_attributes` is what Describe adds, accepted back as given. */
const DETAIL_KEYS = new Set(["client_id", "client_secret", "authorize_scopes", "attributes_request_method", "oidc_issuer", "attributes_url_add_attributes", ...ENDPOINTS]);
const REQUIRED_KEYS = ["client_id", "client_secret", "authorize_scopes", "attributes_request_method", "oidc_issuer"] as const;

export interface IdentityProviderInput {
  UserPoolId: string;
  ProviderName: string;
  ProviderType: ProviderType;
  ProviderDetails: Record<string, string>;
  AttributeMapping?: Record<string, string>;
  IdpIdentifiers?: string[];
}

const duplicateProvider = (name: string, poolId: string) => new AwsError("DuplicateProviderException", `${name} already exists in user pool ${poolId}.`, 400);
const providerNotFound = (name: string) => CognitoErrors.resourceNotFound(`Identity provider ${name} does not exist.`);

const isHttpUrl = (value: string) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol);

/** Checks an OIDC provider's details and fills in, from the issuer's discovery document, the endpoints not given. */
async function oidcDetailsFrom(given: Record<string, string>): Promise<{ details: OidcDetails; clientSecret: string }> {
  for (const key of Object.keys(given)) {
    if (!DETAIL_KEYS.has(key)) throw CognitoErrors.invalidParameter(`${key} is not a valid ProviderDetails key for an OIDC identity provider.`);
  }
  for (const key of REQUIRED_KEYS) {
    if (!given[key]) throw CognitoErrors.invalidParameter(`ProviderDetails must include ${key} for an OIDC identity provider.`);
  }
  const method = given.attributes_request_method;
  if (method !== "GET" && method !== "POST") throw CognitoErrors.invalidParameter("attributes_request_method must be GET or POST.");
  for (const key of ["oidc_issuer", ...ENDPOINTS] as const) {
    const url = given[key];
    if (url !== undefined && !isHttpUrl(url)) throw CognitoErrors.invalidParameter(`${key} must be an http or https URL.`);
  }
  if (!given.authorize_scopes!.split(" ").includes("openid")) throw CognitoErrors.invalidParameter("authorize_scopes must include openid.");
  const issuer = given.oidc_issuer!;
  const explicit = { authorize_url: given.authorize_url, token_url: given.token_url, jwks_uri: given.jwks_uri, attributes_url: given.attributes_url };
  const discovered = explicit.authorize_url && explicit.token_url && explicit.jwks_uri ? undefined : await discoveryOf(issuer);
  const details = {
    client_id: given.client_id!,
    authorize_scopes: given.authorize_scopes!,
    attributes_request_method: method,
    oidc_issuer: issuer,
    authorize_url: explicit.authorize_url ?? discovered?.authorization_endpoint,
    token_url: explicit.token_url ?? discovered?.token_endpoint,
    jwks_uri: explicit.jwks_uri ?? discovered?.jwks_uri,
    attributes_url: explicit.attributes_url ?? discovered?.userinfo_endpoint,
  };
  const parsed = OidcDetails.safeParse(details);
  if (!parsed.success) throw CognitoErrors.invalidParameter(`The OpenID configuration of ${issuer} names no authorization or token endpoint; give authorize_url and token_url.`);
  return { details: parsed.data, clientSecret: given.client_secret! };
}

async function discoveryOf(issuer: string) {
  try {
    const document = await discover(issuer);
    if (document.issuer.replace(/\/+$/, "") !== issuer.replace(/\/+$/, "")) throw new OidcError(`the discovery document names issuer ${document.issuer}`);
    return document;
  } catch (error) {
    if (!(error instanceof OidcError)) throw error;
    throw CognitoErrors.invalidParameter(`Unable to discover the OpenID configuration of ${issuer}: ${error.message}`);
  }
}

/** The mapping with OIDC's default (`username` ← `sub`), each key an attribute of the pool's schema. */
function attributeMappingFor(pool: CognitoUserPool, mapping: Record<string, string> | undefined): Record<string, string> {
  const attributes = new Set(poolSettings(pool).SchemaAttributes.map((a) => a.Name));
  for (const name of Object.keys(mapping ?? {})) {
    if (name !== "username" && (COGNITO_WRITTEN_ATTRIBUTES.has(name) || !attributes.has(name))) {
      throw CognitoErrors.invalidParameter(`The attribute ${name} in AttributeMapping does not exist in the user pool schema.`);
    }
  }
  return { username: "sub", ...mapping };
}

async function checkIdentifiers(db: Db, pool: CognitoUserPool, identifiers: string[], providerName: string): Promise<void> {
  const repeated = identifiers.find((id, i) => identifiers.indexOf(id) !== i);
  if (repeated) throw CognitoErrors.invalidParameter(`Duplicate IdpIdentifiers are not allowed: ${repeated}`);
  const taken = await db.cognitoIdentityProvider.findFirst({ where: { userPoolId: pool.id, providerName: { not: providerName }, idpIdentifiers: { hasSome: identifiers } } });
  if (taken) throw CognitoErrors.invalidParameter(`An IdpIdentifier is already used by the identity provider ${taken.providerName}.`);
}

function requireOidc(type: ProviderType): void {
  if (type !== "OIDC") throw CognitoErrors.invalidParameter(`Identity providers of type ${type} are not supported by Stratus; only OIDC providers are.`);
}

export const oidcDetailsOf = (provider: CognitoIdentityProvider): OidcDetails => OidcDetails.parse(provider.details);
export const attributeMappingOf = (provider: CognitoIdentityProvider) => provider.attributeMapping as Record<string, string>;
export const providerSecretOf = (provider: CognitoIdentityProvider): string | undefined =>
  provider.clientSecretEncrypted ? decryptSecret(provider.clientSecretEncrypted, env().STRATUS_SECRET_KEY) : undefined;

function describeProvider(provider: CognitoIdentityProvider) {
  return {
    UserPoolId: provider.userPoolId,
    ProviderName: provider.providerName,
    ProviderType: provider.providerType,
    ProviderDetails: { ...oidcDetailsOf(provider), client_secret: providerSecretOf(provider), attributes_url_add_attributes: "false" },
    AttributeMapping: attributeMappingOf(provider),
    IdpIdentifiers: provider.idpIdentifiers,
    LastModifiedDate: provider.updatedAt,
    CreationDate: provider.createdAt,
  };
}

const keyOf = (userPoolId: string, providerName: string) => ({ userPoolId_providerName: { userPoolId, providerName } });

export const findProvider = (db: Db, userPoolId: string, providerName: string): Promise<CognitoIdentityProvider | null> =>
  db.cognitoIdentityProvider.findUnique({ where: keyOf(userPoolId, providerName) });

export const providerByIdentifier = (db: Db, userPoolId: string, identifier: string): Promise<CognitoIdentityProvider | null> =>
  db.cognitoIdentityProvider.findFirst({ where: { userPoolId, idpIdentifiers: { has: identifier } } });

/**
 * The names among `names` that are not identity providers of the pool. The providers found stay locked
 * (FOR SHARE) for the caller's transaction, so a DeleteIdentityProvider waits for the app client naming
 * them to be saved, and then takes their names off it.
 */
export async function unknownProviders(db: Db, userPoolId: string, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const found = await db.$queryRaw<{ provider_name: string }[]>`
    SELECT provider_name FROM cognito_identity_providers WHERE user_pool_id = ${userPoolId} AND provider_name = ANY(${[...names]}::text[]) FOR SHARE`;
  const known = new Set(found.map((p) => p.provider_name));
  return names.filter((name) => !known.has(name));
}

async function requireProvider(db: Db, userPoolId: string, providerName: string): Promise<CognitoIdentityProvider> {
  const provider = await findProvider(db, userPoolId, providerName);
  if (!provider) throw providerNotFound(providerName);
  return provider;
}

export async function createIdentityProvider(db: Db, ctx: CallContext, input: IdentityProviderInput) {
  requireRole(ctx, "developer", "cognito-idp:CreateIdentityProvider");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  requireOidc(input.ProviderType);
  if (input.ProviderName.toUpperCase() === COGNITO_PROVIDER) throw CognitoErrors.invalidParameter(`${input.ProviderName} is a reserved provider name.`);
  if (await findProvider(db, pool.id, input.ProviderName)) throw duplicateProvider(input.ProviderName, pool.id);
  if ((await db.cognitoIdentityProvider.count({ where: { userPoolId: pool.id } })) >= MAX_PER_POOL) {
    throw CognitoErrors.limitExceeded(`The user pool has reached its limit of ${MAX_PER_POOL} identity providers.`);
  }
  const attributeMapping = attributeMappingFor(pool, input.AttributeMapping);
  const identifiers = input.IdpIdentifiers ?? [];
  await checkIdentifiers(db, pool, identifiers, input.ProviderName);
  const { details, clientSecret } = await oidcDetailsFrom(input.ProviderDetails);
  const provider = await db.cognitoIdentityProvider
    .create({
      data: {
        userPoolId: pool.id,
        providerName: input.ProviderName,
        providerType: input.ProviderType,
        details,
        clientSecretEncrypted: encryptSecret(clientSecret, env().STRATUS_SECRET_KEY),
        attributeMapping,
        idpIdentifiers: identifiers,
      },
    })
    .catch((error: unknown) => {
      throw isUniqueViolation(error) ? duplicateProvider(input.ProviderName, pool.id) : error;
    });
  return { IdentityProvider: describeProvider(provider) };
}

export async function describeIdentityProvider(db: Db, ctx: CallContext, input: { UserPoolId: string; ProviderName: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  return { IdentityProvider: describeProvider(await requireProvider(db, input.UserPoolId, input.ProviderName)) };
}

export async function getIdentityProviderByIdentifier(db: Db, ctx: CallContext, input: { UserPoolId: string; IdpIdentifier: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  const provider = await providerByIdentifier(db, input.UserPoolId, input.IdpIdentifier);
  if (!provider) throw CognitoErrors.resourceNotFound(`Identity provider with identifier ${input.IdpIdentifier} does not exist.`);
  return { IdentityProvider: describeProvider(provider) };
}

/** ProviderDetails given replace the old ones whole (checked and discovered again); a mapping or identifiers left out stay. */
export async function updateIdentityProvider(db: Db, ctx: CallContext, input: Omit<IdentityProviderInput, "ProviderType" | "ProviderDetails"> & { ProviderDetails?: Record<string, string> }) {
  requireRole(ctx, "developer", "cognito-idp:UpdateIdentityProvider");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const provider = await requireProvider(db, pool.id, input.ProviderName);
  if (input.IdpIdentifiers) await checkIdentifiers(db, pool, input.IdpIdentifiers, provider.providerName);
  const attributeMapping = input.AttributeMapping && attributeMappingFor(pool, input.AttributeMapping);
  const resolved = input.ProviderDetails && (await oidcDetailsFrom(input.ProviderDetails));
  const updated = await db.cognitoIdentityProvider.update({
    where: keyOf(pool.id, provider.providerName),
    data: {
      ...(resolved ? { details: resolved.details, clientSecretEncrypted: encryptSecret(resolved.clientSecret, env().STRATUS_SECRET_KEY) } : {}),
      ...(attributeMapping ? { attributeMapping } : {}),
      ...(input.IdpIdentifiers ? { idpIdentifiers: input.IdpIdentifiers } : {}),
      updatedAt: new Date(),
    },
  });
  return { IdentityProvider: describeProvider(updated) };
}

/**
 * The provider's users stay (they can no longer sign in through it). App clients naming it lose the name
 * in the same transaction, so none offers a provider the pool no longer has (a client left naming none
 * offers no sign-in at all rather than falling back to the pool's own).
 */
export async function deleteIdentityProvider(db: PrismaClient, ctx: CallContext, input: { UserPoolId: string; ProviderName: string }) {
  requireRole(ctx, "developer", "cognito-idp:DeleteIdentityProvider");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  await db.$transaction(async (tx) => {
    // Deleting first waits out any client being saved with the name (unknownProviders holds it FOR SHARE).
    const { count } = await tx.cognitoIdentityProvider.deleteMany({ where: { userPoolId: pool.id, providerName: input.ProviderName } });
    if (count === 0) throw providerNotFound(input.ProviderName);
    const naming = await tx.$queryRaw<(Pick<CognitoUserPoolClient, "config"> & { client_id: string })[]>`
      SELECT client_id, config FROM cognito_user_pool_clients
      WHERE user_pool_id = ${pool.id} AND config->'SupportedIdentityProviders' @> jsonb_build_array(${input.ProviderName}::text) FOR UPDATE`;
    for (const client of naming) {
      const settings = clientSettings(client);
      const SupportedIdentityProviders = settings.SupportedIdentityProviders?.filter((name) => name !== input.ProviderName);
      await tx.cognitoUserPoolClient.update({ where: { clientId: client.client_id }, data: { config: { ...settings, SupportedIdentityProviders }, updatedAt: new Date() } });
    }
  });
  return {};
}

export async function listIdentityProviders(db: Db, ctx: CallContext, input: { UserPoolId: string; MaxResults?: number; NextToken?: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  const size = input.MaxResults ?? 60;
  const providers = await db.cognitoIdentityProvider.findMany({
    where: { userPoolId: input.UserPoolId, ...(input.NextToken ? { providerName: { gt: input.NextToken } } : {}) },
    orderBy: { providerName: "asc" },
    take: size + 1,
  });
  const page = providers.slice(0, size);
  return {
    Providers: page.map((p) => ({ ProviderName: p.providerName, ProviderType: p.providerType, LastModifiedDate: p.updatedAt, CreationDate: p.createdAt })),
    NextToken: providers.length > size ? page[page.length - 1]!.providerName : undefined,
  };
}
