/**
 * The policy simulator (SimulatePrincipalPolicy / SimulateCustomPolicy): evaluates actions on resources
 * for a role or user, or for given policy documents, and says which statements decided.
 */
import type { Db } from "../../db/client";
import type { CallContext, IamIdentity } from "../context";
import { checkDocument, QUOTAS } from "./documents";
import { IamErrors } from "./errors";
import { loadIdentityPolicies } from "./policy-sets";
import { evaluatePolicies, type Decision, type NamedPolicy } from "./policy/evaluate";
import type { RequestContext } from "./policy/request";
import { parsePrincipalArn } from "./principals";

export interface ContextEntry {
  ContextKeyName: string;
  ContextKeyValues: string[];
  ContextKeyType: string;
}

interface SimulationInput {
  ActionNames: string[];
  ResourceArns?: string[];
  ContextEntries?: ContextEntry[];
  CallerArn?: string;
}

const DECISIONS: Record<Decision, "allowed" | "explicitDeny" | "implicitDeny"> = { Allow: "allowed", ExplicitDeny: "explicitDeny", ImplicitDeny: "implicitDeny" };

/** Context entries as condition values: lists stay lists, single values become scalars, booleans and numbers typed. */
function contextOf(entries: ContextEntry[] | undefined): RequestContext {
  const context: RequestContext = {};
  for (const entry of entries ?? []) {
    const list = entry.ContextKeyType.endsWith("List");
    const typed = entry.ContextKeyValues.map((v) => (entry.ContextKeyType.startsWith("boolean") ? v === "true" : v));
    context[entry.ContextKeyName] = list ? entry.ContextKeyValues : typed[0];
  }
  return context;
}

function simulate(policies: NamedPolicy[], principal: { arn: string; accountId: string }, input: SimulationInput) {
  const context = contextOf(input.ContextEntries);
  const resources = input.ResourceArns?.length ? input.ResourceArns : ["*"];
  const EvaluationResults = input.ActionNames.flatMap((action) =>
    resources.map((resource) => {
      const { decision, matched } = evaluatePolicies({ identity: policies }, { principal, action, resource, context });
      return {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: DECISIONS[decision],
        MatchedStatements: matched.map((m) => ({ SourcePolicyId: m.sid === undefined ? m.source : `${m.source} (${m.sid})`, SourcePolicyType: "IAM Policy" })),
        MissingContextValues: [],
      };
    }),
  );
  return { EvaluationResults, IsTruncated: false };
}

/** A role or user of the caller's account; sessions and other ARNs are not simulated. */
function identityOf(arn: string, accountId: string): IamIdentity | null {
  const named = parsePrincipalArn(arn);
  if (!named || named.sessionName !== undefined || named.accountId !== accountId) return null;
  return { type: named.type, name: named.name };
}

function parseInputs(documents: string[] | undefined): NamedPolicy[] {
  return (documents ?? []).map((document, i) => {
    return { source: `PolicyInputList.${i + 1}`, document: checkDocument(document, "identity", QUOTAS.managed) };
  });
}

export async function simulatePrincipalPolicy(db: Db, ctx: CallContext, input: SimulationInput & { PolicySourceArn: string; PolicyInputList?: string[] }) {
  const identity = identityOf(input.PolicySourceArn, ctx.accountId);
  if (!identity) throw IamErrors.invalidInput(`Invalid PolicySourceArn: ${input.PolicySourceArn}`);
  const loaded = await loadIdentityPolicies(db, ctx.accountId, identity);
  if (!loaded.exists) throw identity.type === "role" ? IamErrors.roleNotFound(identity.name) : IamErrors.userNotFound(identity.name);
  return simulate([...loaded.policies, ...parseInputs(input.PolicyInputList)], { arn: input.CallerArn ?? input.PolicySourceArn, accountId: ctx.accountId }, input);
}

export async function simulateCustomPolicy(_db: Db, ctx: CallContext, input: SimulationInput & { PolicyInputList: string[] }) {
  return simulate(parseInputs(input.PolicyInputList), { arn: input.CallerArn ?? ctx.principal.arn, accountId: ctx.accountId }, input);
}
