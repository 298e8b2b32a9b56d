/**
 * Resource-based policy evaluation for cross-account access (queue, topic and function policies):
 * explicit Deny beats Allow, and no matching statement means no access. Conditions are not
 * evaluated yet — a statement with a Condition never matches, so it can only fail closed.
 */
export interface ResourceRequest {
  /** The caller's account and principal ARN. */
  accountId: string;
  principalArn: string;
  /** e.g. `sqs:SendMessage` */
  action: string;
  resourceArn: string;
}

export type PolicyDecision = "allow" | "deny" | "none";

interface Statement {
  Effect?: unknown;
  Principal?: unknown;
  Action?: unknown;
  Resource?: unknown;
  Condition?: unknown;
}

const list = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : typeof v === "string" ? [v] : []);

function wildcard(pattern: string, value: string, caseInsensitive: boolean): boolean {
  const regex = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, caseInsensitive ? "i" : "");
  return regex.test(value);
}

function principalMatches(principal: unknown, req: ResourceRequest): boolean {
  if (principal === "*") return true;
  if (typeof principal !== "object" || principal === null) return false;
  return list((principal as { AWS?: unknown }).AWS).some(
    (p) => p === "*" || p === req.accountId || p === `arn:aws:iam::${req.accountId}:root` || p === req.principalArn,
  );
}

export function evaluateResourcePolicy(policy: string | null | undefined, req: ResourceRequest): PolicyDecision {
  if (!policy) return "none";
  let statements: Statement[];
  try {
    const parsed = JSON.parse(policy) as { Statement?: unknown };
    statements = (Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement]).filter(
      (s): s is Statement => typeof s === "object" && s !== null,
    );
  } catch {
    return "none";
  }
  let decision: PolicyDecision = "none";
  for (const s of statements) {
    if (s.Condition !== undefined) continue;
    const matches =
      principalMatches(s.Principal, req) &&
      list(s.Action).some((a) => wildcard(a, req.action, true)) &&
      list(s.Resource ?? "*").some((r) => wildcard(r, req.resourceArn, false));
    if (!matches) continue;
    if (s.Effect === "Deny") return "deny";
    if (s.Effect === "Allow") decision = "allow";
  }
  return decision;
}
