/**
 * GetExport: the deployment a stage serves as an OpenAPI 3.0 (`oas30`) or Swagger 2.0 (`swagger`) document,
 * in JSON or YAML, its server being the stage's invoke URL. Paths, methods, authorizers, validators and
 * gateway responses are the deployment's snapshot; the API's name and settings, and its validators' names,
 * are read as they are now (deployments do not freeze them). The `extensions` parameter adds API Gateway's:
 * `integrations` the integrations, `authorizers` the authorizers' definitions, `apigateway` every one
 * (`postman` is accepted and adds nothing).
 */
import yaml from "js-yaml";
import type { Db } from "../../../db/client";
import { publicGatewayUrl } from "../../../env";
import { parseJsonObject } from "../../../lib/json";
import type { CallContext } from "../../context";
import { snapshotOf } from "../deployments";
import { ApigwErrors } from "../errors";
import type { Authorizer, DeploymentSnapshot, Method, MethodResponse, RestApiRow } from "../model";
import { toRestApi } from "../rest-apis";
import type { ApigwInput } from "../schemas";
import { findStage } from "../stages";
import { requireApi, requireDeployment } from "../store";
import { type JsonObject, OPERATIONS } from "./document";
import { API_KEY_SCHEME, authorizerScheme, integrationExtension, SIGV4_SCHEME, X } from "./extensions";
import { withLocalRefs } from "./model-refs";

/** GetExport's output: the document, sent as the response body with these headers. */
export interface ExportedDocument {
  body: string;
  contentType: string;
  contentDisposition: string;
}

/** The parts of a document every version has, for the dialect to lay out. */
interface DocumentParts {
  info: JsonObject;
  /** Where the stage is invoked: `{base}/restapis/{restApiId}/{stage}/_user_request_`. */
  server: { base: string; restApiId: string; stage: string };
  paths: JsonObject;
  schemas: JsonObject;
  securitySchemes: JsonObject;
  /** API Gateway's extensions at the document's root. */
  extensions: JsonObject;
}

/** What OpenAPI 3.0 and Swagger 2.0 write differently. */
interface Dialect {
  schemaRefPrefix: string;
  /** A path, query string or header parameter (always a string). */
  parameter(name: string, location: string, required: boolean): JsonObject;
  /** An operation's members for its parameters and request models (by media type). */
  request(parameters: JsonObject[], models: Record<string, string>): JsonObject;
  /** An operation's members for its method responses. */
  responses(responses: MethodResponse[]): JsonObject;
  document(parts: DocumentParts): JsonObject;
}

const nonEmpty = (object: JsonObject) => Object.keys(object).length > 0;
const description = (response: MethodResponse) => `${response.statusCode} response`;
const responseHeaders = (response: MethodResponse) =>
  Object.keys(response.responseParameters ?? {}).flatMap((key) => (key.startsWith("method.response.header.") ? [key.slice("method.response.header.".length)] : []));

const OAS30: Dialect = {
  schemaRefPrefix: "#/components/schemas/",
  parameter: (name, location, required) => ({ name, in: location, ...(required && { required }), schema: { type: "string" } }),
  request(parameters, models) {
    const content = Object.fromEntries(Object.entries(models).map(([type, name]) => [type, { schema: { $ref: `${OAS30.schemaRefPrefix}${name}` } }]));
    return { ...(parameters.length > 0 && { parameters }), ...(nonEmpty(content) && { requestBody: { content, required: true } }) };
  },
  responses(responses) {
    return {
      responses: Object.fromEntries(
        responses.map((response) => {
          const headers = Object.fromEntries(responseHeaders(response).map((header) => [header, { schema: { type: "string" } }]));
          const content = Object.fromEntries(Object.entries(response.responseModels ?? {}).map(([type, name]) => [type, { schema: { $ref: `${OAS30.schemaRefPrefix}${name}` } }]));
          return [response.statusCode, { description: description(response), ...(nonEmpty(headers) && { headers }), ...(nonEmpty(content) && { content }) }];
        }),
      ),
    };
  },
  document: ({ info, server, paths, schemas, securitySchemes, extensions }) => ({
    openapi: "3.0.1",
    info,
    // The stage is the server's `basePath` variable, as in AWS's exports.
    servers: [{ url: `${server.base}/restapis/${server.restApiId}/{basePath}/_user_request_`, variables: { basePath: { default: server.stage } } }],
    paths,
    components: { schemas, ...(nonEmpty(securitySchemes) && { securitySchemes }) },
    ...extensions,
  }),
};

