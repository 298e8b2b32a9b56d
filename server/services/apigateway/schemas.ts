/**
 * Operation inputs in AWS's shapes (camelCase members, as the SDK sends them). They check types and
 * presence; value rules (enums, ranges, path parts) are the domain's, with API Gateway's messages.
 */
import { z } from "zod";

const StringMap = z.record(z.string(), z.string());
const BooleanMap = z.record(z.string(), z.boolean());
const Paging = { position: z.string().optional(), limit: z.number().int().optional() };

export const PatchOperations = z
  .array(z.object({ op: z.string().optional(), path: z.string().optional(), value: z.string().optional(), from: z.string().optional() }))
  .optional()
  .transform((ops) => ops ?? []);

const Api = { restApiId: z.string() };
const OnResource = { ...Api, resourceId: z.string() };
const OnMethod = { ...OnResource, httpMethod: z.string() };
const OnStatus = { ...OnMethod, statusCode: z.string() };

const EndpointConfiguration = z.object({
  types: z.array(z.string()).optional(),
  ipAddressType: z.string().optional(),
  vpcEndpointIds: z.array(z.string()).optional(),
});

const CanarySettings = z.object({
  percentTraffic: z.number().optional(),
  deploymentId: z.string().optional(),
  stageVariableOverrides: StringMap.optional(),
  useStageCache: z.boolean().optional(),
});

const IntegrationResponseFields = {
  selectionPattern: z.string().optional(),
  responseParameters: StringMap.optional(),
  responseTemplates: StringMap.optional(),
  contentHandling: z.string().optional(),
};

const Throttle = z.object({ burstLimit: z.number().int().optional(), rateLimit: z.number().optional() });
/** A usage plan stage's method throttles, keyed `/{resourcePath}/{httpMethod}` (also a patch value). */
export const MethodThrottles = z.record(z.string(), Throttle);
const OnUsagePlan = { usagePlanId: z.string() };

