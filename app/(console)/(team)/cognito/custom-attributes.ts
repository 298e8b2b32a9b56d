/** Custom attributes as the console adds them: at pool creation (Schema) or later (AddCustomAttributes). */
import type { RouterInputs } from "../../../_trpc/types";

export type CustomAttribute = RouterInputs["cognito"]["addCustomAttributes"]["CustomAttributes"][number];
export type AttributeDataType = NonNullable<CustomAttribute["AttributeDataType"]>;

export const DATA_TYPES: readonly { value: AttributeDataType; label: string }[] = [
  { value: "String", label: "String" },
  { value: "Number", label: "Number" },
  { value: "DateTime", label: "DateTime" },
  { value: "Boolean", label: "Boolean" },
];

export const CUSTOM_NAME_RULE = "Up to 20 characters, without spaces. Cognito adds the custom: prefix.";

/** Why `name` can't name a new custom attribute, given the names the pool (or the form) already has. */
export function customNameError(name: string, taken: readonly string[]): string | undefined {
  if (!name) return "Enter a name.";
  if (name.length > 20) return "Custom attribute names can be at most 20 characters.";
  if (/\s/.test(name)) return "Custom attribute names can't contain spaces.";
  if (taken.includes(`custom:${name}`)) return `The pool already has custom:${name}.`;
  return undefined;
}

/** A custom attribute's name as Cognito stores and lists it. */
export const customName = (attribute: Pick<CustomAttribute, "Name">) => `custom:${attribute.Name}`;
