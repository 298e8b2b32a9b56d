/** Input shapes of the Cognito Identity operations, with the service's member constraints. */
import { z } from "zod";
import { PoolSettings, RoleMappings, Roles } from "./model";

/** Pool and identity ids share their shape. */
const RegionalId = z.string().min(1).max(55).regex(/^[\w-]+:[0-9a-f-]+$/, "Member must satisfy regular expression pattern: [\\w-]+:[0-9a-f-]+");
const IdentityPoolId = RegionalId;
const IdentityId = RegionalId;
const IdentityPoolName = z.string().min(1).max(128).regex(/^[\w\s+=,.@-]+$/, "Member must satisfy regular expression pattern: [\\w\\s+=,.@-]+");
const Tags = z.record(z.string().min(1).max(128), z.string().max(256));
/** Provider name → token; at most ten. */
const Logins = z.record(z.string().min(1).max(128), z.string().min(1).max(50_000)).refine((logins) => Object.keys(logins).length <= 10, "Member must have at most 10 entries");
const MaxResults = z.number().int().min(1).max(60);
const NextToken = z.string().min(1).optional();
const pool = { ...PoolSettings.shape, IdentityPoolName, IdentityPoolTags: Tags.optional() };

export const IdentitySchemas = {
  CreateIdentityPool: z.object(pool),
  DescribeIdentityPool: z.object({ IdentityPoolId }),
  ListIdentityPools: z.object({ MaxResults, NextToken }),
  UpdateIdentityPool: z.object({ ...pool, IdentityPoolId }),
  DeleteIdentityPool: z.object({ IdentityPoolId }),
  SetIdentityPoolRoles: z.object({ IdentityPoolId, Roles, RoleMappings: RoleMappings.optional() }),
  GetIdentityPoolRoles: z.object({ IdentityPoolId }),
  ListIdentities: z.object({ IdentityPoolId, MaxResults, NextToken, HideDisabled: z.boolean().optional() }),
  DescribeIdentity: z.object({ IdentityId }),
  DeleteIdentities: z.object({ IdentityIdsToDelete: z.array(IdentityId).min(1).max(60) }),
  GetId: z.object({ IdentityPoolId, AccountId: z.string().regex(/^\d+$/).optional(), Logins: Logins.optional() }),
  GetCredentialsForIdentity: z.object({ IdentityId, Logins: Logins.optional(), CustomRoleArn: z.string().min(20).max(2048).optional() }),
  GetOpenIdToken: z.object({ IdentityId, Logins: Logins.optional() }),
};
