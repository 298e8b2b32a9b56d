/**
 * Execution roles for the benchmarks' functions, created through IAM as a user would: bench teams enforce
 * IAM strictly (as console-created teams do), so a function's role must exist and trust Lambda.
 */
import { AttachRolePolicyCommand, CreateRoleCommand, IAMClient } from "@aws-sdk/client-iam";
import type { Target } from "./servers";

const LAMBDA_TRUST = JSON.stringify({
  Version: "2012-10-17",
  Statement: [{ Effect: "Allow", Principal: { Service: "lambda.amazonaws.com" }, Action: "sts:AssumeRole" }],
});

/** Creates `name` trusting Lambda, with the given AWS managed policies (by name); answers its ARN. */
export async function createFunctionRole(target: Target, name: string, managedPolicies: readonly string[] = ["service-role/AWSLambdaBasicExecutionRole"]): Promise<string> {
  const iam = new IAMClient({ endpoint: target.endpoint, region: target.region, credentials: target.credentials, maxAttempts: 1 });
  try {
    const { Role } = await iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: LAMBDA_TRUST }));
    for (const policy of managedPolicies) await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: `arn:aws:iam::aws:policy/${policy}` }));
    return Role!.Arn!;
  } finally {
    iam.destroy();
  }
}
