/** User attributes: checked against the pool's schema, stored as `{ name: value }`, listed as `[{ Name, Value }]`. */
import type { CognitoUser, CognitoUserPool } from "../../db/generated/client";
import { CognitoErrors } from "./errors";
import { COGNITO_WRITTEN_ATTRIBUTES } from "./model";
import { poolSettings } from "./store";

export interface AttributeType {
  Name: string;
  Value?: string;
}

const invalid = (detail: string) => CognitoErrors.invalidParameter(`Attributes did not conform to the schema: ${detail}`);

/** Checks names (in the schema, mutable unless `creating`), and the formats Cognito checks. */
export function checkAttributes(pool: CognitoUserPool, attributes: AttributeType[], opts: { creating: boolean }): Record<string, string> {
  const schema = new Map(poolSettings(pool).SchemaAttributes.map((a) => [a.Name, a]));
  const out: Record<string, string> = {};
  for (const { Name, Value = "" } of attributes) {
    const definition = schema.get(Name);
    if (!definition || COGNITO_WRITTEN_ATTRIBUTES.has(Name)) throw invalid(`${Name}: Attribute does not exist in the schema.`);
    if (!opts.creating && !definition.Mutable) throw CognitoErrors.invalidParameter(`Cannot modify an already provided ${Name}`);
    if (Name === "email" && !/^[^\s@]+@[^\s@]+$/.test(Value)) throw CognitoErrors.invalidParameter("Invalid email address format.");
    if (Name === "phone_number" && !/^\+[1-9]\d{4,14}$/.test(Value)) throw CognitoErrors.invalidParameter("Invalid phone number format.");
    if (definition.AttributeDataType === "Boolean" && Value !== "true" && Value !== "false") throw invalid(`${Name}: Attribute value must be true or false.`);
    if (definition.AttributeDataType === "Number" && Value !== "" && !/^-?\d+(\.\d+)?$/.test(Value)) throw invalid(`${Name}: Number attribute value must be a number.`);
    const max = Number(definition.StringAttributeConstraints?.MaxLength ?? 2048);
    if (Value.length > max) throw invalid(`${Name}: String attribute length exceeds the max length of ${max}.`);
    out[Name] = Value;
  }
  return out;
}

/** Required attributes missing from a new user's attributes. */
export function checkRequired(pool: CognitoUserPool, attributes: Record<string, string>): void {
  for (const definition of poolSettings(pool).SchemaAttributes) {
    if (definition.Required && definition.Name !== "sub" && !attributes[definition.Name]) {
      throw invalid(`${definition.Name}: The attribute ${definition.Name} is required`);
    }
  }
}

/** A changed email or phone number is no longer verified. */
export function resetVerification(current: Record<string, string>, changes: Record<string, string>): Record<string, string> {
  const next = { ...current, ...changes };
  if (changes.email !== undefined && changes.email !== current.email && changes.email_verified === undefined) next.email_verified = "false";
  if (changes.phone_number !== undefined && changes.phone_number !== current.phone_number && changes.phone_number_verified === undefined) next.phone_number_verified = "false";
  return next;
}

export const storedAttributes = (user: Pick<CognitoUser, "attributes">) => user.attributes as Record<string, string>;

/** `[{ Name, Value }]` with `sub` first, as Cognito lists them; `only` limits them (AttributesToGet). */
export function attributeList(user: Pick<CognitoUser, "attributes" | "sub">, only?: string[]): AttributeType[] {
  const list = [{ Name: "sub", Value: user.sub }, ...Object.entries(storedAttributes(user)).map(([Name, Value]) => ({ Name, Value }))];
  return only ? list.filter((a) => only.includes(a.Name)) : list;
}
