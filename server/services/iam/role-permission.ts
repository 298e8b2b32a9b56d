/**
 * What a role may do when a service acts as it: Lambda reading a function's event source, or sending
 * its asynchronous results, as the function's execution role. The role's identity policies decide, as
 * the gateway decides its sessions' own calls (authorize.ts), and the team's enforcement mode decides
 * for a role that does not exist (permissive teams let it do anything: the local-emulator convention).
 * Only the identity side is decided here; a resource of another account is then checked against its
 * resource policy by the service acting on it.
 */
import { type Db, prisma } from "../../db/client";
import { env } from "../../env";
import { parseArn } from "../../lib/arn";
import { roleId, roleNameOf } from "../sts/role-sessions";
import { teamEnforcement } from "./enforcement";
import { IamDecisionData, loadIdentityPolicies } from "./policy-sets";
import { evaluatePolicies } from "./policy/evaluate";
import type { RequestContext } from "./policy/request";

/** Where policies and enforcement modes come from: a cache (IamDecisionData) or the database as it is now. */
export type DecisionSource = Pick<IamDecisionData, "identityPolicies" | "enforcement">;

/** Uncached: for checks made when a configuration is written, which must see an IAM change made a moment ago anywhere. */
export function currentDecisions(db: Db): DecisionSource {
  return {
    identityPolicies: (accountId, identity) => loadIdentityPolicies(db, accountId, identity),
    enforcement: (accountId) => teamEnforcement(db, accountId),
  };
}

let shared: IamDecisionData | undefined;

/**
 * This process's cache for the checks services make as they work (deliveries, event source polling). It drops
 * everything on an IAM change, made in this process or (heard through Postgres) in any other: IAM is
 * changed in the gateway and console processes, and a Deny must stop deliveries at once.
 */
export function serviceDecisions(): IamDecisionData {
  if (!shared) {
    shared = new IamDecisionData(prisma());
    shared.listen(env().DATABASE_URL, console);
  }
  return shared;
}

/** The role a service acts as, and the session it acts in (Lambda names it after the function). */
export interface ActingRole {
  roleArn: string;
  sessionName: string;
  region: string;
}

export interface RoleAction {
  action: string;
  resource: string;
}

/** The first of `actions` the role may not take, in order; undefined when it may take them all. */
export async function firstRefused(source: DecisionSource, role: ActingRole, actions: readonly RoleAction[], context: RequestContext = {}): Promise<RoleAction | undefined> {
  const name = roleNameOf(role.roleArn);
  const accountId = parseArn(role.roleArn)?.accountId;
  if (!name || !accountId) return actions[0];
  const policies = await source.identityPolicies(accountId, { type: "role", name });
  if (!policies.exists) return (await source.enforcement(accountId)) === "permissive" ? undefined : actions[0];
  const principal = { arn: `arn:aws:sts::${accountId}:assumed-role/${name}/${role.sessionName}`, accountId, userId: `${roleId(role.roleArn)}:${role.sessionName}` };
  const keys: RequestContext = { "aws:RequestedRegion": role.region, ...context };
  return actions.find(({ action, resource }) => evaluatePolicies({ identity: policies.policies }, { principal, action, resource, context: keys }).decision !== "Allow");
}

/** Whether the role may take `action` on `resource`. */
export async function roleMay(source: DecisionSource, role: ActingRole, action: RoleAction, context?: RequestContext): Promise<boolean> {
  return (await firstRefused(source, role, [action], context)) === undefined;
}
