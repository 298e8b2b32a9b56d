/**
 * The authorizer editor's form and what it becomes: CreateAuthorizer's members for a new authorizer,
 * UpdateAuthorizer's operations for an existing one.
 */
import type { PatchOperation } from "~/server/services/apigateway/patch";
import type { TileOption } from "../../../_components/Tiles";
import { invokedFunction, lambdaInvocationUri } from "./integration-form";
import { memberPatch } from "./member-patch";
import type { Authorizer } from "./use-api";

export type AuthorizerKind = "lambda" | "cognito";
/** What a Lambda authorizer's function is sent: one token, or the request's parameters. */
export type LambdaPayload = "TOKEN" | "REQUEST";
export type IdentitySourceKind = "header" | "multivalueheader" | "querystring" | "multivaluequerystring" | "stageVariables" | "context";

export const AUTHORIZER_KINDS: readonly TileOption<AuthorizerKind>[] = [
  { value: "lambda", label: "Lambda", description: "A function decides, from a token or the request, and answers with an IAM policy." },
  { value: "cognito", label: "Cognito", description: "Callers sign in to a Cognito user pool and send its token." },
];

export const LAMBDA_PAYLOADS: readonly TileOption<LambdaPayload>[] = [
  { value: "TOKEN", label: "Token", description: "The function gets the token from one header, e.g. a bearer token." },
  { value: "REQUEST", label: "Request", description: "The function gets the headers, query string, stage variables and context it names." },
];

export const IDENTITY_SOURCE_KINDS = [
  { value: "header", label: "Header" },
  { value: "multivalueheader", label: "Header (multi-value)" },
  { value: "querystring", label: "Query string" },
  { value: "multivaluequerystring", label: "Query string (multi-value)" },
  { value: "stageVariables", label: "Stage variable" },
  { value: "context", label: "Context" },
] as const satisfies readonly { value: IdentitySourceKind; label: string }[];

export interface IdentitySource {
  kind: IdentitySourceKind;
  name: string;
}

export interface AuthorizerForm {
  name: string;
  kind: AuthorizerKind;
  payload: LambdaPayload;
  functionArn: string;
  /** Lambda: the IAM role API Gateway assumes to invoke the function; optional. */
  credentials: string;
  /** TOKEN and Cognito: the header the token comes in. */
  tokenHeader: string;
  /** REQUEST: where the caller's identity comes from; it is also what answers are cached under. */
  identitySources: IdentitySource[];
  /** TOKEN and Cognito: a regular expression the token must match before the authorizer runs; optional. */
  validationExpression: string;
  /** Seconds an answer is cached for: 0 calls the function every time. */
  ttl: string;
  /** Cognito: user pool ARNs, one a line. */
  providerArns: string;
}

const TTL = { min: 0, max: 3600, default: 300 };
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const USER_POOL_ARN = /^arn:aws[\w-]*:cognito-idp:[a-z0-9-]+:\d{12}:userpool\/\S+$/;

export const NEW_AUTHORIZER_FORM: AuthorizerForm = {
  name: "",
  kind: "lambda",
  payload: "TOKEN",
  functionArn: "",
  credentials: "",
  tokenHeader: "Authorization",
  identitySources: [{ kind: "header", name: "" }],
  validationExpression: "",
  ttl: String(TTL.default),
  providerArns: "",
};

/** `method.request.header.Auth` ↔ a header named Auth, and likewise for the other kinds. */
const SOURCE_PREFIXES: Record<IdentitySourceKind, string> = {
  header: "method.request.header.",
  multivalueheader: "method.request.multivalueheader.",
  querystring: "method.request.querystring.",
  multivaluequerystring: "method.request.multivaluequerystring.",
  stageVariables: "stageVariables.",
  context: "context.",
};

const sourceExpression = (source: IdentitySource) => `${SOURCE_PREFIXES[source.kind]}${source.name.trim()}`;

function parseSource(expression: string): IdentitySource {
  const kind = IDENTITY_SOURCE_KINDS.find(({ value }) => expression.startsWith(SOURCE_PREFIXES[value]))?.value ?? "header";
  return { kind, name: expression.startsWith(SOURCE_PREFIXES[kind]) ? expression.slice(SOURCE_PREFIXES[kind].length) : expression };
}

/** The form of an existing authorizer, to edit it. */
export function authorizerForm(authorizer: Authorizer): AuthorizerForm {
  const sources = (authorizer.identitySource ?? "").split(",").map((source) => source.trim()).filter(Boolean);
  return {
    ...NEW_AUTHORIZER_FORM,
    name: authorizer.name,
    kind: authorizer.type === "COGNITO_USER_POOLS" ? "cognito" : "lambda",
    payload: authorizer.type === "REQUEST" ? "REQUEST" : "TOKEN",
    functionArn: invokedFunction(authorizer.authorizerUri) ?? "",
    credentials: authorizer.authorizerCredentials ?? "",
    tokenHeader: (sources[0] && parseSource(sources[0]).name) || NEW_AUTHORIZER_FORM.tokenHeader,
    identitySources: authorizer.type === "REQUEST" ? sources.map(parseSource) : NEW_AUTHORIZER_FORM.identitySources,
    validationExpression: authorizer.identityValidationExpression ?? "",
    ttl: String(authorizer.authorizerResultTtlInSeconds),
    providerArns: (authorizer.providerARNs ?? []).join("\n"),
  };
}

