/**
 * API Gateway's extensions to OpenAPI (`x-amazon-apigateway-*`): their shapes as documents carry them,
 * and their translation to and from the API's own shapes. Import and export share the translations, so
 * an exported document imports back as the same API.
 */
import { z } from "zod";
import type { AuthorizerInput } from "../authorizers";
import type { IntegrationInput, IntegrationResponseInput } from "../integrations";
import type { Authorizer, Integration } from "../model";

export const X = {
  anyMethod: "x-amazon-apigateway-any-method",
  apiKeySource: "x-amazon-apigateway-api-key-source",
  authorizer: "x-amazon-apigateway-authorizer",
  authtype: "x-amazon-apigateway-authtype",
  binaryMediaTypes: "x-amazon-apigateway-binary-media-types",
  gatewayResponses: "x-amazon-apigateway-gateway-responses",
  integration: "x-amazon-apigateway-integration",
  requestValidator: "x-amazon-apigateway-request-validator",
  requestValidators: "x-amazon-apigateway-request-validators",
} as const;

/** A string YAML may have read as a number (`statusCode: 200`, `version: 1.0`). */
export const Text = z.union([z.string(), z.number()]).transform(String);
const StringMap = z.record(z.string(), z.string());

/** The key of the integration response without a selection pattern. */
const DEFAULT_RESPONSE = "default";

const IntegrationResponseExtension = z.object({
  statusCode: Text,
  responseParameters: StringMap.optional(),
  responseTemplates: StringMap.optional(),
  contentHandling: z.string().optional(),
});

export const IntegrationExtension = z.object({
  type: z.string(),
  httpMethod: z.string().optional(),
  uri: z.string().optional(),
  connectionType: z.string().optional(),
  connectionId: z.string().optional(),
  credentials: z.string().optional(),
  requestParameters: StringMap.optional(),
  requestTemplates: StringMap.optional(),
  passthroughBehavior: z.string().optional(),
  contentHandling: z.string().optional(),
  timeoutInMillis: z.number().int().optional(),
  cacheNamespace: z.string().optional(),
  cacheKeyParameters: z.array(z.string()).optional(),
  /** Integration responses by selection pattern (`default` for the one without). */
  responses: z.record(z.string(), IntegrationResponseExtension).optional(),
});

const AuthorizerExtension = z.object({
  type: z.string(),
  authorizerUri: z.string().optional(),
  authorizerCredentials: z.string().optional(),
  identitySource: z.string().optional(),
  identityValidationExpression: z.string().optional(),
  authorizerResultTtlInSeconds: z.number().int().optional(),
  providerARNs: z.array(z.string()).optional(),
});

/** A security scheme (OpenAPI 3) or definition (Swagger 2), with API Gateway's members. */
export const SecurityScheme = z.object({
  type: z.string(),
  name: z.string().optional(),
  in: z.string().optional(),
  [X.authtype]: z.string().optional(),
  [X.authorizer]: AuthorizerExtension.optional(),
});
export type SecurityScheme = z.input<typeof SecurityScheme>;

export const RequestValidatorsExtension = z.record(
  z.string(),
  z.object({ validateRequestBody: z.boolean().optional(), validateRequestParameters: z.boolean().optional() }),
);

export const GatewayResponsesExtension = z.record(
  z.string(),
  z.object({ statusCode: Text.optional(), responseParameters: StringMap.optional(), responseTemplates: StringMap.optional() }),
);

/** The integration and integration responses a method's extension describes; documents may write enum values in lower case. */
export function integrationFromExtension(extension: z.output<typeof IntegrationExtension>): { integration: IntegrationInput; responses: IntegrationResponseInput[] } {
  const { type, httpMethod, passthroughBehavior, responses = {}, ...members } = extension;
  return {
    integration: {
      ...members,
      type: type.toUpperCase(),
      ...(httpMethod !== undefined && { integrationHttpMethod: httpMethod.toUpperCase() }),
      ...(passthroughBehavior !== undefined && { passthroughBehavior: passthroughBehavior.toUpperCase() }),
    },
    responses: Object.entries(responses).map(([pattern, response]) => ({ ...response, ...(pattern !== DEFAULT_RESPONSE && { selectionPattern: pattern }) })),
  };
}

