/**
 * The identity pool workload: guest (unauthenticated) AWS credentials from Cognito identity pools with
 * `@aws-sdk/client-cognito-identity`. Set up with the team's key: an identity pool that allows
 * unauthenticated identities and an IAM role trusted by `cognito-identity.amazonaws.com` (for
 * sts:AssumeRoleWithWebIdentity) as its unauthenticated role; then GetId and GetCredentialsForIdentity,
 * unsigned, as an app's visitors call them.
 */
import {
  CognitoIdentityClient,
  CreateIdentityPoolCommand,
  DeleteIdentityPoolCommand,
  GetCredentialsForIdentityCommand,
  GetIdCommand,
  SetIdentityPoolRolesCommand,
} from "@aws-sdk/client-cognito-identity";
import { CreateRoleCommand, DeleteRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { warnNotDeleted } from "../lib/cli";
import type { Target } from "../lib/servers";
import { failureText, signedConfig, unsignedConfig } from "./measure";

const GUEST_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Federated: "cognito-identity.amazonaws.com" }, Action: "sts:AssumeRoleWithWebIdentity" }],
});

export interface BenchIdentityPool {
  target: Target;
  admin: CognitoIdentityClient;
  endUser: CognitoIdentityClient;
  iam: IAMClient;
  identityPoolId: string;
  roleName: string;
  /** Why SetIdentityPoolRoles failed, when it did (the workload still runs if GetCredentialsForIdentity answers). */
  rolesNotSet?: string;
}

/** An error that says the server has no such service or operation (yet), as opposed to one that failed. */
export const isMissingOperation = (e: unknown) =>
  e instanceof Error && (e.name === "UnknownOperationException" || /does not provide|unknown operation|not (?:yet )?implemented/i.test(e.message));

export async function createBenchIdentityPool(target: Target, runId: string): Promise<BenchIdentityPool> {
  const admin = new CognitoIdentityClient(signedConfig(target));
  const iam = new IAMClient(signedConfig(target));
  const endUser = new CognitoIdentityClient(unsignedConfig(target));
  const close = () => [admin, iam, endUser].forEach((c) => c.destroy());
  const created = await admin
    .send(new CreateIdentityPoolCommand({ IdentityPoolName: `bench_auth_${runId.replace(/-/g, "_")}`, AllowUnauthenticatedIdentities: true }))
    .catch((e: unknown) => {
      close();
      throw e;
    });
  const identityPoolId = created.IdentityPoolId!;
  const roleName = `bench-auth-guest-${runId}`;
  const p: BenchIdentityPool = { target, admin, endUser, iam, identityPoolId, roleName };
  try {
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: roleName, AssumeRolePolicyDocument: GUEST_TRUST }));
    await admin.send(new SetIdentityPoolRolesCommand({ IdentityPoolId: identityPoolId, Roles: { unauthenticated: Role!.Arn! } }));
  } catch (e) {
    p.rolesNotSet = failureText(e);
  }
  return p;
}

export async function deleteBenchIdentityPool(p: BenchIdentityPool): Promise<void> {
  await p.admin.send(new DeleteIdentityPoolCommand({ IdentityPoolId: p.identityPoolId })).catch(warnNotDeleted(p.identityPoolId));
  await p.iam.send(new DeleteRoleCommand({ RoleName: p.roleName })).catch(warnNotDeleted(p.roleName));
  for (const c of [p.admin, p.iam, p.endUser]) c.destroy();
}

/** A new guest identity (GetId). */
export async function newIdentity(p: BenchIdentityPool): Promise<string> {
  const { IdentityId } = await p.endUser.send(new GetIdCommand({ IdentityPoolId: p.identityPoolId }));
  if (!IdentityId) throw new Error("GetId answered no IdentityId");
  return IdentityId;
}

/** GetCredentialsForIdentity: temporary credentials of the pool's unauthenticated role; resolves to their access key id. */
export async function credentialsFor(p: BenchIdentityPool, identityId: string): Promise<string> {
  const { Credentials } = await p.endUser.send(new GetCredentialsForIdentityCommand({ IdentityId: identityId }));
  if (!Credentials?.AccessKeyId || !Credentials.SecretKey || !Credentials.SessionToken) throw new Error("GetCredentialsForIdentity answered no credentials");
  return Credentials.AccessKeyId;
}

/** What a new visitor does: GetId, then GetCredentialsForIdentity for that identity. */
export const newGuest = async (p: BenchIdentityPool) => credentialsFor(p, await newIdentity(p));
