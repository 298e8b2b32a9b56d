/**
 * IAM OpenID Connect providers: the external identity providers an account trusts for web identity
 * federation (STS AssumeRoleWithWebIdentity, identity pools' OpenIdConnectProviderARNs), each named by its
 * URL without the scheme (`arn:aws:iam::{account}:oidc-provider/{host/path}`) and holding the client IDs
 * (audiences) its tokens may be issued to. IAM is global: providers are scoped by account alone.
 */
import { decodeJwt, type JWTPayload } from "jose";
import type { Db, PrismaClient } from "../../db/client";
import type { IamOpenIdConnectProvider, Prisma } from "../../db/generated/client";
import { publicGatewayUrl } from "../../env";
import { OidcError, OidcUnreachable, verifyIdToken } from "../../lib/oidc-client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { IamErrors } from "./errors";
import { mergeTags, oidcProviderArn, oidcProviderName, onDuplicate, page, parseOidcProviderArn, storedTags, type Tag } from "./model";

/** IAM's quotas: client IDs and thumbprints per provider, providers per account. */
const MAX_CLIENT_IDS = 100;
const MAX_THUMBPRINTS = 5;
const MAX_PROVIDERS = 100;
const MAX_TAGS = 50;

const LOOPBACK_HOST = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * The provider's name for a URL IAM accepts: https, with a host and no query or fragment. Stratus runs
 * locally, so an http URL is accepted too when its host is a loopback one or the gateway's own (whose user
 * pools are OpenID Connect issuers); AWS takes https only.
 */
