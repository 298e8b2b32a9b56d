/**
 * A Lambda authorizer's answer: `principalId`, an IAM policy document for `execute-api:Invoke`, and an
 * optional `context` of scalars. The policy decides the request: an explicit Deny on the method's ARN
 * wins, else an Allow lets it through, else it is denied.
 */
import { z } from "zod";

const stringOrList = z.union([z.string(), z.array(z.string())]).transform((value) => (Array.isArray(value) ? value : [value]));

const statement = z.object({
  Effect: z.enum(["Allow", "Deny"]),
  Action: stringOrList.optional(),
  Resource: stringOrList,
});

export const authorizerOutput = z.object({
  principalId: z.union([z.string(), z.number()]).transform(String),
  policyDocument: z.object({ Version: z.string().optional(), Statement: z.union([statement, z.array(statement)]).transform((s) => (Array.isArray(s) ? s : [s])) }),
  context: z.record(z.union([z.string(), z.number(), z.boolean()])).optional(),
  usageIdentifierKey: z.string().optional(),
});
export type AuthorizerOutput = z.output<typeof authorizerOutput>;

/** IAM's wildcards: `*` any run of characters, `?` one character. */
function wildcardMatch(pattern: string, value: string): boolean {
  const source = pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replaceAll("*", ".*").replaceAll("?", ".");
  return new RegExp(`^${source}$`).test(value);
}

function coversInvoke(actions: string[] | undefined): boolean {
  return actions === undefined || actions.some((action) => wildcardMatch(action.toLowerCase(), "execute-api:invoke"));
}

export type PolicyDecision = "allow" | "deny" | "implicit-deny";

export function decide(output: AuthorizerOutput, methodArn: string): PolicyDecision {
  const applicable = output.policyDocument.Statement.filter((s) => coversInvoke(s.Action) && s.Resource.some((resource) => wildcardMatch(resource, methodArn)));
  if (applicable.some((s) => s.Effect === "Deny")) return "deny";
  return applicable.some((s) => s.Effect === "Allow") ? "allow" : "implicit-deny";
}
