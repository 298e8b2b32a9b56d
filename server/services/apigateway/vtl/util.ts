/**
 * `$util`: the functions AWS documents for REST API mapping templates. Others (`toJson`, `qr`, ...) belong
 * to AppSync or HTTP APIs; calling one renders nothing, as on API Gateway.
 */
import { parseJson } from "./json-values";
import { renderValue } from "./render-value";

function hexCode(char: string, digits: number): string {
  return char.charCodeAt(0).toString(16).toUpperCase().padStart(digits, "0");
}

const JAVASCRIPT_ESCAPES: Record<string, string> = { "\\": "\\\\", "'": "\\'", '"': '\\"', "/": "\\/", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

/**
 * Apache Commons Lang's `StringEscapeUtils.escapeJavaScript`, whose behaviour AWS documents: JavaScript
 * string escapes, `'` → `\'` and `/` → `\/` included, and every other character outside printable ASCII as `\uXXXX`.
 */
function escapeJavaScript(value: unknown): string {
  return renderValue(value).replace(/[\\'"/]|[^\x20-\x7f]/g, (char) => JAVASCRIPT_ESCAPES[char] ?? `\\u${hexCode(char, 4)}`);
}

/** `java.net.URLEncoder` (UTF-8): encodeURIComponent, except that `!'()~` are escaped too and a space is `+`. */
function urlEncode(value: unknown): string {
  return encodeURIComponent(renderValue(value))
    .replace(/[!'()~]/g, (char) => `%${hexCode(char, 2)}`)
    .replaceAll("%20", "+");
}

/** `java.net.URLDecoder` (UTF-8): `+` is a space. */
function urlDecode(value: unknown): string {
  return decodeURIComponent(renderValue(value).replaceAll("+", " "));
}

/** A fresh object per render: velocityjs writes onto the objects whose methods it calls. */
export function createUtil() {
  return {
    escapeJavaScript,
    /** Parses "stringified" JSON into maps and lists the template can use natively. */
    parseJson: (value: unknown) => parseJson(renderValue(value)),
    urlEncode,
    urlDecode,
    base64Encode: (value: unknown) => Buffer.from(renderValue(value), "utf8").toString("base64"),
    base64Decode: (value: unknown) => Buffer.from(renderValue(value), "base64").toString("utf8"),
  };
}
