/**
 * Reads an OpenAPI document as the API it describes, in the inputs of the operations that would build it
 * one call at a time (CreateModel, CreateRequestValidator, CreateAuthorizer, PutGatewayResponse, and per
 * resource path PutMethod, PutMethodResponse, PutIntegration, PutIntegrationResponse). Methods name their
 * authorizer and validator, which the import creates and gives ids. What the reader cannot use it warns of.
 */
import type { z } from "zod";
import type { AuthorizerInput } from "../authorizers";
import { ApigwErrors } from "../errors";
import type { GatewayResponseInput } from "../gateway-responses";
import type { IntegrationInput, IntegrationResponseInput } from "../integrations";
import type { MethodInput, MethodResponseInput } from "../methods";
import type { RequestValidator } from "../model";
import type { RestApiConfigInput } from "../rest-apis";
import { type ApiDocument, type JsonObject, type Operation, OPERATIONS, Parameter, type PathItem, RequestBody, resolveRef, Response } from "./document";
import { authorizerFromScheme, integrationFromExtension, schemeRole, X } from "./extensions";
import { inlineModelName } from "./inline-models";
import type { ImportProblems } from "./problems";

export interface OperationDefinition {
  method: Omit<MethodInput, "authorizerId" | "requestValidatorId">;
  authorizerName?: string;
  requestValidatorName?: string;
  methodResponses: MethodResponseInput[];
  integration?: IntegrationInput;
  integrationResponses: IntegrationResponseInput[];
}

export interface ApiDefinition {
  name: string;
  settings: Pick<RestApiConfigInput, "description" | "version" | "binaryMediaTypes" | "apiKeySource">;
  /** The document's schemas and the inline ones of its operations, referring to each other by `schemaRefPrefix` and name. */
  models: { name: string; schema: JsonObject }[];
  schemaRefPrefix: string;
  requestValidators: Omit<RequestValidator, "id">[];
  authorizers: AuthorizerInput[];
  gatewayResponses: GatewayResponseInput[];
  /** Operations by resource path (`/pets/{id}`), the base path applied. */
  resources: Map<string, OperationDefinition[]>;
}

/** ImportRestApi's `basepath` parameter: whether the document's base path is part of the resource paths. */
const BASE_PATH_MODES = ["ignore", "prepend", "split"] as const;
export type BasePathMode = (typeof BASE_PATH_MODES)[number];

export function basePathMode(value: string | undefined): BasePathMode {
  const mode = BASE_PATH_MODES.find((candidate) => candidate === (value ?? "ignore"));
  if (!mode) throw ApigwErrors.badRequest(`Invalid basepath parameter: ${value}. Valid options are ${BASE_PATH_MODES.join(",")}`);
  return mode;
}

/** Request parameter locations as the document names them, and as method request parameters do. */
const PARAMETER_LOCATIONS: Record<string, string> = { path: "path", query: "querystring", header: "header" };
const STATUS_CODE = /^[1-5]\d\d$/;
const DEFAULT_MEDIA_TYPES = ["application/json"];

const segmentsOf = (path: string) => path.split("/").filter(Boolean);

/** Body schemas by media type. */
type SchemasByType = (readonly [mediaType: string, schema: JsonObject | undefined])[];
/** OpenAPI 3 gives each media type its schema (`content`)… */
const contentSchemas = (content: Record<string, { schema?: JsonObject }>): SchemasByType => Object.entries(content).map(([type, media]) => [type, media.schema] as const);
/** …Swagger 2 one schema for every media type the operation consumes or produces. */
const swaggerSchemas = (schema: JsonObject | undefined, mediaTypes = DEFAULT_MEDIA_TYPES): SchemasByType => mediaTypes.map((type) => [type, schema] as const);

type Authorization = Pick<OperationDefinition, "authorizerName"> & Pick<MethodInput, "authorizationType" | "apiKeyRequired" | "authorizationScopes">;

class DefinitionReader {
  /** Models made of the inline schemas read so far, by name. */
  readonly inlineModels = new Map<string, JsonObject>();

  constructor(
    private readonly document: ApiDocument,
    private readonly problems: ImportProblems,
  ) {}

