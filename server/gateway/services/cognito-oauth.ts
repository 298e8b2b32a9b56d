/** Cognito's hosted UI and OAuth 2.0 endpoints on the gateway: plain HTTP under each pool's issuer path, unsigned. */
import { prisma } from "../../db/client";
import { OAUTH_ROUTES } from "../../services/cognito-idp/oauth/routes";
import type { OperationRegistry } from "../registry";

export function registerCognitoOAuthRoutes(registry: OperationRegistry): void {
  for (const route of OAUTH_ROUTES) registry.registerPublicRoute({ method: route.method, path: route.path, handle: (req) => route.handle(prisma(), req) });
}
