/** JSON values as templates see them. */

/**
 * A list parsed from JSON. AWS's JSON library prints such lists as compact JSON (`["a","b"]`), where a
 * list built in the template prints the Java way (`[a, b]`); the class tells the two apart.
 */
export class JsonList extends Array<unknown> {}

export function parseJson(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => (Array.isArray(value) ? JsonList.from(value) : value));
}

/** A JSON object, or a map built in the template. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
