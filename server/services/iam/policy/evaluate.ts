/**
 * Policy evaluation as AWS documents it for one account plus resource-based policies: an explicit Deny in
 * any applicable policy wins; otherwise within one account an identity-based policy (inside the permissions
 * boundary, when there is one) or the resource-based policy must allow, and across accounts both must.
 * Everything here reads compiled documents: nothing is parsed per request.
 */
import { conditionsHold } from "./conditions";
import type { Effect, PolicyDocument, PolicyStatement } from "./document";
import { elementMatches } from "./match";
import { principalApplies } from "./principals";
import { type AuthorizationRequest, type RequestContext, type RequestPrincipal, RequestValues } from "./request";

export interface NamedPolicy {
  /** e.g. "arn:aws:iam::aws:policy/AdministratorAccess" or "role/Foo inline Bar" */
  source: string;
  document: PolicyDocument;
}

export interface PolicySet {
  identity: NamedPolicy[];
  resource?: NamedPolicy;
  /** The principal's permissions boundary: identity-based permissions go no further. */
  boundary?: NamedPolicy;
}

export type Decision = "Allow" | "ExplicitDeny" | "ImplicitDeny";

export interface MatchedStatement {
  source: string;
  sid?: string;
  effect: Effect;
}

export interface Evaluation {
  decision: Decision;
  /** The statements that decided (the Denies, or the Allows that granted), for a policy simulator's "why". */
  matched: MatchedStatement[];
}

function applies(statement: PolicyStatement, action: string, resource: string, values: RequestValues): boolean {
  // Cheapest and most selective first.
  if (!elementMatches(statement.action, action, values)) return false;
  if (statement.resource && !elementMatches(statement.resource, resource, values)) return false;
  if (statement.principal && !principalApplies(statement.principal, values)) return false;
  return conditionsHold(statement.conditions, values);
}

/** Adds the policy's applicable statements to `denied` or `allowed`. */
function scan(policy: NamedPolicy, action: string, resource: string, values: RequestValues, denied: MatchedStatement[], allowed: MatchedStatement[]): void {
  for (const statement of policy.document.statements) {
    if (!applies(statement, action, resource, values)) continue;
    const { effect, sid } = statement;
    (effect === "Deny" ? denied : allowed).push(sid === undefined ? { source: policy.source, effect } : { source: policy.source, sid, effect });
  }
}

/** One policy on its own: Deny wins, else Allow, else implicit deny. */
export function evaluatePolicy(policy: NamedPolicy, request: AuthorizationRequest): Evaluation {
  const denied: MatchedStatement[] = [];
  const allowed: MatchedStatement[] = [];
  scan(policy, request.action.toLowerCase(), request.resource, new RequestValues(request.principal, request.context), denied, allowed);
  if (denied.length > 0) return { decision: "ExplicitDeny", matched: denied };
  if (allowed.length > 0) return { decision: "Allow", matched: allowed };
  return { decision: "ImplicitDeny", matched: [] };
}

export function evaluatePolicies(set: PolicySet, request: AuthorizationRequest): Evaluation {
  const values = new RequestValues(request.principal, request.context);
  const action = request.action.toLowerCase();
  const { resource } = request;
  const denied: MatchedStatement[] = [];
  const identityAllows: MatchedStatement[] = [];
  const boundaryAllows: MatchedStatement[] = [];
  const resourceAllows: MatchedStatement[] = [];
  for (const policy of set.identity) scan(policy, action, resource, values, denied, identityAllows);
  if (set.boundary) scan(set.boundary, action, resource, values, denied, boundaryAllows);
  if (set.resource) scan(set.resource, action, resource, values, denied, resourceAllows);
  if (denied.length > 0) return { decision: "ExplicitDeny", matched: denied };

  const identitySide = identityAllows.length > 0 && (!set.boundary || boundaryAllows.length > 0);
  const resourceSide = resourceAllows.length > 0;
  const crossAccount = request.resourceAccountId !== undefined && request.resourceAccountId !== request.principal.accountId;
  if (crossAccount ? !(identitySide && resourceSide) : !(identitySide || resourceSide)) return { decision: "ImplicitDeny", matched: [] };
  return {
    decision: "Allow",
    matched: [...(identitySide ? [...identityAllows, ...boundaryAllows] : []), ...(resourceSide ? resourceAllows : [])],
  };
}

export type TrustAction =
  | "sts:AssumeRole"
  | "sts:AssumeRoleWithWebIdentity"
  | "sts:AssumeRoleWithSAML"
  | "sts:TagSession"
  | "sts:SetSourceIdentity"
  | "sts:SetContext";

export interface TrustRequest {
  /** Who wants the role: a user or role session, or e.g. `{ arn: "cognito-identity.amazonaws.com" }` for web identities. */
  principal: RequestPrincipal;
  action: TrustAction;
  context: RequestContext;
}

export interface TrustEvaluation {
  allowed: boolean;
  matched: MatchedStatement[];
}

/**
 * A role's trust policy, for STS: resource-based evaluation with the role as the resource. (Across
 * accounts the caller's own identity policies must also allow the action; that is the caller's check.)
 */
export function evaluateTrustPolicy(document: PolicyDocument, request: TrustRequest): TrustEvaluation {
  const { decision, matched } = evaluatePolicy({ source: "trust policy", document }, { ...request, resource: "*" });
  return { allowed: decision === "Allow", matched };
}