  /** The value itself, or what its local `$ref` points at, if it has the shape `schema` checks; a broken reference is a warning. */
  deref<T extends z.ZodTypeAny>(value: { $ref: string } | z.output<T>, schema: T, where: string): z.output<T> | undefined {
    if (!("$ref" in value) || typeof value.$ref !== "string") return value;
    const parsed = schema.safeParse(resolveRef(this.document, value.$ref));
    if (parsed.success) return parsed.data;
    this.problems.warn(`${where}: reference ${value.$ref} does not resolve to a valid definition; ignored`);
    return undefined;
  }

  /** The model a schema names by reference, or the one made of an inline schema; a reference elsewhere or to an unknown model is a warning. */
  modelName(schema: JsonObject | undefined, where: string): string | undefined {
    if (!schema) return undefined;
    const ref = schema.$ref;
    if (typeof ref !== "string") {
      const name = inlineModelName(schema);
      this.inlineModels.set(name, schema);
      return name;
    }
    const prefix = this.document.schemaRefPrefix;
    if (!ref.startsWith(prefix)) {
      this.problems.warn(`${where}: only schemas under ${prefix} become models; reference ${ref} ignored`);
      return undefined;
    }
    const name = ref.slice(prefix.length);
    if (this.document.schemas[name]) return name;
    this.problems.warn(`${where}: model '${name}' is not defined; ignored`);
    return undefined;
  }

  /** Models by media type, from each type's schema. */
  models(schemas: SchemasByType, where: string): Record<string, string> {
    return Object.fromEntries(
      schemas.flatMap(([type, schema]) => {
        const name = this.modelName(schema, `${where} (${type})`);
        return name === undefined ? [] : [[type, name]];
      }),
    );
  }

