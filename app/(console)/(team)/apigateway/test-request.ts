/**
 * The method Test tab's form and the TestInvokeMethod request it makes: the resource path with its
 * `{param}` values filled in, a query string, headers and stage variables one a line, and a body.
 */
import type { RouterInputs } from "../../../_trpc/types";

type TestInvokeInput = RouterInputs["apigateway"]["testInvokeMethod"];

export interface TestRequestForm {
  /** Values of the resource path's parameters, by name. */
  pathValues: Record<string, string>;
  /** `name=value&other=value`, with or without the leading `?`. */
  query: string;
  /** One `Name:Value` a line; a name given twice has two values. */
  headers: string;
  /** One `name=value` a line. */
  stageVariables: string;
  body: string;
}

export const EMPTY_TEST_REQUEST: TestRequestForm = { pathValues: {}, query: "", headers: "", stageVariables: "", body: "" };

export interface PathParameter {
  name: string;
  /** `{proxy+}`: the value may span several path parts. */
  greedy: boolean;
}

/** The `{name}` and `{name+}` parts of a resource path, in order. */
export function pathParameters(resourcePath: string): PathParameter[] {
  return [...resourcePath.matchAll(/\{([^}+]+)(\+?)\}/g)].map(([, name, plus]) => ({ name: name!, greedy: plus === "+" }));
}

/** Non-empty lines split at their first `separator`; the 1-based number of the first line without one, if any. */
function splitLines(text: string, separator: string): { entries: [string, string][]; badLine?: number } {
  const entries: [string, string][] = [];
  const lines = text.split("\n");
  for (const [index, line] of lines.entries()) {
    if (line.trim() === "") continue;
    const at = line.indexOf(separator);
    if (at <= 0) return { entries, badLine: index + 1 };
    entries.push([line.slice(0, at).trim(), line.slice(at + 1).trim()]);
  }
  return { entries };
}

export function testRequestErrors(form: TestRequestForm, parameters: readonly PathParameter[]) {
  const headerLine = splitLines(form.headers, ":").badLine;
  const variableLine = splitLines(form.stageVariables, "=").badLine;
  return {
    pathValues: Object.fromEntries(parameters.map(({ name }) => [name, (form.pathValues[name] ?? "") === "" ? `Enter a value for ${name}.` : undefined])),
    headers: headerLine ? `Line ${headerLine} isn't a header: write Name:Value.` : undefined,
    stageVariables: variableLine ? `Line ${variableLine} isn't a variable: write name=value.` : undefined,
  };
}

export type TestRequestErrors = ReturnType<typeof testRequestErrors>;

export const hasTestRequestErrors = (errors: TestRequestErrors) =>
  Boolean(errors.headers || errors.stageVariables || Object.values(errors.pathValues).some(Boolean));

/** The path a client would call: each parameter's value encoded, a greedy one part by part so its slashes stay. */
export function testPath(resourcePath: string, form: TestRequestForm): string {
  return resourcePath.replace(/\{([^}+]+)(\+?)\}/g, (_, name: string, plus: string) => {
    const value = form.pathValues[name] ?? "";
    return plus ? value.split("/").map(encodeURIComponent).join("/") : encodeURIComponent(value);
  });
}

/** TestInvokeMethod's members for the form, which `testRequestErrors` found valid. */
export function testInvokeRequest(resourcePath: string, form: TestRequestForm): Omit<TestInvokeInput, "restApiId" | "resourceId" | "httpMethod"> {
  const query = form.query.trim().replace(/^\?/, "");
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of splitLines(form.headers, ":").entries) (multiValueHeaders[name] ??= []).push(value);
  return {
    pathWithQueryString: `${testPath(resourcePath, form)}${query ? `?${query}` : ""}`,
    multiValueHeaders,
    stageVariables: Object.fromEntries(splitLines(form.stageVariables, "=").entries),
    ...(form.body !== "" && { body: form.body }),
  };
}
