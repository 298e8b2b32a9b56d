/** `$input`: the payload and the method request's parameters. */
import { selectJsonPath } from "./json-path";
import { parseJson } from "./json-values";
import { PayloadError } from "./template-error";
import type { TemplateParams } from "./types";

/**
 * The payload as `$input.path` and `$input.json` read it, after what AWS's lenient JSON parser was seen to
 * do: an empty payload is `{}`, text that is not JSON is one string (`a=b` reads as "a=b"), but text that
 * opens an object or array without being one fails the call ("Could not process payload").
 */
function readPayload(body: string): unknown {
  const text = body.trim();
  if (text === "") return {};
  try {
    return parseJson(text);
  } catch (error) {
    if (/^[[{]/.test(text)) throw new PayloadError(`Could not parse request body into json: ${error instanceof Error ? error.message : String(error)}`);
    return body;
  }
}

function ownValue(record: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(record, name) ? record[name] : undefined;
}

function headerValue(headers: Record<string, string>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  return Object.entries(headers).find(([key]) => key.toLowerCase() === wanted)?.[1];
}

export class InputVariable {
  readonly #params: TemplateParams;
  #payload?: { document: unknown };

  /** `$input.body`: the raw payload. */
  readonly body: string;

  constructor(body: string, params: TemplateParams) {
    this.body = body;
    this.#params = { path: { ...params.path }, querystring: { ...params.querystring }, header: { ...params.header } };
  }

  /** Parsed on first use, so a template that never reads the payload as JSON cannot fail on it. */
  #document(): unknown {
    this.#payload ??= { document: readPayload(this.body) };
    return this.#payload.document;
  }

  /** The selection itself (maps, lists, strings, numbers), for templates to use natively. */
  path(path: string): unknown {
    return selectJsonPath(this.#document(), String(path));
  }

  /** The selection as compact JSON; a selection of nothing prints nothing, like any absent value. */
  json(path: string): string {
    const selection = this.path(path);
    return selection === undefined ? "" : JSON.stringify(selection);
  }

  /** All parameters (`path`, `querystring`, `header`), or the named one from the path, then the query string, then the headers; "" when none has it. */
  params(name?: string): unknown {
    if (name === undefined) return this.#params;
    const key = String(name);
    return ownValue(this.#params.path, key) ?? ownValue(this.#params.querystring, key) ?? headerValue(this.#params.header, key) ?? "";
  }
}
