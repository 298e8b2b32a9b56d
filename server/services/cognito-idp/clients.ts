/** App clients: CreateUserPoolClient, DescribeUserPoolClient, ListUserPoolClients, UpdateUserPoolClient, DeleteUserPoolClient. */
import type { Db, PrismaClient } from "../../db/client";
import type { CognitoUserPoolClient } from "../../db/generated/client";
import { env } from "../../env";
import { encryptSecret } from "../../lib/secrets";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { CognitoErrors } from "./errors";
import { COGNITO_PROVIDER, unknownProviders } from "./identity-providers";
import { ClientSettings, newClientId, newClientSecret } from "./model";
import { clientSecretOf } from "./secret-hash";
import { clientSettings, requireClient, requirePool } from "./store";

export function describeClient(client: CognitoUserPoolClient) {
  return {
    UserPoolId: client.userPoolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ClientSecret: clientSecretOf(client),
    ...clientSettings(client),
    CreationDate: client.createdAt,
    LastModifiedDate: client.updatedAt,
  };
}

function checkFlows(settings: ClientSettings): void {
  const flows = settings.ExplicitAuthFlows;
  if (!flows) return;
  const legacy = flows.filter((f) => !f.startsWith("ALLOW_"));
  if (legacy.length > 0 && legacy.length !== flows.length) {
    throw CognitoErrors.invalidParameter("Cannot use both ALLOW_ prefixed and non-prefixed ExplicitAuthFlows values together.");
  }
  if (legacy.length === 0 && flows.length > 0 && !flows.includes("ALLOW_REFRESH_TOKEN_AUTH")) {
    throw CognitoErrors.invalidParameter("The ALLOW_REFRESH_TOKEN_AUTH flow must be included in ExplicitAuthFlows.");
  }
}

/** Every provider named must be the pool's own sign-in (COGNITO) or one of its identity providers. */
async function checkProviders(db: Db, userPoolId: string, settings: ClientSettings): Promise<void> {
  const named = (settings.SupportedIdentityProviders ?? []).filter((name) => name !== COGNITO_PROVIDER);
  const [unknown] = await unknownProviders(db, userPoolId, named);
  if (unknown !== undefined) throw CognitoErrors.invalidParameter(`The provider ${unknown} does not exist for User Pool ${userPoolId}`);
}

export async function createUserPoolClient(db: PrismaClient, ctx: CallContext, input: Partial<ClientSettings> & { UserPoolId: string; ClientName: string; GenerateSecret?: boolean }) {
  requireRole(ctx, "developer", "cognito-idp:CreateUserPoolClient");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const { UserPoolId: _id, ClientName, GenerateSecret, ...rest } = input;
  const settings = ClientSettings.parse(rest);
  checkFlows(settings);
  // The providers named stay locked until the client is saved (see unknownProviders).
  const client = await db.$transaction(async (tx) => {
    await checkProviders(tx, pool.id, settings);
    return tx.cognitoUserPoolClient.create({
      data: {
        clientId: newClientId(),
        userPoolId: pool.id,
        name: ClientName,
        secretEncrypted: GenerateSecret ? encryptSecret(newClientSecret(), env().STRATUS_SECRET_KEY) : null,
        config: settings,
      },
    });
  });
  return { UserPoolClient: describeClient(client) };
}

export async function describeUserPoolClient(db: Db, ctx: CallContext, input: { UserPoolId: string; ClientId: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  return { UserPoolClient: describeClient(await requireClient(db, input.UserPoolId, input.ClientId)) };
}

export async function listUserPoolClients(db: Db, ctx: CallContext, input: { UserPoolId: string; MaxResults?: number; NextToken?: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  const size = input.MaxResults ?? 60;
  const clients = await db.cognitoUserPoolClient.findMany({
    where: { userPoolId: input.UserPoolId, ...(input.NextToken ? { clientId: { gt: input.NextToken } } : {}) },
    orderBy: { clientId: "asc" },
    take: size + 1,
  });
  const page = clients.slice(0, size);
  return {
    UserPoolClients: page.map((c) => ({ ClientId: c.clientId, UserPoolId: c.userPoolId, ClientName: c.name })),
    NextToken: clients.length > size ? page[page.length - 1]!.clientId : undefined,
  };
}

export async function updateUserPoolClient(db: PrismaClient, ctx: CallContext, input: Partial<ClientSettings> & { UserPoolId: string; ClientId: string; ClientName?: string }) {
  requireRole(ctx, "developer", "cognito-idp:UpdateUserPoolClient");
  await requirePool(db, ctx, input.UserPoolId);
  const client = await requireClient(db, input.UserPoolId, input.ClientId);
  const { UserPoolId: _p, ClientId: _c, ClientName, ...rest } = input;
  // Like AWS, what an update leaves out goes back to its default.
  const settings = ClientSettings.parse(rest);
  checkFlows(settings);
  const updated = await db.$transaction(async (tx) => {
    await checkProviders(tx, client.userPoolId, settings);
    return tx.cognitoUserPoolClient.update({
      where: { clientId: client.clientId },
      data: { name: ClientName ?? client.name, config: settings, updatedAt: new Date() },
    });
  });
  return { UserPoolClient: describeClient(updated) };
}

export async function deleteUserPoolClient(db: Db, ctx: CallContext, input: { UserPoolId: string; ClientId: string }) {
  requireRole(ctx, "developer", "cognito-idp:DeleteUserPoolClient");
  await requirePool(db, ctx, input.UserPoolId);
  const client = await requireClient(db, input.UserPoolId, input.ClientId);
  await db.cognitoUserPoolClient.delete({ where: { clientId: client.clientId } });
  return {};
}
