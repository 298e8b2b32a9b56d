/**
 * Cognito user pools on the gateway: awsJson1_1 (`X-Amz-Target: AWSCognitoIdentityProviderService.*`),
 * end-user operations unsigned as the SDK sends them, and each pool's JWKS and OpenID configuration
 * at its issuer URL so standard JWT verifiers validate the tokens.
 */
import type { z } from "zod";
import { prisma } from "../../db/client";
import { cognitoIdpOperations, type CognitoIdpOperationName, UNSIGNED_OPERATIONS } from "../../services/cognito-idp/operations";
import { jwks, openidConfiguration } from "../../services/cognito-idp/tokens";
import type { ServiceOperation } from "../../services/operation";
import type { OperationRegistry, RestResponse } from "../registry";

const json = (status: number, body: unknown): RestResponse => ({ status, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

export function registerCognitoIdpOperations(registry: OperationRegistry): void {
  registry.registerService({
    name: "cognito-idp",
    awsJson: { version: "1.1", targetPrefix: "AWSCognitoIdentityProviderService", namespace: "com.amazonaws.cognitoidentityprovider" },
  });
  for (const name of Object.keys(cognitoIdpOperations) as CognitoIdpOperationName[]) registerOperation(registry, name, cognitoIdpOperations[name]);
  registry.registerPublicRoute({
    method: "GET",
    path: "/{UserPoolId}/.well-known/jwks.json",
    async handle({ pathParams }) {
      const keys = await jwks(prisma(), pathParams.UserPoolId!);
      return keys ? json(200, keys) : json(404, { message: "User pool not found" });
    },
  });
  registry.registerPublicRoute({
    method: "GET",
    path: "/{UserPoolId}/.well-known/openid-configuration",
    async handle({ pathParams }) {
      const keys = await jwks(prisma(), pathParams.UserPoolId!);
      return keys ? json(200, openidConfiguration(pathParams.UserPoolId!)) : json(404, { message: "User pool not found" });
    },
  });
}

function registerOperation(registry: OperationRegistry, name: CognitoIdpOperationName, operation: ServiceOperation<z.ZodTypeAny, unknown>): void {
  registry.register({
    service: "cognito-idp",
    name,
    input: operation.input,
    handler: (ctx, input) => operation.handler(prisma(), ctx, input),
    unsigned: UNSIGNED_OPERATIONS.has(name),
    protocols: { awsJson: {} },
  });
}