function checkedName(url: string): string {
  const invalid = () => IamErrors.invalidInput(`Invalid OpenID Connect provider URL ${url}: it must be an https:// URL without a query or fragment.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw invalid();
  }
  if (/[?#]/.test(url) || parsed.username || parsed.password || !parsed.hostname) throw invalid();
  const local = LOOPBACK_HOST.test(parsed.hostname) || parsed.hostname === new URL(publicGatewayUrl()).hostname;
  if (parsed.protocol !== "https:" && !(parsed.protocol === "http:" && local)) throw invalid();
  return oidcProviderName(url);
}

function checkClientIds(clientIds: string[]): string[] {
  const unique = [...new Set(clientIds)];
  if (unique.length > MAX_CLIENT_IDS) throw IamErrors.limitExceeded(`Cannot exceed quota for ClientIdsPerOpenIdConnectProvider: ${MAX_CLIENT_IDS}`);
  return unique;
}

function checkThumbprints(thumbprints: string[]): string[] {
  const unique = [...new Set(thumbprints)];
  if (unique.length > MAX_THUMBPRINTS) throw IamErrors.limitExceeded(`Cannot exceed quota for ThumbprintsPerOpenIdConnectProvider: ${MAX_THUMBPRINTS}`);
  return unique;
}

function checkTags(tags: Tag[]): Tag[] {
  if (tags.length > MAX_TAGS) throw IamErrors.limitExceeded("The number of tags has reached the maximum limit.");
  return tags;
}

/** The account's provider of that name (the URL without its scheme); null when there is none. */
export function findOidcProvider(db: Db, accountId: string, name: string): Promise<IamOpenIdConnectProvider | null> {
  return db.iamOpenIdConnectProvider.findUnique({ where: { accountId_name: { accountId, name } } });
}

/** The name an OpenID Connect provider ARN gives in the caller's account; null for another account's (InvalidInput for no such ARN). */
function nameInAccount(arn: string, accountId: string): string | null {
  const parsed = parseOidcProviderArn(arn);
  if (!parsed) throw IamErrors.invalidInput(`ARN ${arn} is not valid.`);
  return parsed.accountId === accountId ? parsed.name : null;
}

/** The provider an ARN names in the caller's account, or NoSuchEntity. */
async function requireProvider(db: Db, accountId: string, arn: string): Promise<IamOpenIdConnectProvider> {
  const name = nameInAccount(arn, accountId);
  const provider = name === null ? null : await findOidcProvider(db, accountId, name);
  if (!provider) throw IamErrors.oidcProviderNotFound(arn);
  return provider;
}

/** Changes a provider with its row locked, so concurrent changes of its lists never lose one another. */
async function changeProvider(
  db: PrismaClient,
  accountId: string,
  arn: string,
  change: (provider: IamOpenIdConnectProvider) => Prisma.IamOpenIdConnectProviderUpdateInput,
): Promise<void> {
  const name = nameInAccount(arn, accountId);
  await db.$transaction(async (tx) => {
    if (name !== null) await tx.$queryRaw`SELECT 1 FROM iam_openid_connect_providers WHERE account_id = ${accountId} AND name = ${name} FOR UPDATE`;
    const provider = await requireProvider(tx, accountId, arn);
    await tx.iamOpenIdConnectProvider.update({ where: { accountId_name: { accountId, name: provider.name } }, data: change(provider) });
  });
}

export async function createOpenIdConnectProvider(
  db: Db,
  ctx: CallContext,
  input: { Url: string; ClientIDList?: string[]; ThumbprintList?: string[]; Tags?: Tag[] },
) {
  requireRole(ctx, "developer", "iam:CreateOpenIDConnectProvider");
  const name = checkedName(input.Url);
  const clientIds = checkClientIds(input.ClientIDList ?? []);
  const thumbprints = checkThumbprints(input.ThumbprintList ?? []);
  const tags = checkTags(mergeTags([], input.Tags ?? []));
  const exists = () => IamErrors.entityAlreadyExists(`Provider with url ${input.Url} already exists.`);
  if (await findOidcProvider(db, ctx.accountId, name)) throw exists();
  if ((await db.iamOpenIdConnectProvider.count({ where: { accountId: ctx.accountId } })) >= MAX_PROVIDERS) {
    throw IamErrors.limitExceeded(`Cannot exceed quota for OpenIdConnectProvidersPerAccount: ${MAX_PROVIDERS}`);
  }
  await db.iamOpenIdConnectProvider.create({ data: { accountId: ctx.accountId, name, url: input.Url, clientIds, thumbprints, tags } }).catch(onDuplicate(exists));
  return { OpenIDConnectProviderArn: oidcProviderArn(ctx.accountId, name), Tags: tags.length > 0 ? tags : undefined };
}

/** As IAM shows it, the URL has no scheme. */
export async function getOpenIdConnectProvider(db: Db, ctx: CallContext, input: { OpenIDConnectProviderArn: string }) {
  const provider = await requireProvider(db, ctx.accountId, input.OpenIDConnectProviderArn);
  return { Url: provider.name, ClientIDList: provider.clientIds, ThumbprintList: provider.thumbprints, CreateDate: provider.createdAt, Tags: storedTags(provider.tags) };
}

export async function listOpenIdConnectProviders(db: Db, ctx: CallContext) {
  const providers = await db.iamOpenIdConnectProvider.findMany({ where: { accountId: ctx.accountId }, orderBy: { name: "asc" }, select: { name: true } });
  return { OpenIDConnectProviderList: providers.map(({ name }) => ({ Arn: oidcProviderArn(ctx.accountId, name) })) };
}

/** Idempotent, as IAM documents it: deleting a provider that is not there succeeds. Roles that trust it stay as they are. */
export async function deleteOpenIdConnectProvider(db: Db, ctx: CallContext, input: { OpenIDConnectProviderArn: string }) {
  requireRole(ctx, "developer", "iam:DeleteOpenIDConnectProvider");
  const name = nameInAccount(input.OpenIDConnectProviderArn, ctx.accountId);
  if (name !== null) await db.iamOpenIdConnectProvider.deleteMany({ where: { accountId: ctx.accountId, name } });
}

/** Idempotent: a client ID already listed is left as it is. */
export async function addClientId(db: PrismaClient, ctx: CallContext, input: { OpenIDConnectProviderArn: string; ClientID: string }) {
  requireRole(ctx, "developer", "iam:AddClientIDToOpenIDConnectProvider");
  await changeProvider(db, ctx.accountId, input.OpenIDConnectProviderArn, (provider) => ({ clientIds: checkClientIds([...provider.clientIds, input.ClientID]) }));
}

/** Idempotent: a client ID that is not listed is no error. */
export async function removeClientId(db: PrismaClient, ctx: CallContext, input: { OpenIDConnectProviderArn: string; ClientID: string }) {
  requireRole(ctx, "developer", "iam:RemoveClientIDFromOpenIDConnectProvider");
  await changeProvider(db, ctx.accountId, input.OpenIDConnectProviderArn, (provider) => ({ clientIds: provider.clientIds.filter((id) => id !== input.ClientID) }));
}

/** Replaces the whole list. */
export async function updateThumbprint(db: PrismaClient, ctx: CallContext, input: { OpenIDConnectProviderArn: string; ThumbprintList: string[] }) {
  requireRole(ctx, "developer", "iam:UpdateOpenIDConnectProviderThumbprint");
  const thumbprints = checkThumbprints(input.ThumbprintList);
  await changeProvider(db, ctx.accountId, input.OpenIDConnectProviderArn, () => ({ thumbprints }));
}

export async function tagOpenIdConnectProvider(db: PrismaClient, ctx: CallContext, input: { OpenIDConnectProviderArn: string; Tags: Tag[] }) {
  requireRole(ctx, "developer", "iam:TagOpenIDConnectProvider");
  await changeProvider(db, ctx.accountId, input.OpenIDConnectProviderArn, (provider) => ({ tags: checkTags(mergeTags(storedTags(provider.tags), input.Tags)) }));
}

export async function untagOpenIdConnectProvider(db: PrismaClient, ctx: CallContext, input: { OpenIDConnectProviderArn: string; TagKeys: string[] }) {
  requireRole(ctx, "developer", "iam:UntagOpenIDConnectProvider");
  await changeProvider(db, ctx.accountId, input.OpenIDConnectProviderArn, (provider) => ({
    tags: storedTags(provider.tags).filter((tag) => !input.TagKeys.includes(tag.Key)),
  }));
}

export async function listOpenIdConnectProviderTags(db: Db, ctx: CallContext, input: { OpenIDConnectProviderArn: string; Marker?: string; MaxItems?: number }) {
  const provider = await requireProvider(db, ctx.accountId, input.OpenIDConnectProviderArn);
  const { items, ...rest } = page(storedTags(provider.tags), input);
  return { Tags: items, ...rest };
}

/** What a provider makes of a token: its claims, for which of its client IDs; or why not. */
export type ProviderToken =
  | { ok: true; claims: JWTPayload; subject: string; audience: string }
  | { ok: false; problem: "issuer" | "audience" | "unreachable" | "invalid"; detail: string };

const strings = (value: unknown): string[] => (typeof value === "string" ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : []);

/**
 * An ID token of the provider (its `iss` is the provider's URL), verified with the keys its discovery
 * document publishes. The token is for one of the provider's client IDs: its `azp` when it has one, else one
 * of its `aud` (as IAM and Cognito read them). Issuer and audience are read before the provider is asked, so
 * a token for another app is refused whether or not the provider answers; a provider that cannot be reached
 * is told apart from a bad token.
 */
export async function verifyProviderToken(provider: IamOpenIdConnectProvider, token: string): Promise<ProviderToken> {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch (error) {
    return { ok: false, problem: "invalid", detail: error instanceof Error ? error.message : String(error) };
  }
  if (typeof claims.iss !== "string" || oidcProviderName(claims.iss) !== provider.name) return { ok: false, problem: "issuer", detail: "Issuer doesn't match the provider" };
  const candidates = typeof claims.azp === "string" ? [claims.azp] : strings(claims.aud);
  const audience = candidates.find((candidate) => provider.clientIds.includes(candidate));
  if (audience === undefined) return { ok: false, problem: "audience", detail: "Incorrect token audience" };
  return verifyIdToken(token, { issuer: provider.url, audience: typeof claims.azp === "string" ? undefined : provider.clientIds }).then(
    (verified): ProviderToken =>
      typeof verified.sub === "string" ? { ok: true, claims: verified, subject: verified.sub, audience } : { ok: false, problem: "invalid", detail: "The token has no subject" },
    (error: unknown): ProviderToken => {
      if (!(error instanceof OidcError)) throw error;
      return { ok: false, problem: error instanceof OidcUnreachable ? "unreachable" : "invalid", detail: error.message };
    },
  );
}
