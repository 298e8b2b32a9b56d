import { publicGatewayUrl, type Env } from "../env";
import type { BootstrapResult } from "../services/accounts/bootstrap";
import type { ProcessName } from "./processes";

const PROFILE = "stratus";

/** Where to go and how to point the AWS CLI at this Stratus; secrets from the environment are referred to, never printed. */
export function formatBanner(input: { env: Env; consoleUrl: string; processes: ProcessName[]; bootstrap: BootstrapResult }): string {
  const { env, consoleUrl, processes, bootstrap } = input;
  const gatewayUrl = publicGatewayUrl(env);
  const lines = ["", "Stratus is running", ""];
  if (processes.includes("web")) lines.push(`  Console  ${consoleUrl}`);
  if (processes.includes("gateway")) lines.push(`  Gateway  ${gatewayUrl}`);
  lines.push(`  Account  ${bootstrap.accountId}, region ${env.STRATUS_DEFAULT_REGION}`);

  if (bootstrap.generatedAdminPassword) {
    lines.push(
      "",
      `  Sign in as ${bootstrap.adminEmail} with password: ${bootstrap.generatedAdminPassword}`,
      "  This generated password is shown only this once. Change it after signing in,",
      "  or set STRATUS_ADMIN_EMAIL/STRATUS_ADMIN_PASSWORD before the first start.",
    );
  }

  if (processes.includes("gateway")) {
    const set = (key: string, value: string) => `    aws configure set ${key} ${value} --profile ${PROFILE}`;
    lines.push("", `  AWS CLI, with a "${PROFILE}" profile so your default one is left alone:`);
    if (bootstrap.accessKeyId) {
      lines.push(
        set("aws_access_key_id", bootstrap.accessKeyId),
        `${set("aws_secret_access_key", '"$STRATUS_SECRET_ACCESS_KEY"')}   # the secret you set in STRATUS_SECRET_ACCESS_KEY`,
        set("region", env.STRATUS_DEFAULT_REGION),
      );
    } else {
      lines.push(`    aws configure --profile ${PROFILE}   # with an access key created in the console`);
    }
    lines.push(
      `    export AWS_PROFILE=${PROFILE} AWS_ENDPOINT_URL=${gatewayUrl}`,
      "    aws sts get-caller-identity",
      `  or, without AWS_ENDPOINT_URL: aws sts get-caller-identity --endpoint-url ${gatewayUrl}`,
    );
  }
  lines.push("");
  return lines.join("\n");
}
