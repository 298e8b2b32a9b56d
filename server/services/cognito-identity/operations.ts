/**
 * The Cognito Identity operations as one table: AWS name → input schema and domain function, which the
 * gateway (awsJson1_1) serves.
 */
import { operation as op } from "../operation";
import * as credentials from "./credentials";
import * as identities from "./identities";
import * as pools from "./pools";
import { IdentitySchemas as S } from "./schemas";

export const cognitoIdentityOperations = {
  CreateIdentityPool: op(S.CreateIdentityPool, pools.createIdentityPool),
  DescribeIdentityPool: op(S.DescribeIdentityPool, pools.describeIdentityPool),
  ListIdentityPools: op(S.ListIdentityPools, pools.listIdentityPools),
  UpdateIdentityPool: op(S.UpdateIdentityPool, pools.updateIdentityPool),
  DeleteIdentityPool: op(S.DeleteIdentityPool, pools.deleteIdentityPool),
  SetIdentityPoolRoles: op(S.SetIdentityPoolRoles, pools.setIdentityPoolRoles),
  GetIdentityPoolRoles: op(S.GetIdentityPoolRoles, pools.getIdentityPoolRoles),
  ListIdentities: op(S.ListIdentities, identities.listIdentities),
  DescribeIdentity: op(S.DescribeIdentity, identities.describeIdentity),
  DeleteIdentities: op(S.DeleteIdentities, identities.deleteIdentities),
  GetId: op(S.GetId, identities.getId),
  GetCredentialsForIdentity: op(S.GetCredentialsForIdentity, credentials.getCredentialsForIdentity),
  GetOpenIdToken: op(S.GetOpenIdToken, credentials.getOpenIdToken),
};

export type CognitoIdentityOperationName = keyof typeof cognitoIdentityOperations;

/** The operations end users call without AWS credentials: the pool or identity id says which account. */
export const UNSIGNED_OPERATIONS: ReadonlySet<CognitoIdentityOperationName> = new Set(["GetId", "GetCredentialsForIdentity", "GetOpenIdToken"]);
