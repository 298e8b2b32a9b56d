/** What the data plane hands a mapping template and gets back from it. */

export interface TemplateParams {
  path: Record<string, string>;
  querystring: Record<string, string>;
  /** Names as the client sent them; `$input.params('x')` finds a header whatever its case. */
  header: Record<string, string>;
}

export interface TemplateInput {
  /** The payload the template maps: the method request body (request templates) or the integration response body (response templates), as UTF-8 text. */
  body: string;
  params: TemplateParams;
  /** `$context`, passed through as given (nested objects read as `$context.identity.sourceIp`). */
  context: Record<string, unknown>;
  stageVariables: Record<string, string>;
}

/** What a template set through `$context.responseOverride.*` and `$context.requestOverride.*`. */
export interface TemplateOverrides {
  status?: number;
  headers: Record<string, string>;
  requestHeaders: Record<string, string>;
  requestQuerystring: Record<string, string>;
  requestPath: Record<string, string>;
}

export interface TemplateOutput {
  body: string;
  overrides: TemplateOverrides;
}
