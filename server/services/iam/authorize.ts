/**
 * The permission check every gateway call passes before its operation runs. Console users' keys act
 * with their team role (viewers may only read); IAM identities (role sessions, IAM users) are
 * evaluated against their policies as AWS does, with the team's enforcement mode deciding what a
 * session of a role that does not exist may do.
 */
import { AwsError } from "../../errors";
import type { CallContext, IamIdentity } from "../context";
import type { RequestedAction } from "./authorization/request-actions";
import type { IamDecisionData } from "./policy-sets";
import { evaluatePolicies, type Decision, type NamedPolicy } from "./policy/evaluate";
import type { RequestContext } from "./policy/request";

/** How each service words a refusal (code, status), as its SDK expects it. */
const DENIAL: Record<string, { code: string; status: number; queryCode?: string }> = {
  sqs: { code: "AccessDenied", status: 403 },
  sns: { code: "AuthorizationErrorException", status: 403, queryCode: "AuthorizationError" },
  lambda: { code: "AccessDeniedException", status: 403 },
  logs: { code: "AccessDeniedException", status: 400 },
  kinesis: { code: "AccessDeniedException", status: 400 },
  apigateway: { code: "AccessDeniedException", status: 403 },
  iam: { code: "AccessDenied", status: 403 },
  sts: { code: "AccessDenied", status: 403 },
};

/**
 * Actions AWS answers for any authenticated caller whatever the policies say, even under an explicit deny:
 * policies cannot control authentication operations (GetSessionToken), nor asking who you are.
 */
const NEEDS_NO_PERMISSION = new Set(["sts:GetCallerIdentity", "sts:GetSessionToken"]);

export function accessDenied(service: string, message: string): AwsError {
  const denial = DENIAL[service] ?? { code: "AccessDeniedException", status: 403 };
  return new AwsError(denial.code, message, denial.status, "Sender", denial.queryCode);
}

function reason(decision: Decision, action: string, policyKind: string): string {
  return decision === "ExplicitDeny" ? `with an explicit deny in ${policyKind}` : `because no ${policyKind.replace(/^an? /, "")} allows the ${action} action`;
}

/** The condition keys AWS sets on every request. */
export function requestContext(ctx: CallContext, identity: IamIdentity | undefined, now = new Date()): RequestContext {
  const { principal } = ctx;
  return {
    ...(identity?.type === "role" && identity.context),
    "aws:CurrentTime": now.toISOString(),
    "aws:EpochTime": String(Math.floor(now.getTime() / 1000)),
    "aws:SecureTransport": false,
    "aws:SourceIp": ctx.sourceIp?.replace(/^::ffff:/, ""),
    "aws:RequestedRegion": ctx.region,
    "aws:PrincipalAccount": principal.accountId,
    "aws:PrincipalArn": principal.arn,
    "aws:PrincipalType": identity?.type === "role" ? "AssumedRole" : "User",
    "aws:userid": principal.userId,
    "aws:username": identity?.type === "user" ? identity.name : undefined,
  };
}

export interface Authorization {
  decision: Decision;
  /** The policy kind that decided (for the message and the simulator). */
  policyKind: string;
}

/** Evaluates `policies` (and a session policy, which must also allow) for every resource of the request. */
export function evaluateIdentity(
  ctx: CallContext,
  identity: IamIdentity | undefined,
  policies: NamedPolicy[],
  sessionPolicies: NamedPolicy[],
  request: RequestedAction,
): Authorization {
  const context = requestContext(ctx, identity);
  for (const resource of request.resources) {
    // Only the identity side is decided here; a resource in another account is then checked against
    // its resource policy by the service (queue, topic and function policies).
    const req = { principal: { arn: ctx.principal.arn, accountId: ctx.principal.accountId, userId: ctx.principal.userId }, action: request.action, resource, context };
    const identityDecision = evaluatePolicies({ identity: policies }, req).decision;
    if (identityDecision !== "Allow") return { decision: identityDecision, policyKind: "an identity-based policy" };
    if (sessionPolicies.length > 0) {
      const sessionDecision = evaluatePolicies({ identity: sessionPolicies }, req).decision;
      if (sessionDecision !== "Allow") return { decision: sessionDecision, policyKind: "a session policy" };
    }
  }
  return { decision: "Allow", policyKind: "an identity-based policy" };
}

/**
 * Throws the service's access-denied error unless the caller may make this request. `readOnly` says
 * the operation only reads (what a team viewer may do).
 */
export async function authorizeRequest(data: IamDecisionData, ctx: CallContext, service: string, describe: () => RequestedAction, readOnly: boolean): Promise<void> {
  const { principal } = ctx;
  const identity = principal.iam;
  // Console users' keys acting within their team role need no description of the request: most calls end here.
  if (!identity && principal.role !== null && (principal.role !== "viewer" || readOnly)) return;
  const request = describe();
  const refuse = (why: string) => {
    const on = request.resources.length === 1 && request.resources[0] === "*" ? "" : ` on resource: ${request.resources.join(", ")}`;
    return accessDenied(service, `User: ${principal.arn} is not authorized to perform: ${request.action}${on} ${why}`);
  };
  if (NEEDS_NO_PERMISSION.has(request.action)) return;
  if (!identity) {
    // A viewer's change, or a principal with neither a team role nor an IAM identity (which fails closed).
    throw refuse(principal.role === null ? `because no identity-based policy allows the ${request.action} action` : "(requires the developer role or higher)");
  }
  const policies = await data.identityPolicies(principal.accountId, identity);
  if (!policies.exists) {
    // Permissive teams follow the local-emulator convention: a role that was never created acts with full access.
    if (identity.type === "role" && (await data.enforcement(principal.accountId)) === "permissive") return;
    throw refuse(`because no identity-based policy allows the ${request.action} action`);
  }
  const sessionPolicies = identity.type === "role" && identity.sessionPolicy ? await data.sessionPolicy(identity.sessionPolicy) : [];
  const { decision, policyKind } = evaluateIdentity(ctx, identity, policies.policies, sessionPolicies, request);
  if (decision !== "Allow") throw refuse(reason(decision, request.action, policyKind));
}
