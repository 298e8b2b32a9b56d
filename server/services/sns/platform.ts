/**
 * Mobile push and SMS, as far as a machine without carriers can take them: platform applications and
 * endpoints are stored and validated as on AWS, and what would be pushed or texted lands in the team's
 * outbox. Phone numbers can be opted out and back in.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { arn, parseArn } from "../../lib/arn";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { SnsErrors } from "./errors";
import { PAGE_SIZE } from "./limits";
import { decodeToken, page } from "./paging";
import { compactPhoneNumber, PHONE_NUMBER, withPlus } from "./phone-numbers";

const PLATFORMS = ["ADM", "APNS", "APNS_SANDBOX", "BAIDU", "GCM", "MPNS", "WNS"];
const APPLICATION_NAME = /^[A-Za-z0-9_.-]{1,256}$/;
/** Credentials are write-only: GetPlatformApplicationAttributes never returns them. */
const SECRET_ATTRIBUTES = new Set(["PlatformCredential", "PlatformPrincipal"]);

function applicationArn(region: string, accountId: string, platform: string, name: string): string {
  return arn("sns", region, accountId, `app/${platform}/${name}`);
}

function endpointArn(region: string, accountId: string, platform: string, name: string, id: string): string {
  return arn("sns", region, accountId, `endpoint/${platform}/${name}/${id}`);
}

function publicAttributes(attributes: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(attributes).filter(([k]) => !SECRET_ATTRIBUTES.has(k)));
}

async function findApplication(db: Db, ctx: CallContext, applicationArnValue: string) {
  const parsed = parseArn(applicationArnValue);
  const [kind, platform, name, ...rest] = parsed?.resource.split("/") ?? [];
  if (!parsed || parsed.service !== "sns" || kind !== "app" || !platform || !name || rest.length > 0) throw SnsErrors.invalidParameter("PlatformApplicationArn");
  if (parsed.accountId !== ctx.accountId || parsed.region !== ctx.region) return null;
  return db.snsPlatformApplication.findUnique({ where: { accountId_region_platform_name: { accountId: ctx.accountId, region: ctx.region, platform, name } } });
}

async function requireApplication(db: Db, ctx: CallContext, applicationArnValue: string) {
  const row = await findApplication(db, ctx, applicationArnValue);
  if (!row) throw SnsErrors.notFound("PlatformApplication does not exist");
  return row;
}

export async function createPlatformApplication(db: Db, ctx: CallContext, input: { Name: string; Platform: string; Attributes: Record<string, string> }) {
  requireRole(ctx, "developer", "sns:CreatePlatformApplication");
  if (!APPLICATION_NAME.test(input.Name)) throw SnsErrors.invalidParameter("Name");
  if (!PLATFORMS.includes(input.Platform)) throw SnsErrors.invalidParameter("Platform Reason: Platform must be one of " + PLATFORMS.join(", "));
  if (!input.Attributes.PlatformCredential) throw SnsErrors.invalidParameter("Attributes Reason: PlatformCredential attribute must be specified");
  const key = { accountId: ctx.accountId, region: ctx.region, platform: input.Platform, name: input.Name };
  await db.snsPlatformApplication.upsert({ where: { accountId_region_platform_name: key }, create: { ...key, attributes: input.Attributes }, update: { attributes: input.Attributes } });
  return { PlatformApplicationArn: applicationArn(ctx.region, ctx.accountId, input.Platform, input.Name) };
}

export async function deletePlatformApplication(db: Db, ctx: CallContext, input: { PlatformApplicationArn: string }): Promise<void> {
  requireRole(ctx, "developer", "sns:DeletePlatformApplication");
  const application = await findApplication(db, ctx, input.PlatformApplicationArn);
  if (application) await db.snsPlatformApplication.delete({ where: { id: application.id } });
}

