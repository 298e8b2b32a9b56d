/**
 * Execution roles for the benchmarks' functions, created through IAM as a user would: bench teams enforce
 * IAM strictly (as console-created teams do), so a function's role must exist and trust Lambda.
 */
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import { serviceTrustPolicy } from "../../server/services/iam/trust-policies";
import type { Target } from "./servers";

/** Creates `name` trusting Lambda, with the given AWS managed policies (by name); answers its ARN. */
export async function createFunctionRole(target: Target, name: string, managedPolicies: readonly string[] = ["service-role/AWSLambdaBasicExecutionRole"]): Promise<string> {
  const iam = new IAMClient({ endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1 });
  try {
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: serviceTrustPolicy("lambda.amazonaws.com") }));
    for (const policy of managedPolicies) await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: `arn:aws:iam::aws:policy/${policy}` }));
    return Role!.Arn!;
  } finally {
    iam.destroy();
  }
}
