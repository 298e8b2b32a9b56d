/** App clients as the OAuth endpoints see them: the flows they are allowed, and their secrets. */
import { timingSafeEqual } from "node:crypto";
import type { CognitoUserPoolClient } from "../../../db/generated/client";
import { env } from "../../../env";
import { decryptSecret } from "../../../lib/secrets";
import type { ClientSettings } from "../model";

/** OAuth flows need the client enabled for OAuth as well as the flow named. */
export const allowsOAuthFlow = (settings: ClientSettings, flow: "code" | "implicit" | "client_credentials"): boolean =>
  settings.AllowedOAuthFlowsUserPoolClient === true && (settings.AllowedOAuthFlows ?? []).includes(flow);

export const clientSecretOf = (client: CognitoUserPoolClient): string | undefined =>
  client.secretEncrypted ? decryptSecret(client.secretEncrypted, env().STRATUS_SECRET_KEY) : undefined;

export function secretMatches(client: CognitoUserPoolClient, given: string): boolean {
  const secret = Buffer.from(clientSecretOf(client) ?? "");
  const candidate = Buffer.from(given);
  return secret.length > 0 && secret.length === candidate.length && timingSafeEqual(secret, candidate);
}