/** A method's integration as its extension, in lower case as AWS exports it. */
export function integrationExtension(integration: Integration, resourceId: string): z.input<typeof IntegrationExtension> {
  const { type, passthroughBehavior, cacheNamespace, cacheKeyParameters, integrationResponses, ...members } = integration;
  const responses = Object.values(integrationResponses ?? {});
  return {
    ...members,
    type: type.toLowerCase(),
    ...(passthroughBehavior !== undefined && { passthroughBehavior: passthroughBehavior.toLowerCase() }),
    // The resource's id is the default namespace: left out, a re-import gives the new resource its own.
    ...(cacheNamespace !== undefined && cacheNamespace !== resourceId && { cacheNamespace }),
    ...(cacheKeyParameters.length > 0 && { cacheKeyParameters }),
    ...(responses.length > 0 && {
      responses: Object.fromEntries(responses.map(({ selectionPattern, ...response }) => [selectionPattern || DEFAULT_RESPONSE, response])),
    }),
  };
}

/** How a method's security requirement on a scheme authorizes it. */
export type SchemeRole = "authorizer" | "sigv4" | "apiKey";

export function schemeRole(scheme: SecurityScheme): SchemeRole | undefined {
  if (scheme[X.authorizer]) return "authorizer";
  if (scheme[X.authtype]?.toLowerCase() === "awssigv4") return "sigv4";
  if (scheme.type === "apiKey" && scheme.in === "header" && scheme.name?.toLowerCase() === "x-api-key") return "apiKey";
  return undefined;
}

/** The authorizer a scheme defines; a TOKEN or Cognito authorizer reads the header the scheme names unless it says otherwise. */
export function authorizerFromScheme(name: string, scheme: SecurityScheme): AuthorizerInput | undefined {
  const extension = scheme[X.authorizer];
  if (!extension) return undefined;
  const { type, identitySource, ...members } = extension;
  const header = type.toUpperCase() !== "REQUEST" && scheme.in === "header" && scheme.name ? `method.request.header.${scheme.name}` : undefined;
  const source = identitySource ?? header;
  const authType = scheme[X.authtype];
  return { ...members, name, type: type.toUpperCase(), ...(source !== undefined && { identitySource: source }), ...(authType !== undefined && { authType }) };
}

/** The schemes AWS names its own: API keys and IAM (SigV4) signing. */
export const API_KEY_SCHEME = { name: "api_key", scheme: { type: "apiKey", name: "x-api-key", in: "header" } } as const;
export const SIGV4_SCHEME = { name: "sigv4", scheme: { type: "apiKey", name: "Authorization", in: "header", [X.authtype]: "awsSigv4" } } as const;

/** An authorizer as the security scheme AWS exports; its definition (`x-amazon-apigateway-authorizer`) only when asked for. */
export function authorizerScheme(authorizer: Authorizer, withDefinition: boolean): SecurityScheme {
  const { id: _id, name: _name, type, authType, identitySource, ...members } = authorizer;
  const request = type === "REQUEST";
  const header = identitySource?.startsWith("method.request.header.") ? identitySource.slice("method.request.header.".length) : undefined;
  return {
    type: "apiKey",
    // A REQUEST authorizer reads several sources, which its definition lists; the scheme's name is a placeholder.
    name: request ? "Unused" : (header ?? "Authorization"),
    in: "header",
    [X.authtype]: authType ?? (type === "COGNITO_USER_POOLS" ? "cognito_user_pools" : "custom"),
    ...(withDefinition && { [X.authorizer]: { ...members, type: type.toLowerCase(), ...(request && identitySource !== undefined && { identitySource }) } }),
  };
}
