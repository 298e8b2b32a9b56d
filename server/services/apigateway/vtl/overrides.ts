/** `$context.requestOverride` and `$context.responseOverride`: maps a template sets to override the request or response. */
import { isRecord } from "./json-values";
import { renderValue } from "./render-value";
import type { TemplateOverrides } from "./types";

/** The override maps, empty: `#set` assigns into maps that exist and creates none. */
export function withOverrideSlots(context: Record<string, unknown>): Record<string, unknown> {
  return { ...context, requestOverride: { header: {}, querystring: {}, path: {} }, responseOverride: { header: {} } };
}

function member(value: unknown, key: string): unknown {
  return isRecord(value) ? value[key] : undefined;
}

/** A list set as a header's value is its values joined, as HTTP folds repeated headers. */
function textMap(value: unknown): Record<string, string> {
  if (!isRecord(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, Array.isArray(item) ? item.map(renderValue).join(",") : renderValue(item)]));
}

function statusCode(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value === "string" && /^\d+$/.test(value.trim())) return Number(value);
  return undefined;
}

/** What the template left in the override maps (it may also have replaced them with something else). */
export function readOverrides(context: Record<string, unknown>): TemplateOverrides {
  const request = context.requestOverride;
  const response = context.responseOverride;
  const status = statusCode(member(response, "status"));
  return {
    ...(status === undefined ? {} : { status }),
    headers: textMap(member(response, "header")),
    requestHeaders: textMap(member(request, "header")),
    requestQuerystring: textMap(member(request, "querystring")),
    requestPath: textMap(member(request, "path")),
  };
}
