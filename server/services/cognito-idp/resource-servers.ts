/**
 * Resource servers: an API's identifier and the custom OAuth scopes it defines, granted to app clients as
 * `{Identifier}/{ScopeName}` (CreateResourceServer, DescribeResourceServer, ListResourceServers,
 * UpdateResourceServer, DeleteResourceServer).
 */
import { z } from "zod";
import type { Db } from "../../db/client";
import { isUniqueViolation } from "../../db/errors";
import type { CognitoResourceServer } from "../../db/generated/client";
import { requireRole } from "../accounts/roles";
import type { CallContext } from "../context";
import { CognitoErrors } from "./errors";
import { requirePool } from "./store";

export const ResourceServerScopes = z
  .array(
    z.object({
      ScopeName: z.string().min(1).max(256).regex(/^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/, "Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+"),
      ScopeDescription: z.string().min(1).max(256),
    }),
  )
  .max(100);
type ResourceServerScopes = z.output<typeof ResourceServerScopes>;

/** Cognito's quota of resource servers per user pool. */
const MAX_PER_POOL = 25;

interface ResourceServerInput {
  UserPoolId: string;
  Identifier: string;
  Name: string;
  Scopes?: ResourceServerScopes;
}

function shape(server: CognitoResourceServer) {
  return { UserPoolId: server.userPoolId, Identifier: server.identifier, Name: server.name, Scopes: ResourceServerScopes.parse(server.scopes) };
}

function checkScopes(scopes: ResourceServerScopes): void {
  const names = scopes.map((s) => s.ScopeName);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated) throw CognitoErrors.invalidParameter(`Duplicate scope names are not allowed: ${repeated}`);
}

const keyOf = (userPoolId: string, identifier: string) => ({ userPoolId_identifier: { userPoolId, identifier } });

async function requireResourceServer(db: Db, userPoolId: string, identifier: string): Promise<CognitoResourceServer> {
  const server = await db.cognitoResourceServer.findUnique({ where: keyOf(userPoolId, identifier) });
  if (!server) throw CognitoErrors.resourceNotFound(`Resource server ${identifier} does not exist.`);
  return server;
}

export async function createResourceServer(db: Db, ctx: CallContext, input: ResourceServerInput) {
  requireRole(ctx, "developer", "cognito-idp:CreateResourceServer");
  const pool = await requirePool(db, ctx, input.UserPoolId);
  const scopes = input.Scopes ?? [];
  checkScopes(scopes);
  if ((await db.cognitoResourceServer.count({ where: { userPoolId: pool.id } })) >= MAX_PER_POOL) {
    throw CognitoErrors.limitExceeded(`The user pool has reached its limit of ${MAX_PER_POOL} resource servers.`);
  }
  const server = await db.cognitoResourceServer.create({ data: { userPoolId: pool.id, identifier: input.Identifier, name: input.Name, scopes } }).catch((error: unknown) => {
    throw isUniqueViolation(error) ? CognitoErrors.invalidParameter(`${input.Identifier} already exists in pool ${pool.id}.`) : error;
  });
  return { ResourceServer: shape(server) };
}

export async function describeResourceServer(db: Db, ctx: CallContext, input: { UserPoolId: string; Identifier: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  return { ResourceServer: shape(await requireResourceServer(db, input.UserPoolId, input.Identifier)) };
}

export async function listResourceServers(db: Db, ctx: CallContext, input: { UserPoolId: string; MaxResults: number; NextToken?: string }) {
  await requirePool(db, ctx, input.UserPoolId);
  const servers = await db.cognitoResourceServer.findMany({
    where: { userPoolId: input.UserPoolId, ...(input.NextToken ? { identifier: { gt: input.NextToken } } : {}) },
    orderBy: { identifier: "asc" },
    take: input.MaxResults + 1,
  });
  const page = servers.slice(0, input.MaxResults);
  return { ResourceServers: page.map(shape), NextToken: servers.length > input.MaxResults ? page[page.length - 1]!.identifier : undefined };
}

/** Like AWS, an update replaces the name and the whole scope list (scopes left out are removed). */
export async function updateResourceServer(db: Db, ctx: CallContext, input: ResourceServerInput) {
  requireRole(ctx, "developer", "cognito-idp:UpdateResourceServer");
  await requirePool(db, ctx, input.UserPoolId);
  await requireResourceServer(db, input.UserPoolId, input.Identifier);
  const scopes = input.Scopes ?? [];
  checkScopes(scopes);
  const server = await db.cognitoResourceServer.update({ where: keyOf(input.UserPoolId, input.Identifier), data: { name: input.Name, scopes } });
  return { ResourceServer: shape(server) };
}

export async function deleteResourceServer(db: Db, ctx: CallContext, input: { UserPoolId: string; Identifier: string }) {
  requireRole(ctx, "developer", "cognito-idp:DeleteResourceServer");
  await requirePool(db, ctx, input.UserPoolId);
  await requireResourceServer(db, input.UserPoolId, input.Identifier);
  await db.cognitoResourceServer.delete({ where: keyOf(input.UserPoolId, input.Identifier) });
  return {};
}

/** Every custom scope the pool's resource servers define, as clients are granted them (`{Identifier}/{ScopeName}`). */
export async function customScopesOf(db: Db, userPoolId: string): Promise<Set<string>> {
  const servers = await db.cognitoResourceServer.findMany({ where: { userPoolId } });
  return new Set(servers.flatMap((s) => ResourceServerScopes.parse(s.scopes).map((scope) => `${s.identifier}/${scope.ScopeName}`)));
}
