/**
 * Non-proxy mappings: request and response parameter mappings (`integration.request.header.x` ←
 * `method.request.querystring.y`, `'literal'`, `stageVariables.z`, `context.w`, a body JSONPath),
 * the choice of a mapping template by content type under the passthrough behaviour, and the choice of
 * the integration response by selection pattern.
 */
import { JSONPath } from "jsonpath-plus";
import type { Integration, IntegrationResponse } from "../model";
import { type ApiRequest, headerViews, type ParameterViews, queryViews } from "./request";

/** What one side of a mapping reads from (`method.request.*` or `integration.response.*`). */
export interface MappingSource {
  /** `method.request` or `integration.response`. */
  prefix: string;
  path?: Record<string, string>;
  querystring?: ParameterViews;
  header: ParameterViews;
  body: string;
  stageVariables: Record<string, string>;
  context: object;
}

/**
 * What `method.request.*` expressions read: the request as the method received it. Callers that have its
 * header and query views already pass them in.
 */
export function methodRequestSource(request: {
  req: ApiRequest;
  pathParameters: Record<string, string>;
  stageVariables: Record<string, string>;
  context: object;
  header?: ParameterViews;
  querystring?: ParameterViews;
}): MappingSource {
  const { req } = request;
  return {
    prefix: "method.request",
    path: request.pathParameters,
    querystring: request.querystring ?? queryViews(req),
    header: request.header ?? headerViews(req),
    body: req.body.toString("utf8"),
    stageVariables: request.stageVariables,
    context: request.context,
  };
}

function lookupHeader(views: ParameterViews, name: string, multi: boolean): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, values] of Object.entries(views.multi)) if (key.toLowerCase() === wanted) return multi ? values.join(",") : values.at(-1);
  return undefined;
}

function bodyPath(body: string, path: string): string | undefined {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return undefined;
  }
  const found: unknown = JSONPath({ path: `$.${path}`, json: json as object, wrap: false });
  if (found === undefined) return undefined;
  return typeof found === "string" ? found : JSON.stringify(found);
}

/** The value at a dotted path of `$context` as text (objects as JSON), or undefined when there is none. */
export function contextValue(context: object, path: string): string | undefined {
  let value: unknown = context;
  for (const key of path.split(".")) value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  return value === undefined || value === null ? undefined : typeof value === "object" ? JSON.stringify(value) : String(value);
}

/** The value a mapping expression stands for, or undefined when its source is absent. */
export function mappingValue(expression: string, source: MappingSource): string | undefined {
  if (expression.startsWith("'") && expression.endsWith("'") && expression.length >= 2) return expression.slice(1, -1);
  if (expression.startsWith("stageVariables.")) return source.stageVariables[expression.slice("stageVariables.".length)];
  if (expression.startsWith("context.")) return contextValue(source.context, expression.slice("context.".length));
  if (!expression.startsWith(`${source.prefix}.`)) return undefined;
  const rest = expression.slice(source.prefix.length + 1);
  if (rest === "body") return source.body;
  if (rest.startsWith("body.")) return bodyPath(source.body, rest.slice("body.".length));
  const dot = rest.indexOf(".");
  const [kind, name] = [rest.slice(0, dot), rest.slice(dot + 1)];
  switch (kind) {
    case "path":
      return source.path?.[name];
    case "querystring":
      return source.querystring?.single[name];
    case "multivaluequerystring":
      return source.querystring?.multi[name]?.join(",");
    case "header":
      return lookupHeader(source.header, name, false);
    case "multivalueheader":
      return lookupHeader(source.header, name, true);
    default:
      return undefined;
  }
}

/** Applies `mappings` (target → expression): answers the values by target kind (`header`, `querystring`, `path`). */
export function mapParameters(mappings: Record<string, string> | undefined, targetPrefix: string, source: MappingSource): Record<string, Record<string, string>> {
  const mapped: Record<string, Record<string, string>> = {};
  for (const [target, expression] of Object.entries(mappings ?? {})) {
    if (!target.startsWith(`${targetPrefix}.`)) continue;
    const rest = target.slice(targetPrefix.length + 1);
    const dot = rest.indexOf(".");
    const value = mappingValue(expression, source);
    if (dot === -1 || value === undefined) continue;
    (mapped[rest.slice(0, dot).replace(/^multivalue/, "")] ??= {})[rest.slice(dot + 1)] = value;
  }
  return mapped;
}

export type TemplateChoice = { kind: "template"; template: string; contentType: string } | { kind: "passthrough" } | { kind: "unsupported" };

/**
 * The request template for the request's content type (application/json when it has none), or what
 * the passthrough behaviour says: WHEN_NO_MATCH passes unmatched bodies through; WHEN_NO_TEMPLATES
 * only when there are no templates at all; NEVER refuses them (415).
 */
export function chooseRequestTemplate(integration: Integration, contentType: string | undefined): TemplateChoice {
  const templates = integration.requestTemplates ?? {};
  const type = (contentType ?? "application/json").split(";")[0]!.trim().toLowerCase();
  const match = Object.entries(templates).find(([key]) => key.toLowerCase() === type);
  if (match) return { kind: "template", template: match[1], contentType: match[0] };
  const behaviour = integration.passthroughBehavior ?? "WHEN_NO_MATCH";
  if (behaviour === "WHEN_NO_MATCH" || (behaviour === "WHEN_NO_TEMPLATES" && Object.keys(templates).length === 0)) return { kind: "passthrough" };
  return { kind: "unsupported" };
}

/** Java's `String.matches`: the pattern must match the whole text (`.` matching newlines, as API Gateway's DOTALL). */
function matchesWhole(pattern: string, text: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, "s").test(text);
  } catch {
    return false;
  }
}

/**
 * The integration response for a backend outcome: `selector` is a Lambda error's message, or an HTTP
 * or mock status code; none (a Lambda success) or no match takes the default (no selection pattern).
 */
export function chooseIntegrationResponse(integration: Integration, selector: string | undefined): IntegrationResponse | undefined {
  const responses = Object.values(integration.integrationResponses ?? {});
  const isDefault = (response: IntegrationResponse) => !response.selectionPattern;
  if (selector !== undefined) {
    const matched = responses.find((response) => !isDefault(response) && matchesWhole(response.selectionPattern!, selector));
    if (matched) return matched;
  }
  return responses.find(isDefault);
}

/** The response template for the client's Accept type, else application/json's, else the first. */
export function chooseResponseTemplate(response: IntegrationResponse, accept: string | undefined): { contentType: string; template: string } | undefined {
  const entries = Object.entries(response.responseTemplates ?? {});
  if (entries.length === 0) return undefined;
  const accepted = (accept ?? "").split(",").map((part) => part.split(";")[0]!.trim().toLowerCase());
  const chosen = entries.find(([type]) => accepted.includes(type.toLowerCase())) ?? entries.find(([type]) => type.toLowerCase() === "application/json") ?? entries[0]!;
  return { contentType: chosen[0], template: chosen[1] };
}
