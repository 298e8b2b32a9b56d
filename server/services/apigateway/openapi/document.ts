/**
 * The OpenAPI 3.0 and Swagger 2.0 documents ImportRestApi and PutRestApi take, as JSON or YAML: parsed,
 * their shape checked with zod (members the import does not read are dropped), and the two versions'
 * differences (where schemas and security schemes live, the base path, Swagger's default media types)
 * put behind one view.
 */
import yaml from "js-yaml";
import { z } from "zod";
import { isJsonObject } from "../../../lib/json";
import { ApigwErrors } from "../errors";
import { GatewayResponsesExtension, IntegrationExtension, RequestValidatorsExtension, SecurityScheme, Text, X } from "./extensions";
import { importFailed } from "./problems";

export const JsonObject = z.record(z.string(), z.unknown());
export type JsonObject = z.infer<typeof JsonObject>;

/** A reference to another part of the document, which the reader resolves (see `resolveRef`). */
const Ref = z.object({ $ref: z.string() });
const orRef = <T extends z.ZodTypeAny>(schema: T) => z.union([Ref, schema]);

export const Parameter = z.object({ name: z.string(), in: z.string(), required: z.boolean().optional(), schema: JsonObject.optional() });
const MediaTypes = z.record(z.string(), z.object({ schema: JsonObject.optional() }));
export const RequestBody = z.object({ content: MediaTypes });
/** A response: OpenAPI 3 describes its body by media type (`content`), Swagger 2 by one `schema`. */
export const Response = z.object({ headers: JsonObject.optional(), content: MediaTypes.optional(), schema: JsonObject.optional() });
const SecurityRequirements = z.array(z.record(z.string(), z.array(z.string())));
const MediaTypeList = z.array(z.string());

const Operation = z.object({
  operationId: z.string().optional(),
  parameters: z.array(orRef(Parameter)).optional(),
  requestBody: orRef(RequestBody).optional(),
  responses: z.record(z.string(), orRef(Response)).optional(),
  security: SecurityRequirements.optional(),
  consumes: MediaTypeList.optional(),
  produces: MediaTypeList.optional(),
  [X.integration]: IntegrationExtension.optional(),
  [X.requestValidator]: z.string().optional(),
});
export type Operation = z.output<typeof Operation>;

const PathItem = z.object({
  parameters: z.array(orRef(Parameter)).optional(),
  get: Operation.optional(),
  put: Operation.optional(),
  post: Operation.optional(),
  delete: Operation.optional(),
  options: Operation.optional(),
  head: Operation.optional(),
  patch: Operation.optional(),
  [X.anyMethod]: Operation.optional(),
  /** Read only to warn: API Gateway has no TRACE method. */
  trace: z.unknown().optional(),
});
export type PathItem = z.output<typeof PathItem>;

/** A path item's operations: the key the document gives each, and the HTTP method it is. */
export const OPERATIONS = [
  ["get", "GET"],
  ["put", "PUT"],
  ["post", "POST"],
  ["delete", "DELETE"],
  ["options", "OPTIONS"],
  ["head", "HEAD"],
  ["patch", "PATCH"],
  [X.anyMethod, "ANY"],
] as const satisfies readonly (readonly [keyof PathItem, string])[];

const Common = {
  info: z.object({ title: z.string().min(1), description: z.string().optional(), version: Text.optional() }),
  paths: z.record(z.string(), PathItem),
  security: SecurityRequirements.optional(),
  [X.binaryMediaTypes]: MediaTypeList.optional(),
  [X.apiKeySource]: z.string().optional(),
  [X.requestValidators]: RequestValidatorsExtension.optional(),
  [X.requestValidator]: z.string().optional(),
  [X.gatewayResponses]: GatewayResponsesExtension.optional(),
};

const OpenApi3 = z.object({
  ...Common,
  servers: z.array(z.object({ url: z.string(), variables: z.record(z.string(), z.object({ default: z.string() })).optional() })).optional(),
  components: z
    .object({ schemas: z.record(z.string(), JsonObject).optional(), securitySchemes: z.record(z.string(), SecurityScheme).optional() })
    .optional(),
});

