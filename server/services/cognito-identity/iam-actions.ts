/**
 * Cognito Identity operations as IAM actions: everything about a pool acts on its ARN; CreateIdentityPool
 * and ListIdentityPools are defined on `*`, and so are DescribeIdentity and DeleteIdentities here, whose
 * input names identities, not their pool. End-user operations are unsigned and never authorised, but are
 * listed so every registered operation has its entry.
 */
import type { ActionEntry, ActionTable, ResourceOf } from "../iam/authorization/request-actions";
import { identityPoolArn } from "./model";
import type { CognitoIdentityOperationName } from "./operations";

const onPool: ActionEntry = {
  resource: ((input, scope) => {
    const id = input.string("IdentityPoolId");
    return id ? identityPoolArn(scope.region, scope.accountId, id) : null;
  }) satisfies ResourceOf,
};
const unsigned: ActionEntry = {};

export const cognitoIdentityActions = {
  CreateIdentityPool: {},
  ListIdentityPools: {},
  DescribeIdentityPool: onPool,
  UpdateIdentityPool: onPool,
  DeleteIdentityPool: onPool,
  SetIdentityPoolRoles: onPool,
  GetIdentityPoolRoles: onPool,
  ListIdentities: onPool,
  DescribeIdentity: {},
  DeleteIdentities: {},
  GetId: unsigned,
  GetCredentialsForIdentity: unsigned,
  GetOpenIdToken: unsigned,
} satisfies Record<CognitoIdentityOperationName, ActionEntry> satisfies ActionTable;
