/**
 * Cognito identity pools on the gateway: awsJson1_1 (`X-Amz-Target: AWSCognitoIdentityService.*`), end-user
 * operations unsigned as the SDK sends them, and the OpenID issuer's keys and configuration so standard JWT
 * verifiers can check GetOpenIdToken's tokens.
 */
import type { z } from "zod";
import { prisma } from "../../db/client";
import { cognitoIdentityOperations, type CognitoIdentityOperationName, UNSIGNED_OPERATIONS } from "../../services/cognito-identity/operations";
import { OPENID_ISSUER_PATH, openIdConfiguration, openIdKeys } from "../../services/cognito-identity/openid-token";
import type { ServiceOperation } from "../../services/operation";
import type { OperationRegistry } from "../registry";

const json = (body: unknown) => ({ status: 200, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export function registerCognitoIdentityOperations(registry: OperationRegistry): void {
  registry.registerService({
    name: "cognito-identity",
    awsJson: { version: "1.1", targetPrefix: "AWSCognitoIdentityService", namespace: "com.amazonaws.cognitoidentity" },
  });
  for (const name of Object.keys(cognitoIdentityOperations) as CognitoIdentityOperationName[]) registerOperation(registry, name, cognitoIdentityOperations[name]);
  registry.registerPublicRoute({ method: "GET", path: `${OPENID_ISSUER_PATH}/.well-known/jwks.json`, handle: async () => json(openIdKeys()) });
  registry.registerPublicRoute({ method: "GET", path: `${OPENID_ISSUER_PATH}/.well-known/openid-configuration`, handle: async () => json(openIdConfiguration()) });
}

function registerOperation(registry: OperationRegistry, name: CognitoIdentityOperationName, operation: ServiceOperation<z.ZodTypeAny, unknown>): void {
  registry.register({
    service: "cognito-identity",
    name,
    input: operation.input,
    handler: (ctx, input) => operation.handler(prisma(), ctx, input),
    unsigned: UNSIGNED_OPERATIONS.has(name),
    protocols: { awsJson: {} },
  });
}