const Swagger2 = z.object({
  ...Common,
  basePath: z.string().optional(),
  consumes: MediaTypeList.optional(),
  produces: MediaTypeList.optional(),
  definitions: z.record(z.string(), JsonObject).optional(),
  securityDefinitions: z.record(z.string(), SecurityScheme).optional(),
});

/** Either version's document, as the import reads it. */
export type ApiDocument = z.output<z.ZodObject<typeof Common>> & {
  /** The document as parsed, which local `$ref`s point into. */
  raw: JsonObject;
  /** The schemas models are made of, by name (`components.schemas`, `definitions`). */
  schemas: Record<string, JsonObject>;
  /** How the document refers to one of `schemas`: `#/components/schemas/` or `#/definitions/`. */
  schemaRefPrefix: string;
  securitySchemes: Record<string, z.output<typeof SecurityScheme>>;
  /** The path the document's paths are under (Swagger's `basePath`, the path of OpenAPI's first server). */
  basePath: string;
  /** Swagger's media types for bodies and responses whose operation names none. */
  consumes?: string[];
  produces?: string[];
};

const invalidInput = () => ApigwErrors.badRequest("Invalid OpenAPI input.");

function parseText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    try {
      return yaml.load(text);
    } catch {
      throw invalidInput();
    }
  }
}

/** A zod issue as AWS's parser words it: `attribute paths.'/pets'.get.responses is missing`. */
function issueMessage(issue: z.ZodIssue): string {
  if (issue.code === "invalid_union") {
    // The last alternative is the object itself (the first is a `$ref`): its complaint is the useful one.
    const inner = issue.unionErrors.at(-1)?.issues[0];
    if (inner) return issueMessage(inner);
  }
  const attribute = issue.path.reduce<string>((path, key) => {
    if (typeof key === "number") return `${path}[${key}]`;
    const name = /^[\w$-]+$/.test(key) ? key : `'${key}'`;
    return path === "" ? name : `${path}.${name}`;
  }, "");
  if (issue.code === "invalid_type") {
    return issue.received === "undefined" ? `attribute ${attribute} is missing` : `attribute ${attribute} is not of type \`${issue.expected}\``;
  }
  return `attribute ${attribute} is invalid: ${issue.message}`;
}

function check<T extends z.ZodTypeAny>(schema: T, raw: JsonObject): z.output<T> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw importFailed(parsed.error.issues.map((issue) => `Parse issue: ${issueMessage(issue)}`));
  return parsed.data;
}

/** The path of a server URL, its variables (`{basePath}`) standing for their defaults. */
function serverPath(server: { url: string; variables?: Record<string, { default: string }> }): string {
  const url = server.url.replace(/\{(\w+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole);
  try {
    return new URL(url, "http://localhost").pathname;
  } catch {
    return "";
  }
}

/** The document in the request body: OpenAPI 3.0 or Swagger 2.0, as JSON or YAML. */
export function parseDocument(body: Buffer): ApiDocument {
  const raw = parseText(body.toString("utf8"));
  if (!isJsonObject(raw)) throw invalidInput();
  if (typeof raw.openapi === "string" && /^3\.0(\.\d+)?$/.test(raw.openapi)) {
    const { servers, components, ...document } = check(OpenApi3, raw);
    const server = servers?.[0];
    return {
      ...document,
      raw,
      schemas: components?.schemas ?? {},
      schemaRefPrefix: "#/components/schemas/",
      securitySchemes: components?.securitySchemes ?? {},
      basePath: server ? serverPath(server) : "",
    };
  }
  if (raw.swagger === "2.0") {
    const { definitions, securityDefinitions, basePath, ...document } = check(Swagger2, raw);
    return { ...document, raw, schemas: definitions ?? {}, schemaRefPrefix: "#/definitions/", securitySchemes: securityDefinitions ?? {}, basePath: basePath ?? "" };
  }
  // OpenAPI 3.1 and Swagger 1.x are not among the versions API Gateway imports.
  throw invalidInput();
}

/** What a local `$ref` (`#/components/parameters/id`) points at, or undefined. */
export function resolveRef(document: ApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) return undefined;
  const keys = ref.slice(2).split("/").map((key) => key.replace(/~1/g, "/").replace(/~0/g, "~"));
  return keys.reduce<unknown>((node, key) => (isJsonObject(node) ? node[key] : undefined), document.raw);
}
