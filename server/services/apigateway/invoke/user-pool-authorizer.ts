/**
 * COGNITO_USER_POOLS authorizers: the request's token must be a valid, unexpired token of one of the
 * authorizer's user pools: an ID token, or, when the method names OAuth scopes, an access token
 * holding one of them. Its claims become `$context.authorizer.claims`. As in AWS, only the JWT is
 * checked (a token revoked by sign-out still passes until it expires).
 */
import { prisma } from "../../../db/client";
import { isAwsError } from "../../../errors";
import { verifyToken } from "../../cognito-idp/tokens";
import { identityValue, type AuthorizationInput, type AuthorizerContext } from "./authorizers";
import { type ApiResponse, gatewayResponse } from "./responses";

const POOL_ARN = /^arn:aws:cognito-idp:[^:]+:\d{12}:userpool\/(.+)$/;

/** Claims as API Gateway passes them on: strings (lists joined with commas). */
function claimStrings(claims: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(claims).map(([name, value]) => [name, Array.isArray(value) ? value.join(",") : String(value)]));
}

export async function authorizeWithUserPool(
  input: Pick<AuthorizationInput, "req" | "authorizer" | "context" | "stageVariables">,
  scopes: string[] | undefined,
): Promise<{ authorizer: AuthorizerContext } | ApiResponse> {
  const source = input.authorizer.identitySource ?? "method.request.header.Authorization";
  const raw = identityValue(source, input);
  if (!raw) return gatewayResponse("UNAUTHORIZED");
  const token = raw.replace(/^Bearer\s+/i, "");
  const wantsAccess = (scopes?.length ?? 0) > 0;
  const pools = new Set((input.authorizer.providerARNs ?? []).flatMap((arn) => POOL_ARN.exec(arn)?.[1] ?? []));
  try {
    const verified = await verifyToken(prisma(), token, wantsAccess ? "access" : "id", wantsAccess ? "Access Token" : "ID Token");
    if (!pools.has(verified.userPoolId)) return gatewayResponse("UNAUTHORIZED");
    if (wantsAccess) {
      const granted = typeof verified.claims.scope === "string" ? verified.claims.scope.split(" ") : [];
      if (!scopes!.some((scope) => granted.includes(scope))) return gatewayResponse("UNAUTHORIZED");
    }
    return { authorizer: { claims: claimStrings(verified.claims) } };
  } catch (error) {
    if (isAwsError(error)) return gatewayResponse("UNAUTHORIZED");
    throw error;
  }
}