const readsToken = (form: AuthorizerForm) => form.kind === "cognito" || form.payload === "TOKEN";
const providerArnList = (form: AuthorizerForm) => form.providerArns.split(/[\s,]+/).filter(Boolean);

function regexError(pattern: string): string | undefined {
  try {
    new RegExp(pattern);
    return undefined;
  } catch {
    return "Enter a valid regular expression.";
  }
}

function providerArnsError(arns: readonly string[]): string | undefined {
  if (arns.length === 0) return "Enter the ARN of at least one user pool.";
  const wrong = arns.find((arn) => !USER_POOL_ARN.test(arn));
  return wrong ? `${wrong} isn't a user pool ARN, e.g. arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_abc123.` : undefined;
}

function identitySourcesError(sources: readonly IdentitySource[], caching: boolean): string | undefined {
  if (sources.some((source) => !/^[^,\s]+$/.test(source.name.trim()))) return "Enter a name, without spaces or commas, for every identity source.";
  // Cached answers are kept per identity, so caching needs one (as on AWS).
  if (caching && sources.length === 0) return "Add an identity source: caching keeps answers per identity.";
  return undefined;
}

export function authorizerErrors(form: AuthorizerForm) {
  const lambda = form.kind === "lambda";
  const request = lambda && form.payload === "REQUEST";
  const ttl = Number(form.ttl);
  const validTtl = /^\d+$/.test(form.ttl) && ttl >= TTL.min && ttl <= TTL.max;
  return {
    name: form.name.trim() === "" ? "Enter a name for the authorizer." : undefined,
    functionArn: lambda && !form.functionArn ? "Choose a Lambda function." : undefined,
    tokenHeader: readsToken(form) && !HEADER_NAME.test(form.tokenHeader) ? "Enter the name of the header the token comes in." : undefined,
    identitySources: request ? identitySourcesError(form.identitySources, validTtl && ttl > 0) : undefined,
    validationExpression: readsToken(form) && form.validationExpression ? regexError(form.validationExpression) : undefined,
    ttl: validTtl ? undefined : `Enter a whole number of seconds from ${TTL.min} to ${TTL.max}.`,
    providerArns: form.kind === "cognito" ? providerArnsError(providerArnList(form)) : undefined,
  };
}

export type AuthorizerErrors = ReturnType<typeof authorizerErrors>;

/** The authorizer members the form decides, in CreateAuthorizer's terms. */
export interface AuthorizerMembers {
  name: string;
  type: string;
  authorizerUri?: string;
  authorizerCredentials?: string;
  identitySource?: string;
  identityValidationExpression?: string;
  authorizerResultTtlInSeconds: number;
  providerARNs?: string[];
}

export function authorizerMembers(form: AuthorizerForm): AuthorizerMembers {
  const common = {
    name: form.name.trim(),
    authorizerResultTtlInSeconds: Number(form.ttl),
    ...(readsToken(form) && { identitySource: `${SOURCE_PREFIXES.header}${form.tokenHeader}` }),
    ...(readsToken(form) && form.validationExpression !== "" && { identityValidationExpression: form.validationExpression }),
  };
  if (form.kind === "cognito") return { ...common, type: "COGNITO_USER_POOLS", providerARNs: providerArnList(form) };
  return {
    ...common,
    type: form.payload,
    authorizerUri: lambdaInvocationUri(form.functionArn),
    ...(form.credentials.trim() !== "" && { authorizerCredentials: form.credentials.trim() }),
    ...(form.payload === "REQUEST" && form.identitySources.length > 0 && { identitySource: form.identitySources.map(sourceExpression).join(",") }),
  };
}

/**
 * UpdateAuthorizer's operations that turn `current` into `target`. The editor keeps an authorizer's
 * kind (Lambda or Cognito), so user pools are only ever replaced, which is all their patch path allows.
 */
export function authorizerPatch(current: Authorizer, target: AuthorizerMembers): PatchOperation[] {
  return memberPatch([
    ["/name", current.name, target.name],
    ["/type", current.type, target.type],
    ["/authorizerUri", current.authorizerUri, target.authorizerUri],
    ["/authorizerCredentials", current.authorizerCredentials, target.authorizerCredentials],
    ["/identitySource", current.identitySource, target.identitySource],
    ["/identityValidationExpression", current.identityValidationExpression, target.identityValidationExpression],
    ["/authorizerResultTtlInSeconds", current.authorizerResultTtlInSeconds, target.authorizerResultTtlInSeconds],
    ["/providerARNs", current.providerARNs?.join(","), target.providerARNs?.join(",")],
  ]);
}

/** How the console names an authorizer's type. */
export function authorizerTypeLabel(type: string): string {
  switch (type) {
    case "TOKEN":
      return "Lambda (token)";
    case "REQUEST":
      return "Lambda (request)";
    case "COGNITO_USER_POOLS":
      return "Cognito user pools";
    default:
      return type;
  }
}
