/**
 * Resource-based policies as the services store them (queue, topic and function policies), evaluated on
 * their own for cross-account access: explicit Deny beats Allow, and no matching statement means no access.
 * Documents are parsed once per distinct text; a stored policy IAM would reject grants nothing.
 */
import { isAwsError } from "../../errors";
import { BoundedCache } from "./policy/bounded-cache";
import { type PolicyDocument, parsePolicyDocument } from "./policy/document";
import { evaluatePolicy } from "./policy/evaluate";
import type { RequestContext } from "./policy/request";

export interface ResourceRequest {
  /** The caller's account and principal ARN. */
  accountId: string;
  principalArn: string;
  /** e.g. `sqs:SendMessage` */
  action: string;
  resourceArn: string;
  /** Condition keys (aws:SourceIp, aws:SourceArn, …); without them, conditions on those keys fail. */
  context?: RequestContext;
}

export type PolicyDecision = "allow" | "deny" | "none";

/** Parsed documents by text; null for a malformed one. */
const documents = new BoundedCache<string, PolicyDocument | null>(500);

function documentOf(policy: string): PolicyDocument | null {
  const cached = documents.get(policy);
  if (cached !== undefined) return cached;
  let document: PolicyDocument | null;
  try {
    document = parsePolicyDocument(policy, "resource");
  } catch (e) {
    if (!isAwsError(e)) throw e;
    document = null;
  }
  documents.set(policy, document);
  return document;
}

const DECISIONS = { Allow: "allow", ExplicitDeny: "deny", ImplicitDeny: "none" } as const;

export function evaluateResourcePolicy(policy: string | null | undefined, req: ResourceRequest): PolicyDecision {
  const document = policy ? documentOf(policy) : null;
  if (!document) return "none";
  const { decision } = evaluatePolicy(
    { source: "resource policy", document },
    { principal: { arn: req.principalArn, accountId: req.accountId }, action: req.action, resource: req.resourceArn, context: req.context ?? {} },
  );
  return DECISIONS[decision];
}
