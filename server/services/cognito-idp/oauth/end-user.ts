/**
 * The hosted UI signs users up, confirms them and resets passwords through the user pool's own
 * end-user operations (SignUp, ConfirmSignUp, ForgotPassword…), called as an app would call them:
 * unsigned, naming the client (with SECRET_HASH, as the hosted UI holds the secret), and with input
 * checked by the operations' own schemas.
 */
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { CognitoUserPool, CognitoUserPoolClient } from "../../../db/generated/client";
import type { CallContext } from "../../context";
import { CognitoErrors } from "../errors";
import { validationMessage } from "../../../gateway/registry";
import { clientSecretOf, secretHash } from "../secret-hash";

export function asClient(client: CognitoUserPoolClient, username: string): { ClientId: string; SecretHash?: string } {
  const secret = clientSecretOf(client);
  return { ClientId: client.clientId, SecretHash: secret ? secretHash(secret, username, client.clientId) : undefined };
}

/** Nobody in particular, in the pool's account, as the gateway calls unsigned operations. */
export const endUserContext = (pool: CognitoUserPool): CallContext => ({
  accountId: pool.accountId,
  region: pool.region,
  principal: { accountId: pool.accountId, arn: "anonymous", userId: "anonymous", role: null },
  requestId: randomUUID(),
  source: "gateway",
});

/** The input as the operation's schema accepts it, or InvalidParameterException with AWS's validation wording. */
export function checked<S extends z.ZodTypeAny>(schema: S, input: z.input<S>): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw CognitoErrors.invalidParameter(validationMessage(parsed.error));
}
