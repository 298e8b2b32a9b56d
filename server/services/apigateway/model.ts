/**
 * API Gateway's shapes as the API returns them, and the stored rows they come from. The shapes are type
 * aliases, not interfaces, so that they are assignable to Prisma's JSON input where they are stored.
 */
import type { ApigwDeployment, ApigwModel, ApigwRequestValidator, ApigwResource, ApigwRestApi, ApigwStage } from "../../db/generated/client";

export type RestApiRow = ApigwRestApi;
export type ResourceRow = ApigwResource;
export type DeploymentRow = ApigwDeployment;
export type StageRow = ApigwStage;

export type EndpointConfiguration = {
  types: string[];
  ipAddressType?: string;
  vpcEndpointIds?: string[];
};

/** The RestApi members UpdateRestApi may change (stored as the row's `config`). */
export type RestApiConfig = {
  description?: string;
  version?: string;
  binaryMediaTypes?: string[];
  minimumCompressionSize?: number;
  apiKeySource: string;
  endpointConfiguration: EndpointConfiguration;
  policy?: string;
  disableExecuteApiEndpoint: boolean;
};

export type RestApi = RestApiConfig & {
  id: string;
  name: string;
  createdDate: Date;
  rootResourceId: string;
  tags?: Record<string, string>;
};

export type MethodResponse = {
  statusCode: string;
  responseParameters?: Record<string, boolean>;
  responseModels?: Record<string, string>;
};

export type IntegrationResponse = {
  statusCode: string;
  selectionPattern?: string;
  responseParameters?: Record<string, string>;
  responseTemplates?: Record<string, string>;
  contentHandling?: string;
};

export type Integration = {
  type: string;
  /** The integration's own HTTP method (PutIntegration's `integrationHttpMethod`). */
  httpMethod?: string;
  uri?: string;
  connectionType?: string;
  connectionId?: string;
  credentials?: string;
  requestParameters?: Record<string, string>;
  requestTemplates?: Record<string, string>;
  passthroughBehavior?: string;
  contentHandling?: string;
  timeoutInMillis: number;
  cacheNamespace?: string;
  cacheKeyParameters: string[];
  integrationResponses?: Record<string, IntegrationResponse>;
};

export type Method = {
  httpMethod: string;
  authorizationType: string;
  authorizerId?: string;
  apiKeyRequired: boolean;
  requestValidatorId?: string;
  operationName?: string;
  requestParameters?: Record<string, boolean>;
  requestModels?: Record<string, string>;
  authorizationScopes?: string[];
  methodResponses?: Record<string, MethodResponse>;
  methodIntegration?: Integration;
};

/** A resource's methods by HTTP method (the row's `methods`). */
export type Methods = Record<string, Method>;

export type Resource = {
  id: string;
  parentId?: string;
  pathPart?: string;
  path: string;
  resourceMethods?: Record<string, Method | Record<string, never>>;
};

export type Model = {
  id: string;
  name: string;
  description?: string;
  schema?: string;
  contentType: string;
};

export type RequestValidator = {
  id: string;
  name: string;
  validateRequestBody: boolean;
  validateRequestParameters: boolean;
};

/** An authorizer's members besides id and name (the row's `config`). */
export type AuthorizerConfig = {
  type: string;
  providerARNs?: string[];
  authType?: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds: number;
};

export type Authorizer = AuthorizerConfig & { id: string; name: string };

/** What a deployment froze: every resource with its path and methods, and the request validators they name. */
export type DeploymentSnapshot = {
  resources: { id: string; parentId?: string; pathPart?: string; path: string; methods: Methods }[];
  requestValidators?: Record<string, { validateRequestBody: boolean; validateRequestParameters: boolean }>;
  authorizers?: Record<string, Authorizer>;
  /** Model schemas by name, for request body validation. */
  models?: Record<string, string>;
  /** Customised gateway responses by type (see gateway-responses.ts). */
  gatewayResponses?: Record<string, { statusCode?: string; responseParameters?: Record<string, string>; responseTemplates?: Record<string, string> }>;
};

export type Deployment = {
  id: string;
  description?: string;
  createdDate: Date;
  apiSummary?: Record<string, Record<string, { authorizationType: string; apiKeyRequired: boolean }>>;
};

export type MethodSetting = {
  metricsEnabled: boolean;
  loggingLevel: string;
  dataTraceEnabled: boolean;
  throttlingBurstLimit: number;
  throttlingRateLimit: number;
  cachingEnabled: boolean;
  cacheTtlInSeconds: number;
  cacheDataEncrypted: boolean;
  requireAuthorizationForCacheControl: boolean;
  unauthorizedCacheControlHeaderStrategy: string;
};

export type CanarySettings = {
  percentTraffic?: number;
  deploymentId?: string;
  stageVariableOverrides?: Record<string, string>;
  useStageCache?: boolean;
};

export type AccessLogSettings = {
  format?: string;
  destinationArn?: string;
};

/** The Stage members UpdateStage may change (stored as the row's `config`), deploymentId aside. */
export type StageConfig = {
  description?: string;
  clientCertificateId?: string;
  cacheClusterEnabled: boolean;
  cacheClusterSize?: string;
  methodSettings: Record<string, MethodSetting>;
  variables?: Record<string, string>;
  documentationVersion?: string;
  accessLogSettings?: AccessLogSettings;
  canarySettings?: CanarySettings;
  tracingEnabled: boolean;
};

export type Stage = StageConfig & {
  deploymentId: string;
  stageName: string;
  cacheClusterStatus: string;
  tags?: Record<string, string>;
  createdDate: Date;
  lastUpdatedDate: Date;
};

export const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS", "HEAD", "ANY"] as const;

export function tagsOf(row: { tags: unknown }): Record<string, string> {
  return row.tags as Record<string, string>;
}

/** Tags appear in a shape only when there are some. */
export function tagMember(row: { tags: unknown }): { tags?: Record<string, string> } {
  const tags = tagsOf(row);
  return Object.keys(tags).length > 0 ? { tags } : {};
}

export function methodsOf(row: Pick<ResourceRow, "methods">): Methods {
  return row.methods as unknown as Methods;
}

export function toModel(row: ApigwModel): Model {
  return {
    id: row.id,
    name: row.name,
    ...(row.description !== null && { description: row.description }),
    ...(row.schema !== null && { schema: row.schema }),
    contentType: row.contentType,
  };
}

export function toRequestValidator(row: ApigwRequestValidator): RequestValidator {
  return { id: row.id, name: row.name, validateRequestBody: row.validateRequestBody, validateRequestParameters: row.validateRequestParameters };
}