export const ApigwSchemas = {
  CreateRestApi: z.object({
    name: z.string(),
    description: z.string().optional(),
    version: z.string().optional(),
    cloneFrom: z.string().optional(),
    binaryMediaTypes: z.array(z.string()).optional(),
    minimumCompressionSize: z.number().int().optional(),
    apiKeySource: z.string().optional(),
    endpointConfiguration: EndpointConfiguration.optional(),
    policy: z.string().optional(),
    tags: StringMap.optional(),
    disableExecuteApiEndpoint: z.boolean().optional(),
  }),
  GetRestApi: z.object(Api),
  GetRestApis: z.object(Paging),
  // The OpenAPI document is the raw request body; `parameters` are the query string's other parameters.
  ImportRestApi: z.object({ body: z.instanceof(Buffer), failOnWarnings: z.boolean().optional(), parameters: StringMap.optional() }),
  PutRestApi: z.object({ ...Api, body: z.instanceof(Buffer), mode: z.string().optional(), failOnWarnings: z.boolean().optional(), parameters: StringMap.optional() }),
  GetExport: z.object({ ...Api, stageName: z.string(), exportType: z.string(), accepts: z.string().optional(), parameters: StringMap.optional() }),
  UpdateRestApi: z.object({ ...Api, patchOperations: PatchOperations }),
  DeleteRestApi: z.object(Api),

  CreateResource: z.object({ ...Api, parentId: z.string(), pathPart: z.string() }),
  GetResource: z.object({ ...OnResource, embed: z.array(z.string()).optional() }),
  GetResources: z.object({ ...Api, ...Paging, embed: z.array(z.string()).optional() }),
  UpdateResource: z.object({ ...OnResource, patchOperations: PatchOperations }),
  DeleteResource: z.object(OnResource),

  PutMethod: z.object({
    ...OnMethod,
    authorizationType: z.string(),
    authorizerId: z.string().optional(),
    apiKeyRequired: z.boolean().optional(),
    operationName: z.string().optional(),
    requestParameters: BooleanMap.optional(),
    requestModels: StringMap.optional(),
    requestValidatorId: z.string().optional(),
    authorizationScopes: z.array(z.string()).optional(),
  }),
  GetMethod: z.object(OnMethod),
  TestInvokeMethod: z.object({
    ...OnMethod,
    pathWithQueryString: z.string().optional(),
    body: z.string().optional(),
    headers: StringMap.optional(),
    multiValueHeaders: z.record(z.string(), z.array(z.string())).optional(),
    clientCertificateId: z.string().optional(),
    stageVariables: StringMap.optional(),
  }),
  UpdateMethod: z.object({ ...OnMethod, patchOperations: PatchOperations }),
  DeleteMethod: z.object(OnMethod),

  PutMethodResponse: z.object({ ...OnStatus, responseParameters: BooleanMap.optional(), responseModels: StringMap.optional() }),
  GetMethodResponse: z.object(OnStatus),
  UpdateMethodResponse: z.object({ ...OnStatus, patchOperations: PatchOperations }),
  DeleteMethodResponse: z.object(OnStatus),

  PutIntegration: z.object({
    ...OnMethod,
    type: z.string(),
    integrationHttpMethod: z.string().optional(),
    uri: z.string().optional(),
    connectionType: z.string().optional(),
    connectionId: z.string().optional(),
    credentials: z.string().optional(),
    requestParameters: StringMap.optional(),
    requestTemplates: StringMap.optional(),
    passthroughBehavior: z.string().optional(),
    cacheNamespace: z.string().optional(),
    cacheKeyParameters: z.array(z.string()).optional(),
    contentHandling: z.string().optional(),
    timeoutInMillis: z.number().int().optional(),
  }),
  GetIntegration: z.object(OnMethod),
  UpdateIntegration: z.object({ ...OnMethod, patchOperations: PatchOperations }),
  DeleteIntegration: z.object(OnMethod),

  PutIntegrationResponse: z.object({ ...OnStatus, ...IntegrationResponseFields }),
  GetIntegrationResponse: z.object(OnStatus),
  UpdateIntegrationResponse: z.object({ ...OnStatus, patchOperations: PatchOperations }),
  DeleteIntegrationResponse: z.object(OnStatus),

  CreateAuthorizer: z.object({
    ...Api,
    name: z.string(),
    type: z.string(),
    providerARNs: z.array(z.string()).optional(),
    authType: z.string().optional(),
    authorizerUri: z.string().optional(),
    authorizerCredentials: z.string().optional(),
    identitySource: z.string().optional(),
    identityValidationExpression: z.string().optional(),
    authorizerResultTtlInSeconds: z.number().int().optional(),
  }),
  GetAuthorizer: z.object({ ...Api, authorizerId: z.string() }),
  GetAuthorizers: z.object({ ...Api, ...Paging }),
  UpdateAuthorizer: z.object({ ...Api, authorizerId: z.string(), patchOperations: PatchOperations }),
  DeleteAuthorizer: z.object({ ...Api, authorizerId: z.string() }),
  PutGatewayResponse: z.object({
    ...Api,
    responseType: z.string(),
    statusCode: z.string().optional(),
    responseParameters: StringMap.optional(),
    responseTemplates: StringMap.optional(),
  }),
  GetGatewayResponse: z.object({ ...Api, responseType: z.string() }),
  GetGatewayResponses: z.object({ ...Api, ...Paging }),
  UpdateGatewayResponse: z.object({ ...Api, responseType: z.string(), patchOperations: PatchOperations }),
  DeleteGatewayResponse: z.object({ ...Api, responseType: z.string() }),
  CreateRequestValidator: z.object({
    ...Api,
    name: z.string().optional(),
    validateRequestBody: z.boolean().optional(),
    validateRequestParameters: z.boolean().optional(),
  }),
  GetRequestValidator: z.object({ ...Api, requestValidatorId: z.string() }),
  GetRequestValidators: z.object({ ...Api, ...Paging }),
  UpdateRequestValidator: z.object({ ...Api, requestValidatorId: z.string(), patchOperations: PatchOperations }),
  DeleteRequestValidator: z.object({ ...Api, requestValidatorId: z.string() }),

  CreateModel: z.object({ ...Api, name: z.string(), description: z.string().optional(), schema: z.string().optional(), contentType: z.string() }),
  GetModel: z.object({ ...Api, modelName: z.string(), flatten: z.boolean().optional() }),
  GetModels: z.object({ ...Api, ...Paging }),
  UpdateModel: z.object({ ...Api, modelName: z.string(), patchOperations: PatchOperations }),
  DeleteModel: z.object({ ...Api, modelName: z.string() }),

  CreateDeployment: z.object({
    ...Api,
    stageName: z.string().optional(),
    stageDescription: z.string().optional(),
    description: z.string().optional(),
    cacheClusterEnabled: z.boolean().optional(),
    cacheClusterSize: z.string().optional(),
    variables: StringMap.optional(),
    canarySettings: CanarySettings.omit({ deploymentId: true }).optional(),
    tracingEnabled: z.boolean().optional(),
  }),
  GetDeployment: z.object({ ...Api, deploymentId: z.string(), embed: z.array(z.string()).optional() }),
  GetDeployments: z.object({ ...Api, ...Paging }),
  UpdateDeployment: z.object({ ...Api, deploymentId: z.string(), patchOperations: PatchOperations }),
  DeleteDeployment: z.object({ ...Api, deploymentId: z.string() }),

  CreateStage: z.object({
    ...Api,
    stageName: z.string(),
    deploymentId: z.string(),
    description: z.string().optional(),
    cacheClusterEnabled: z.boolean().optional(),
    cacheClusterSize: z.string().optional(),
    variables: StringMap.optional(),
    documentationVersion: z.string().optional(),
    canarySettings: CanarySettings.optional(),
    tracingEnabled: z.boolean().optional(),
    tags: StringMap.optional(),
  }),
  FlushStageCache: z.object({ ...Api, stageName: z.string() }),
  GetStage: z.object({ ...Api, stageName: z.string() }),
  GetStages: z.object({ ...Api, deploymentId: z.string().optional() }),
  UpdateStage: z.object({ ...Api, stageName: z.string(), patchOperations: PatchOperations }),
  DeleteStage: z.object({ ...Api, stageName: z.string() }),

  TagResource: z.object({ resourceArn: z.string(), tags: StringMap }),
  UntagResource: z.object({ resourceArn: z.string(), tagKeys: z.array(z.string()) }),
  GetTags: z.object({ resourceArn: z.string(), ...Paging }),

  CreateApiKey: z.object({
    name: z.string().optional(),
    description: z.string().optional(),
    enabled: z.boolean().optional(),
    generateDistinctId: z.boolean().optional(),
    value: z.string().optional(),
    stageKeys: z.array(z.object({ restApiId: z.string().optional(), stageName: z.string().optional() })).optional(),
    customerId: z.string().optional(),
    tags: StringMap.optional(),
  }),
  GetApiKey: z.object({ apiKey: z.string(), includeValue: z.boolean().optional() }),
  GetApiKeys: z.object({ ...Paging, nameQuery: z.string().optional(), customerId: z.string().optional(), includeValues: z.boolean().optional() }),
  UpdateApiKey: z.object({ apiKey: z.string(), patchOperations: PatchOperations }),
  DeleteApiKey: z.object({ apiKey: z.string() }),

  CreateUsagePlan: z.object({
    name: z.string(),
    description: z.string().optional(),
    apiStages: z.array(z.object({ apiId: z.string().optional(), stage: z.string().optional(), throttle: MethodThrottles.optional() })).optional(),
    throttle: Throttle.optional(),
    quota: z.object({ limit: z.number().int().optional(), offset: z.number().int().optional(), period: z.string().optional() }).optional(),
    tags: StringMap.optional(),
  }),
  GetUsagePlan: z.object(OnUsagePlan),
  GetUsagePlans: z.object({ ...Paging, keyId: z.string().optional() }),
  UpdateUsagePlan: z.object({ ...OnUsagePlan, patchOperations: PatchOperations }),
  DeleteUsagePlan: z.object(OnUsagePlan),

  CreateUsagePlanKey: z.object({ ...OnUsagePlan, keyId: z.string(), keyType: z.string() }),
  GetUsagePlanKey: z.object({ ...OnUsagePlan, keyId: z.string() }),
  GetUsagePlanKeys: z.object({ ...OnUsagePlan, ...Paging, nameQuery: z.string().optional() }),
  DeleteUsagePlanKey: z.object({ ...OnUsagePlan, keyId: z.string() }),
  GetUsage: z.object({ ...OnUsagePlan, ...Paging, keyId: z.string().optional(), startDate: z.string(), endDate: z.string() }),
} as const;

export type ApigwInput<K extends keyof typeof ApigwSchemas> = z.output<(typeof ApigwSchemas)[K]>;