const SWAGGER: Dialect = {
  schemaRefPrefix: "#/definitions/",
  parameter: (name, location, required) => ({ name, in: location, ...(required && { required }), type: "string" }),
  request(parameters, models) {
    // Swagger has one body parameter: the first model stands for the body whatever its media type.
    const [body] = Object.values(models);
    const all = body === undefined ? parameters : [...parameters, { in: "body", name: body, required: true, schema: { $ref: `${SWAGGER.schemaRefPrefix}${body}` } }];
    return { ...(body !== undefined && { consumes: Object.keys(models) }), ...(all.length > 0 && { parameters: all }) };
  },
  responses(responses) {
    const produces = [...new Set(responses.flatMap((response) => Object.keys(response.responseModels ?? {})))];
    return {
      ...(produces.length > 0 && { produces }),
      responses: Object.fromEntries(
        responses.map((response) => {
          const headers = Object.fromEntries(responseHeaders(response).map((header) => [header, { type: "string" }]));
          const [model] = Object.values(response.responseModels ?? {});
          return [
            response.statusCode,
            { description: description(response), ...(model !== undefined && { schema: { $ref: `${SWAGGER.schemaRefPrefix}${model}` } }), ...(nonEmpty(headers) && { headers }) },
          ];
        }),
      ),
    };
  },
  document({ info, server, paths, schemas, securitySchemes, extensions }) {
    const url = new URL(`${server.base}/restapis/${server.restApiId}/${server.stage}/_user_request_`);
    return {
      swagger: "2.0",
      info,
      host: url.host,
      basePath: url.pathname,
      schemes: [url.protocol.replace(/:$/, "")],
      paths,
      ...(nonEmpty(securitySchemes) && { securityDefinitions: securitySchemes }),
      definitions: schemas,
      ...extensions,
    };
  },
};

const DIALECTS: Record<string, Dialect> = { oas30: OAS30, swagger: SWAGGER };

/** Method request parameter locations, as documents name them. */
const LOCATIONS: Record<string, string> = { path: "path", querystring: "query", header: "header" };

interface ExportContext {
  dialect: Dialect;
  extensions: Set<string>;
  authorizers: Record<string, Authorizer>;
  validatorNames: Map<string, string>;
}

const includes = (context: ExportContext, extension: string) => context.extensions.has(extension) || context.extensions.has("apigateway");

/** The security requirement of a method: its authorizer or IAM, and the API key. */
function security(method: Method, context: ExportContext): Record<string, string[]> {
  const authorizer = method.authorizerId === undefined ? undefined : context.authorizers[method.authorizerId];
  return {
    ...(method.authorizationType === "AWS_IAM" && { [SIGV4_SCHEME.name]: [] }),
    ...(authorizer && { [authorizer.name]: method.authorizationScopes ?? [] }),
    ...(method.apiKeyRequired && { [API_KEY_SCHEME.name]: [] }),
  };
}

function operation(method: Method, resourceId: string, context: ExportContext): JsonObject {
  const parameters = Object.entries(method.requestParameters ?? {}).flatMap(([key, required]) => {
    const [, location, name] = /^method\.request\.(\w+)\.(.+)$/.exec(key) ?? [];
    const documented = location === undefined ? undefined : LOCATIONS[location];
    return documented === undefined || name === undefined ? [] : [context.dialect.parameter(name, documented, required)];
  });
  const requirement = security(method, context);
  const validator = method.requestValidatorId === undefined ? undefined : context.validatorNames.get(method.requestValidatorId);
  return {
    ...(method.operationName !== undefined && { operationId: method.operationName }),
    ...context.dialect.request(parameters, method.requestModels ?? {}),
    ...context.dialect.responses(Object.values(method.methodResponses ?? {})),
    ...(nonEmpty(requirement) && { security: [requirement] }),
    ...(validator !== undefined && includes(context, "apigateway") && { [X.requestValidator]: validator }),
    ...(method.methodIntegration && includes(context, "integrations") && { [X.integration]: integrationExtension(method.methodIntegration, resourceId) }),
  };
}

function paths(snapshot: DeploymentSnapshot, context: ExportContext): JsonObject {
  return Object.fromEntries(
    snapshot.resources.flatMap((resource) => {
      const operations = OPERATIONS.flatMap(([key, httpMethod]) => {
        const method = resource.methods[httpMethod];
        return method ? [[key, operation(method, resource.id, context)]] : [];
      });
      return operations.length > 0 ? [[resource.path, Object.fromEntries(operations)]] : [];
    }),
  );
}

function securitySchemes(snapshot: DeploymentSnapshot, context: ExportContext): JsonObject {
  const methods = snapshot.resources.flatMap((resource) => Object.values(resource.methods));
  return {
    ...(methods.some((method) => method.authorizationType === "AWS_IAM") && { [SIGV4_SCHEME.name]: SIGV4_SCHEME.scheme }),
    ...(methods.some((method) => method.apiKeyRequired) && { [API_KEY_SCHEME.name]: API_KEY_SCHEME.scheme }),
    ...Object.fromEntries(Object.values(context.authorizers).map((authorizer) => [authorizer.name, authorizerScheme(authorizer, includes(context, "authorizers"))])),
  };
}

