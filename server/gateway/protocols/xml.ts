/**
 * Serializes handler output (plain JS values) to AWS-style XML. Structures become child
 * elements in property order; `XmlShape` hints say where AWS's XML differs from the JSON shape
 * (element names, flattened lists and maps).
 */
export interface XmlShape {
  /** Element name instead of the property name (Smithy's xmlName). */
  name?: string;
  /** Lists and maps: repeat the element itself per item/entry instead of wrapping them. */
  flattened?: boolean;
  /** Item element of a wrapped list (default `member`). */
  memberName?: string;
  /** Encode an object as a map of entries rather than as a structure. */
  map?: { key?: string; value?: string };
  /** Hints for a structure's properties, by property name. */
  members?: Readonly<Record<string, XmlShape>>;
  /** Hints for list items and map values. */
  items?: XmlShape;
}

const ESCAPES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&apos;",
  // Line breaks as character references survive XML parsers' newline normalisation (as the SDKs escape them).
  "\r": "&#xD;",
  "\n": "&#xA;",
  "\u0085": "&#x85;",
  "\u2028": "&#x2028;",
};

/** Characters XML 1.0 cannot carry at all (controls, lone surrogates, U+FFFE/FFFF): echoed input must not break parsers. */
const NOT_XML = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function escapeXml(text: string): string {
  return text.replace(NOT_XML, "\uFFFD").replace(/[&<>"'\r\n\u0085\u2028]/g, (ch) => ESCAPES[ch]!);
}

function isStructure(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Uint8Array);
}

function scalarText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString("base64");
  return escapeXml(String(value));
}

/** The child elements for a structure's properties; null and undefined properties are left out. */
export function xmlMembers(struct: Record<string, unknown>, shape?: XmlShape): string {
  return Object.entries(struct)
    .map(([key, value]) => {
      const member = shape?.members?.[key];
      return xmlElement(member?.name ?? key, value, member);
    })
    .join("");
}

/** One element (or, for flattened lists and maps, a run of elements) holding `value`. */
export function xmlElement(name: string, value: unknown, shape: XmlShape = {}): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) {
    if (shape.flattened) return value.map((item) => xmlElement(name, item, shape.items)).join("");
    const member = shape.memberName ?? "member";
    return `<${name}>${value.map((item) => xmlElement(member, item, shape.items)).join("")}</${name}>`;
  }
  if (shape.map && isStructure(value)) {
    const { key = "key", value: valueName = "value" } = shape.map;
    const entries = Object.entries(value).map(
      ([k, v]) => `${xmlElement(key, k)}${xmlElement(valueName, v, shape.items)}`,
    );
    if (shape.flattened) return entries.map((entry) => `<${name}>${entry}</${name}>`).join("");
    return `<${name}>${entries.map((entry) => `<entry>${entry}</entry>`).join("")}</${name}>`;
  }
  if (isStructure(value)) return `<${name}>${xmlMembers(value, shape)}</${name}>`;
  return `<${name}>${scalarText(value)}</${name}>`;
}
