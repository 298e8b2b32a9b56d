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

/** What Cognito answers a call setting or deleting `sub` (and, alike, anything else no call may change). */
export const nonMutable = (name: string) => CognitoErrors.invalidParameter(`Cannot modify the non-mutable attribute ${name}`);

const schemaByName = (pool: CognitoUserPool) => new Map(poolSettings(pool).SchemaAttributes.map((a) => [a.Name, a]));

/** Checks names (in the schema, mutable unless `creating`), and the formats and lengths Cognito checks. */
export function checkAttributes(pool: CognitoUserPool, attributes: AttributeType[], opts: { creating: boolean }): Record<string, string> {
  const schema = schemaByName(pool);
  const out: Record<string, string> = {};
  for (const { Name, Value = "" } of attributes) {
    const definition = schema.get(Name);
    if (COGNITO_WRITTEN_ATTRIBUTES.has(Name)) throw nonMutable(Name);
    if (!definition) throw invalid(`${Name}: Attribute does not exist in the schema.`);
    if (!opts.creating && !definition.Mutable) throw CognitoErrors.invalidParameter(`Cannot modify an already provided ${Name}`);
    if (Name === "email" && !/^[^\s@]+@[^\s@]+$/.test(Value)) throw CognitoErrors.invalidParameter("Invalid email address format.");
    if (Name === "phone_number" && !/^\+[1-9]\d{4,14}$/.test(Value)) throw CognitoErrors.invalidParameter("Invalid phone number format.");
    if (definition.AttributeDataType === "Boolean" && Value !== "true" && Value !== "false") throw invalid(`${Name}: Attribute value must be true or false.`);
    if (definition.AttributeDataType === "Number" && Value !== "" && !/^-?\d+(\.\d+)?$/.test(Value)) throw invalid(`${Name}: Number attribute value must be a number.`);
    const min = Number(definition.StringAttributeConstraints?.MinLength ?? 0);
    const max = Number(definition.StringAttributeConstraints?.MaxLength ?? 2048);
    // An empty value is no value (it deletes the attribute); the bounds hold for the rest.
    if (Value !== "" && Value.length < min) throw invalid(`${Name}: String must be no shorter than ${min} characters`);
    if (Value.length > max) throw invalid(`${Name}: String must be no longer than ${max} characters`);
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

/**
 * The names a user's attributes may lose (AdminDeleteUserAttributes, DeleteUserAttributes): not what
 * Cognito writes or what cannot change once set, nor a required attribute. Names the user has no value
 * for are let through, as Cognito lets them.
 */
export function checkDeletable(pool: CognitoUserPool, names: string[]): void {
  const schema = schemaByName(pool);
  for (const name of names) {
    const definition = schema.get(name);
    if (COGNITO_WRITTEN_ATTRIBUTES.has(name) || definition?.Mutable === false) throw nonMutable(name);
    if (definition?.Required) throw CognitoErrors.invalidParameter(`Invalid user attributes: ${name}: Required attribute cannot be deleted.`);
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

/** The stored attributes without those named. */
export const withoutAttributes = (user: Pick<CognitoUser, "attributes">, names: string[]): Record<string, string> =>
  Object.fromEntries(Object.entries(storedAttributes(user)).filter(([name]) => !names.includes(name)));

/** `[{ Name, Value }]` with `sub` first, as Cognito lists them; `only` limits them (AttributesToGet). */
export function attributeList(user: Pick<CognitoUser, "attributes" | "sub">, only?: string[]): AttributeType[] {
  const list = [{ Name: "sub", Value: user.sub }, ...Object.entries(storedAttributes(user)).map(([Name, Value]) => ({ Name, Value }))];
  return only ? list.filter((a) => only.includes(a.Name)) : list;
}
