/** What the console offers for a method's request settings, and the defaults it creates methods with. */
import type { Authorizer } from "./use-api";

/** The authorizations a method can have without an authorizer. */
export const AUTHORIZATION_TYPES = [
  { value: "NONE", label: "None" },
  { value: "AWS_IAM", label: "AWS IAM (signed requests)" },
] as const;

/** The authorizations that name one of the API's authorizers. */
const AUTHORIZER_AUTHORIZATIONS = [
  { value: "CUSTOM", label: "Lambda authorizer" },
  { value: "COGNITO_USER_POOLS", label: "Cognito user pool authorizer" },
] as const;

export function authorizationLabel(type: string): string {
  return [...AUTHORIZATION_TYPES, ...AUTHORIZER_AUTHORIZATIONS].find((choice) => choice.value === type)?.label ?? type;
}

/** A method's authorization: its type, and for CUSTOM and COGNITO_USER_POOLS the authorizer that decides. */
export interface MethodAuthorization {
  authorizationType: string;
  authorizerId?: string;
}

/** The authorization of a method whose requests `authorizer` decides on. */
export function authorizerAuthorization(authorizer: Pick<Authorizer, "id" | "type">): MethodAuthorization {
  return { authorizationType: authorizer.type === "COGNITO_USER_POOLS" ? "COGNITO_USER_POOLS" : "CUSTOM", authorizerId: authorizer.id };
}

/** A mock integration answers with the status code its request template names; 200 unless edited. */
export const MOCK_REQUEST_TEMPLATES = { "application/json": '{"statusCode": 200}' };

/** `method.request.querystring.page` → the parameter's place and name. */
export function requestParameter(key: string): { location: string; name: string } {
  const [, , location = "", ...name] = key.split(".");
  const places: Record<string, string> = {
    querystring: "URL query string",
    multivaluequerystring: "URL query string (multi-value)",
    header: "HTTP header",
    multivalueheader: "HTTP header (multi-value)",
    path: "Path",
  };
  return { location: places[location] ?? location, name: name.join(".") };
}

/** How an integration response treats binary and text bodies; passthrough when unset. */
export const CONTENT_HANDLING = [
  { value: "", label: "Passthrough" },
  { value: "CONVERT_TO_TEXT", label: "Convert to text" },
  { value: "CONVERT_TO_BINARY", label: "Convert to binary" },
] as const;

export const contentHandlingLabel = (value: string | undefined) => CONTENT_HANDLING.find((choice) => choice.value === (value ?? ""))?.label ?? value;

export function statusCodeError(statusCode: string): string | undefined {
  return /^[1-5]\d\d$/.test(statusCode) ? undefined : "Enter a status code from 100 to 599.";
}