  /** Method request parameters (path, query string, header) and, from a Swagger body parameter, request models. */
  parameters(pathItem: PathItem, operation: Operation, where: string): Pick<MethodInput, "requestParameters" | "requestModels"> {
    const requestParameters: Record<string, boolean> = {};
    let requestModels: Record<string, string> = {};
    for (const declared of [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])]) {
      const parameter = this.deref(declared, Parameter, `${where} parameter`);
      if (!parameter) continue;
      const location = PARAMETER_LOCATIONS[parameter.in];
      if (location) requestParameters[`method.request.${location}.${parameter.name}`] = parameter.required ?? false;
      else if (parameter.in === "body") requestModels = this.models(swaggerSchemas(parameter.schema, operation.consumes ?? this.document.consumes), `${where} body`);
      else this.problems.warn(`${where}: parameter '${parameter.name}' in ${parameter.in} is not supported; ignored`);
    }
    const body = operation.requestBody && this.deref(operation.requestBody, RequestBody, `${where} requestBody`);
    if (body) requestModels = this.models(contentSchemas(body.content), `${where} requestBody`);
    return {
      ...(Object.keys(requestParameters).length > 0 && { requestParameters }),
      ...(Object.keys(requestModels).length > 0 && { requestModels }),
    };
  }

  methodResponses(operation: Operation, where: string): MethodResponseInput[] {
    return Object.entries(operation.responses ?? {}).flatMap(([statusCode, declared]) => {
      if (!STATUS_CODE.test(statusCode)) {
        this.problems.warn(`${where}: response '${statusCode}' is not an HTTP status code; ignored`);
        return [];
      }
      const response = this.deref(declared, Response, `${where} response ${statusCode}`);
      if (!response) return [];
      const headers = Object.keys(response.headers ?? {});
      const schemas = response.content ? contentSchemas(response.content) : swaggerSchemas(response.schema, operation.produces ?? this.document.produces);
      const responseModels = this.models(schemas, `${where} response ${statusCode}`);
      return [
        {
          statusCode,
          ...(headers.length > 0 && { responseParameters: Object.fromEntries(headers.map((header) => [`method.response.header.${header}`, false])) }),
          ...(Object.keys(responseModels).length > 0 && { responseModels }),
        },
      ];
    });
  }

  /** The method's authorization from the security requirements that apply to it (its own, or the document's). */
  security(operation: Operation, where: string): Authorization {
    const requirements = operation.security ?? this.document.security ?? [];
    const authorization: Authorization = { authorizationType: "NONE", apiKeyRequired: false };
    for (const name of new Set(requirements.flatMap((requirement) => Object.keys(requirement)))) {
      const scheme = this.document.securitySchemes[name];
      const role = scheme && schemeRole(scheme);
      if (!scheme || !role) {
        this.problems.warn(`${where}: security scheme '${name}' is ${scheme ? "not one API Gateway uses" : "not defined"}; ignored`);
      } else if (role === "apiKey") {
        authorization.apiKeyRequired = true;
      } else if (role === "sigv4") {
        authorization.authorizationType = "AWS_IAM";
      } else {
        const scopes = requirements.flatMap((requirement) => requirement[name] ?? []);
        authorization.authorizationType = scheme[X.authorizer]?.type.toUpperCase() === "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM";
        authorization.authorizerName = name;
        if (scopes.length > 0) authorization.authorizationScopes = scopes;
      }
    }
    return authorization;
  }

  operation(pathItem: PathItem, operation: Operation, httpMethod: string, where: string): OperationDefinition {
    const { authorizerName, ...authorization } = this.security(operation, where);
    const validator = operation[X.requestValidator] ?? this.document[X.requestValidator];
    const knownValidator = validator !== undefined && this.document[X.requestValidators]?.[validator] !== undefined;
    if (validator !== undefined && !knownValidator) this.problems.warn(`${where}: request validator '${validator}' is not defined; ignored`);
    const extension = operation[X.integration];
    const integration = extension && integrationFromExtension(extension);
    return {
      method: {
        httpMethod,
        ...authorization,
        ...(operation.operationId !== undefined && { operationName: operation.operationId }),
        ...this.parameters(pathItem, operation, where),
      },
      ...(authorizerName !== undefined && { authorizerName }),
      ...(knownValidator && { requestValidatorName: validator }),
      methodResponses: this.methodResponses(operation, where),
      ...(integration && { integration: integration.integration }),
      integrationResponses: integration?.responses ?? [],
    };
  }

  /** Operations by resource path: the document's paths under the part of its base path the mode keeps. */
  resources(mode: BasePathMode): Map<string, OperationDefinition[]> {
    const base = segmentsOf(this.document.basePath);
    const prefix = mode === "prepend" ? base : mode === "split" ? base.slice(1) : [];
    const resources = new Map<string, OperationDefinition[]>();
    for (const [path, pathItem] of Object.entries(this.document.paths)) {
      const resourcePath = `/${[...prefix, ...segmentsOf(path)].join("/")}`;
      if (pathItem.trace !== undefined) this.problems.warn(`${path}: API Gateway has no TRACE method; the operation is ignored`);
      const operations = OPERATIONS.flatMap(([key, httpMethod]) => {
        const operation = pathItem[key];
        return operation ? [this.operation(pathItem, operation, httpMethod, `${httpMethod} ${path}`)] : [];
      });
      resources.set(resourcePath, [...(resources.get(resourcePath) ?? []), ...operations]);
    }
    return resources;
  }
}

export function readDefinition(document: ApiDocument, mode: BasePathMode, problems: ImportProblems): ApiDefinition {
  const reader = new DefinitionReader(document, problems);
  // Reading the operations finds their inline schemas, which become models too.
  const resources = reader.resources(mode);
  const { info } = document;
  return {
    name: info.title,
    settings: {
      ...(info.description && { description: info.description }),
      ...(info.version !== undefined && { version: info.version }),
      ...(document[X.binaryMediaTypes] && { binaryMediaTypes: document[X.binaryMediaTypes] }),
      ...(document[X.apiKeySource] !== undefined && { apiKeySource: document[X.apiKeySource] }),
    },
    models: [...Object.entries(document.schemas), ...reader.inlineModels].map(([name, schema]) => ({ name, schema })),
    schemaRefPrefix: document.schemaRefPrefix,
    requestValidators: Object.entries(document[X.requestValidators] ?? {}).map(([name, validator]) => ({
      name,
      validateRequestBody: validator.validateRequestBody ?? false,
      validateRequestParameters: validator.validateRequestParameters ?? false,
    })),
    authorizers: Object.entries(document.securitySchemes).flatMap(([name, scheme]) => authorizerFromScheme(name, scheme) ?? []),
    gatewayResponses: Object.entries(document[X.gatewayResponses] ?? {}).map(([responseType, response]) => ({ responseType, ...response })),
    resources,
  };
}