export async function listPlatformApplications(db: Db, ctx: CallContext, input: { NextToken?: string }) {
  const after = decodeToken(input.NextToken);
  const rows = await db.snsPlatformApplication.findMany({
    where: { accountId: ctx.accountId, region: ctx.region, ...(after !== undefined && { id: { gt: after } }) },
    orderBy: { id: "asc" },
    take: PAGE_SIZE + 1,
  });
  const { items, NextToken } = page(rows, PAGE_SIZE, (r) => r.id);
  return {
    PlatformApplications: items.map((r) => ({
      PlatformApplicationArn: applicationArn(r.region, r.accountId, r.platform, r.name),
      Attributes: publicAttributes(r.attributes as Record<string, string>),
    })),
    NextToken,
  };
}

export async function getPlatformApplicationAttributes(db: Db, ctx: CallContext, input: { PlatformApplicationArn: string }) {
  const application = await requireApplication(db, ctx, input.PlatformApplicationArn);
  return { Attributes: publicAttributes(application.attributes as Record<string, string>) };
}

export async function setPlatformApplicationAttributes(db: Db, ctx: CallContext, input: { PlatformApplicationArn: string; Attributes: Record<string, string> }) {
  requireRole(ctx, "developer", "sns:SetPlatformApplicationAttributes");
  const application = await requireApplication(db, ctx, input.PlatformApplicationArn);
  await db.snsPlatformApplication.update({ where: { id: application.id }, data: { attributes: { ...(application.attributes as Record<string, string>), ...input.Attributes } } });
}

export async function createPlatformEndpoint(
  db: Db,
  ctx: CallContext,
  input: { PlatformApplicationArn: string; Token: string; CustomUserData?: string; Attributes?: Record<string, string> },
) {
  requireRole(ctx, "developer", "sns:CreatePlatformEndpoint");
  const application = await requireApplication(db, ctx, input.PlatformApplicationArn);
  if (input.Token === "") throw SnsErrors.invalidParameter("Token Reason: Token must not be empty");
  const attributes = { Enabled: "true", ...input.Attributes, Token: input.Token, ...(input.CustomUserData !== undefined && { CustomUserData: input.CustomUserData }) };
  const existing = await db.snsPlatformEndpoint.findUnique({ where: { applicationId_token: { applicationId: application.id, token: input.Token } } });
  const id = existing?.id ?? randomUUID();
  const arnOf = endpointArn(ctx.region, ctx.accountId, application.platform, application.name, id);
  if (existing) {
    const current = existing.attributes as Record<string, string>;
    if (Object.entries(attributes).some(([k, v]) => current[k] !== v)) {
      throw SnsErrors.invalidParameter(`Token Reason: Endpoint ${arnOf} already exists with the same Token, but different attributes.`);
    }
    return { EndpointArn: arnOf };
  }
  await db.snsPlatformEndpoint.create({ data: { id, applicationId: application.id, token: input.Token, attributes } });
  return { EndpointArn: arnOf };
}

/** The caller's platform endpoint an ARN names, or null. */
export async function findPlatformEndpoint(db: Db, ctx: Pick<CallContext, "accountId" | "region">, endpointArnValue: string) {
  const parsed = parseArn(endpointArnValue);
  const [kind, , , id, ...rest] = parsed?.resource.split("/") ?? [];
  if (!parsed || parsed.service !== "sns" || kind !== "endpoint" || !id || rest.length > 0) return null;
  if (parsed.accountId !== ctx.accountId || parsed.region !== ctx.region || !/^[0-9a-f-]{36}$/.test(id)) return null;
  return db.snsPlatformEndpoint.findUnique({ where: { id }, include: { application: true } });
}

async function requireEndpoint(db: Db, ctx: CallContext, endpointArnValue: string) {
  const endpoint = await findPlatformEndpoint(db, ctx, endpointArnValue);
  if (!endpoint) throw SnsErrors.notFound("Endpoint does not exist");
  return endpoint;
}

/** Direct publishes go only to enabled endpoints. */
export async function requirePublishableEndpoint(db: Db, ctx: CallContext, endpointArnValue: string): Promise<void> {
  const endpoint = await findPlatformEndpoint(db, ctx, endpointArnValue);
  if (!endpoint) throw SnsErrors.invalidParameter("TargetArn Reason: No endpoint found for the target arn specified");
  if ((endpoint.attributes as Record<string, string>).Enabled === "false") throw SnsErrors.endpointDisabled();
}

