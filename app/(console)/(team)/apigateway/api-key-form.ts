/** API keys as the console names and creates them: the Create API key form and CreateApiKey's members for it. */
import type { RouterInputs } from "../../../_trpc/types";
import type { ApiKey } from "./use-api";

/** A key's name, or its ID when it has none (keys made with the API may lack one). */
export const apiKeyName = (key: Pick<ApiKey, "id" | "name">) => key.name ?? key.id;

export type KeyValueSource = "generated" | "custom";

export const KEY_VALUE_SOURCES = [
  { value: "generated", label: "Auto generate", description: "A random 40-character value." },
  { value: "custom", label: "Custom", description: "A value you choose, e.g. one clients already have." },
] as const satisfies readonly { value: KeyValueSource; label: string; description: string }[];

export interface ApiKeyForm {
  name: string;
  description: string;
  valueSource: KeyValueSource;
  value: string;
}

export const NEW_API_KEY_FORM: ApiKeyForm = { name: "", description: "", valueSource: "generated", value: "" };

/** API Gateway refuses shorter custom values. */
const MIN_VALUE_LENGTH = 20;

export function apiKeyErrors(form: ApiKeyForm) {
  return {
    name: form.name.trim() === "" ? "Enter a name for the API key." : undefined,
    value: form.valueSource === "custom" && form.value.length < MIN_VALUE_LENGTH ? `Enter a value of at least ${MIN_VALUE_LENGTH} characters.` : undefined,
  };
}

/** A key that works at once, as the AWS console creates them (the API's default is disabled). */
export function createApiKeyInput(form: ApiKeyForm): RouterInputs["apigateway"]["createApiKey"] {
  return {
    name: form.name.trim(),
    enabled: true,
    ...(form.description.trim() !== "" && { description: form.description.trim() }),
    ...(form.valueSource === "custom" && { value: form.value }),
  };
}
