import { z } from "zod";
import { isJsonObject } from "../../lib/json";

/** Strips wrappers (optional, default, refinements, …) down to the schema that says what the value is. */
function innerSchema(schema: z.ZodTypeAny): z.ZodTypeAny {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodOptional || current instanceof z.ZodNullable || current instanceof z.ZodReadonly) current = current.unwrap();
    else if (current instanceof z.ZodDefault) current = current.removeDefault();
    else if (current instanceof z.ZodCatch) current = current.removeCatch();
    else if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodBranded) current = current.unwrap();
    else if (current instanceof z.ZodLazy) current = current.schema;
    else if (current instanceof z.ZodPipeline) current = current._def.in;
    else return current;
  }
}

/**
 * Query-string inputs (awsQuery parameters, restJson query parameters) arrive as strings;
 * this turns the ones the operation's schema declares as numbers or booleans into those types,
 * so one schema serves JSON and query callers alike. Anything else is left for zod to judge.
 */
export function coerceStringScalars(schema: z.ZodTypeAny, value: unknown): unknown {
  const inner = innerSchema(schema);
  if (typeof value === "string") {
    // Query clients send an empty list as `Name=` with no members.
    if (inner instanceof z.ZodArray && value === "") return [];
    if (inner instanceof z.ZodNumber && value.trim() !== "" && !Number.isNaN(Number(value))) return Number(value);
    if (inner instanceof z.ZodBoolean && (value === "true" || value === "false")) return value === "true";
    return value;
  }
  if (Array.isArray(value) && inner instanceof z.ZodArray) return value.map((item) => coerceStringScalars(inner.element, item));
  if (isJsonObject(value)) {
    if (inner instanceof z.ZodObject) {
      const shape: z.ZodRawShape = inner.shape;
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape[k] ? coerceStringScalars(shape[k], v) : v]));
    }
    if (inner instanceof z.ZodRecord) {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerceStringScalars(inner.valueSchema, v)]));
    }
  }
  return value;
}