export async function deleteEndpoint(db: Db, ctx: CallContext, input: { EndpointArn: string }): Promise<void> {
  requireRole(ctx, "developer", "sns:DeleteEndpoint");
  const endpoint = await findPlatformEndpoint(db, ctx, input.EndpointArn);
  if (endpoint) await db.snsPlatformEndpoint.delete({ where: { id: endpoint.id } });
}

export async function getEndpointAttributes(db: Db, ctx: CallContext, input: { EndpointArn: string }) {
  const endpoint = await requireEndpoint(db, ctx, input.EndpointArn);
  return { Attributes: endpoint.attributes as Record<string, string> };
}

export async function setEndpointAttributes(db: Db, ctx: CallContext, input: { EndpointArn: string; Attributes: Record<string, string> }): Promise<void> {
  requireRole(ctx, "developer", "sns:SetEndpointAttributes");
  const endpoint = await requireEndpoint(db, ctx, input.EndpointArn);
  const attributes = { ...(endpoint.attributes as Record<string, string>), ...input.Attributes };
  await db.snsPlatformEndpoint.update({ where: { id: endpoint.id }, data: { attributes, token: attributes.Token ?? endpoint.token } });
}

export async function listEndpointsByPlatformApplication(db: Db, ctx: CallContext, input: { PlatformApplicationArn: string; NextToken?: string }) {
  const application = await requireApplication(db, ctx, input.PlatformApplicationArn);
  const after = decodeToken(input.NextToken);
  const rows = await db.snsPlatformEndpoint.findMany({
    where: { applicationId: application.id, ...(after !== undefined && { id: { gt: after } }) },
    orderBy: { id: "asc" },
    take: PAGE_SIZE + 1,
  });
  const { items, NextToken } = page(rows, PAGE_SIZE, (r) => r.id);
  return {
    Endpoints: items.map((r) => ({ EndpointArn: endpointArn(ctx.region, ctx.accountId, application.platform, application.name, r.id), Attributes: r.attributes as Record<string, string> })),
    NextToken,
  };
}

function phoneNumber(value: string): string {
  const number = compactPhoneNumber(value);
  if (!PHONE_NUMBER.test(number)) throw SnsErrors.invalidParameter("PhoneNumber Reason: input incorrectly formatted");
  return withPlus(number);
}

export async function checkIfPhoneNumberIsOptedOut(db: Db, ctx: CallContext, input: { phoneNumber: string }) {
  const row = await db.snsSmsOptOut.findUnique({ where: { accountId_phoneNumber: { accountId: ctx.accountId, phoneNumber: phoneNumber(input.phoneNumber) } } });
  return { isOptedOut: row !== null };
}

export async function listPhoneNumbersOptedOut(db: Db, ctx: CallContext, input: { nextToken?: string }) {
  const after = decodeToken(input.nextToken);
  const rows = await db.snsSmsOptOut.findMany({
    where: { accountId: ctx.accountId, ...(after !== undefined && { phoneNumber: { gt: after } }) },
    orderBy: { phoneNumber: "asc" },
    take: PAGE_SIZE + 1,
  });
  const { items, NextToken } = page(rows, PAGE_SIZE, (r) => r.phoneNumber);
  return { phoneNumbers: items.map((r) => r.phoneNumber), nextToken: NextToken };
}

export async function optInPhoneNumber(db: Db, ctx: CallContext, input: { phoneNumber: string }): Promise<void> {
  requireRole(ctx, "developer", "sns:OptInPhoneNumber");
  await db.snsSmsOptOut.deleteMany({ where: { accountId: ctx.accountId, phoneNumber: phoneNumber(input.phoneNumber) } });
}

/** Opts a number out (what replying STOP does on AWS); offered in the console's outbox. */
export async function optOutPhoneNumber(db: Db, ctx: CallContext, input: { phoneNumber: string }): Promise<void> {
  requireRole(ctx, "developer", "sns:OptOutPhoneNumber");
  const number = phoneNumber(input.phoneNumber);
  await db.snsSmsOptOut.upsert({ where: { accountId_phoneNumber: { accountId: ctx.accountId, phoneNumber: number } }, create: { accountId: ctx.accountId, phoneNumber: number }, update: {} });
}