/** The models as schemas referring to each other locally; a deployment made before snapshots held models exports the API's current ones. */
async function schemas(db: Db, api: RestApiRow, snapshot: DeploymentSnapshot, dialect: Dialect): Promise<JsonObject> {
  const models =
    snapshot.models ??
    Object.fromEntries((await db.apigwModel.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } })).flatMap((row) => (row.schema === null ? [] : [[row.name, row.schema]])));
  return Object.fromEntries(
    Object.entries(models).flatMap(([name, text]) => {
      // Only JSON schemas have a place in an OpenAPI document.
      const schema = parseJsonObject(text);
      return schema ? [[name, withLocalRefs(schema, dialect.schemaRefPrefix)]] : [];
    }),
  );
}

/** Validators' names by id: the snapshot keeps only ids; one deleted since is named by its id. */
async function validatorNames(db: Db, api: RestApiRow, snapshot: DeploymentSnapshot): Promise<Map<string, string>> {
  const rows = await db.apigwRequestValidator.findMany({ where: { restApiId: api.id, accountId: api.accountId, region: api.region } });
  const names = new Map(rows.map((row) => [row.id, row.name]));
  return new Map(Object.keys(snapshot.requestValidators ?? {}).map((id) => [id, names.get(id) ?? id]));
}

function rootExtensions(api: RestApiRow, snapshot: DeploymentSnapshot, context: ExportContext): JsonObject {
  if (!includes(context, "apigateway")) return {};
  const { binaryMediaTypes, apiKeySource } = toRestApi(api);
  const validators = Object.fromEntries(Object.entries(snapshot.requestValidators ?? {}).map(([id, validator]) => [context.validatorNames.get(id) ?? id, validator]));
  // The snapshot keeps each response whole; the extension has only what a document sets.
  const gatewayResponses = Object.fromEntries(
    Object.entries(snapshot.gatewayResponses ?? {}).map(([type, { statusCode, responseParameters = {}, responseTemplates = {} }]) => [
      type,
      { ...(statusCode !== undefined && { statusCode }), ...(nonEmpty(responseParameters) && { responseParameters }), ...(nonEmpty(responseTemplates) && { responseTemplates }) },
    ]),
  );
  return {
    ...(binaryMediaTypes?.length && { [X.binaryMediaTypes]: binaryMediaTypes }),
    [X.apiKeySource]: apiKeySource,
    ...(nonEmpty(validators) && { [X.requestValidators]: validators }),
    ...(nonEmpty(gatewayResponses) && { [X.gatewayResponses]: gatewayResponses }),
  };
}

/** AWS's timestamp form for an API without a version: seconds, no fraction. */
const isoSeconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "Z");

export async function getExport(db: Db, ctx: CallContext, input: ApigwInput<"GetExport">): Promise<ExportedDocument> {
  const api = await requireApi(db, ctx, input.restApiId);
  const dialect = DIALECTS[input.exportType];
  if (!dialect) throw ApigwErrors.badRequest(`No API exporter for type '${input.exportType}'`);
  const stage = await findStage(db, api, input.stageName);
  if (!stage) throw ApigwErrors.stageNotFound();
  const snapshot = snapshotOf(await requireDeployment(db, api, stage.deploymentId));
  const context: ExportContext = {
    dialect,
    extensions: new Set((input.parameters?.extensions ?? "").split(",").map((extension) => extension.trim())),
    authorizers: snapshot.authorizers ?? {},
    validatorNames: await validatorNames(db, api, snapshot),
  };
  const { name, description: apiDescription, version = isoSeconds(api.createdAt) } = toRestApi(api);
  const document = dialect.document({
    info: { title: name, ...(apiDescription !== undefined && { description: apiDescription }), version },
    server: { base: (ctx.endpoint ?? publicGatewayUrl()).replace(/\/+$/, ""), restApiId: api.id, stage: stage.name },
    paths: paths(snapshot, context),
    schemas: await schemas(db, api, snapshot, dialect),
    securitySchemes: securitySchemes(snapshot, context),
    extensions: rootExtensions(api, snapshot, context),
  });
  const asYaml = input.accepts?.includes("yaml") ?? false;
  return {
    body: asYaml ? yaml.dump(document, { noRefs: true, lineWidth: -1 }) : JSON.stringify(document, null, 2),
    contentType: asYaml ? "application/yaml" : "application/json",
    contentDisposition: `attachment; filename="${input.exportType}_${version}.${asYaml ? "yaml" : "json"}"`,
  };
}
