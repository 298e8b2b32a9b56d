/**
 * OpenID Connect identity providers as the console adds and edits them: the form's state, its checks,
 * and CreateIdentityProvider's / UpdateIdentityProvider's members for it.
 */
import type { RouterInputs } from "../../../_trpc/types";
import type { IdentityProvider, UserPool } from "./use-pool";

type CreateInput = RouterInputs["cognito"]["createIdentityProvider"];
type UpdateInput = RouterInputs["cognito"]["updateIdentityProvider"];

export type AttributesMethod = "GET" | "POST";

export const ATTRIBUTES_METHODS: readonly { value: AttributesMethod; label: string; description: string }[] = [
  { value: "GET", label: "GET", description: "Ask the provider's userInfo endpoint for the user's claims with a GET request." },
  { value: "POST", label: "POST", description: "Ask with a POST request." },
];

/** The endpoints Cognito discovers from the issuer's openid-configuration, unless given. */
export const ENDPOINTS = [
  { key: "authorize_url", label: "Authorization endpoint" },
  { key: "token_url", label: "Token endpoint" },
  { key: "attributes_url", label: "UserInfo endpoint - optional" },
  { key: "jwks_uri", label: "JWKS URI" },
] as const;
type EndpointKey = (typeof ENDPOINTS)[number]["key"];

/** One row of the attribute mapping: the pool's attribute gets the value of the provider's claim. */
export interface MappingRow {
  attribute: string;
  claim: string;
}

export interface IdentityProviderForm {
  name: string;
  clientId: string;
  clientSecret: string;
  /** Space-separated, as Cognito stores them. */
  scopes: string;
  issuer: string;
  method: AttributesMethod;
  /** Whether the endpoints are entered rather than discovered from the issuer. */
  manualEndpoints: boolean;
  endpoints: Record<EndpointKey, string>;
  mapping: MappingRow[];
}

/** The attribute federated users' usernames come from; Cognito maps it to `sub` unless told otherwise. */
const USERNAME = "username";

export const NEW_PROVIDER_FORM: IdentityProviderForm = {
  name: "",
  clientId: "",
  clientSecret: "",
  scopes: "openid email",
  issuer: "",
  method: "GET",
  manualEndpoints: false,
  endpoints: { authorize_url: "", token_url: "", attributes_url: "", jwks_uri: "" },
  mapping: [{ attribute: "email", claim: "email" }],
};

/**
 * The form for an existing provider. Its endpoints are as Describe fills them in, discovered or not, so
 * editing starts from discovery again; the username mapping isn't a row (it is kept as it is).
 */
export function providerForm(provider: IdentityProvider): IdentityProviderForm {
  const details = provider.ProviderDetails;
  return {
    name: provider.ProviderName,
    clientId: details.client_id,
    clientSecret: details.client_secret ?? "",
    scopes: details.authorize_scopes,
    issuer: details.oidc_issuer,
    method: details.attributes_request_method,
    manualEndpoints: false,
    endpoints: { authorize_url: details.authorize_url, token_url: details.token_url, attributes_url: details.attributes_url ?? "", jwks_uri: details.jwks_uri },
    mapping: Object.entries(provider.AttributeMapping)
      .filter(([attribute]) => attribute !== USERNAME)
      .map(([attribute, claim]) => ({ attribute, claim })),
  };
}

/** The pool attributes a claim can fill: its schema's, less `sub` (Cognito's own ID for the user). */
export function mappableAttributes(pool: Pick<UserPool, "SchemaAttributes">): string[] {
  return pool.SchemaAttributes.map((a) => a.Name).filter((name) => name !== "sub");
}

/** CreateIdentityProvider's ProviderName pattern, and its 32 characters. */
const NAME = /^[^_\p{Z}][\p{L}\p{M}\p{S}\p{N}\p{P}][^_\p{Z}]+$/u;
export const PROVIDER_NAME_RULE = "3 to 32 characters, without spaces or underscores. It can't be changed later.";

const isHttpUrl = (value: string) => URL.canParse(value) && ["http:", "https:"].includes(new URL(value).protocol);
const urlError = (value: string, required: boolean) => (!value ? (required ? "Enter a URL." : undefined) : isHttpUrl(value) ? undefined : "Enter an http:// or https:// URL.");

export function providerErrors(form: IdentityProviderForm) {
  const scopes = form.scopes.split(/\s+/).filter(Boolean);
  const endpoint = (key: EndpointKey) => (form.manualEndpoints ? urlError(form.endpoints[key].trim(), key !== "attributes_url") : undefined);
  return {
    name: !form.name ? "Enter a provider name." : form.name.length > 32 || !NAME.test(form.name) ? PROVIDER_NAME_RULE : undefined,
    clientId: form.clientId.trim() ? undefined : "Enter the client ID the provider gave your app.",
    clientSecret: form.clientSecret.trim() ? undefined : "Enter the client secret.",
    scopes: scopes.includes("openid") ? undefined : "The scopes must include openid.",
    issuer: urlError(form.issuer.trim(), true),
    authorize_url: endpoint("authorize_url"),
    token_url: endpoint("token_url"),
    attributes_url: endpoint("attributes_url"),
    jwks_uri: endpoint("jwks_uri"),
    mapping: mappingErrors(form.mapping),
  };
}

export type ProviderErrors = ReturnType<typeof providerErrors>;

/** Per-row problems, by index: a claim to read, and each attribute once; undefined when there are none. */
function mappingErrors(rows: readonly MappingRow[]): Record<number, string> | undefined {
  const errors: Record<number, string> = {};
  rows.forEach((row, i) => {
    if (!row.attribute) errors[i] = "Choose a user pool attribute.";
    else if (!row.claim.trim()) errors[i] = "Enter the OpenID Connect claim.";
    else if (rows.findIndex((r) => r.attribute === row.attribute) !== i) errors[i] = `${row.attribute} is mapped twice.`;
  });
  return Object.keys(errors).length > 0 ? errors : undefined;
}

export const hasErrors = (errors: ProviderErrors) => Object.values(errors).some(Boolean);

function providerDetails(form: IdentityProviderForm): Record<string, string> {
  const endpoints = form.manualEndpoints ? Object.entries(form.endpoints).filter(([, url]) => url.trim()) : [];
  return {
    client_id: form.clientId.trim(),
    client_secret: form.clientSecret.trim(),
    authorize_scopes: form.scopes.split(/\s+/).filter(Boolean).join(" "),
    attributes_request_method: form.method,
    oidc_issuer: form.issuer.trim(),
    ...Object.fromEntries(endpoints.map(([key, url]) => [key, url.trim()])),
  };
}

const attributeMapping = (rows: readonly MappingRow[]) => Object.fromEntries(rows.map((r) => [r.attribute, r.claim.trim()]));

export function createProviderInput(poolId: string, form: IdentityProviderForm): CreateInput {
  return { UserPoolId: poolId, ProviderName: form.name, ProviderType: "OIDC", ProviderDetails: providerDetails(form), AttributeMapping: attributeMapping(form.mapping) };
}

/** The whole of ProviderDetails and AttributeMapping (each replaces the old one); the provider's identifiers stay. */
export function updateProviderInput(provider: IdentityProvider, form: IdentityProviderForm): UpdateInput {
  const username = provider.AttributeMapping[USERNAME];
  return {
    UserPoolId: provider.UserPoolId,
    ProviderName: provider.ProviderName,
    ProviderDetails: providerDetails(form),
    AttributeMapping: { ...(username && { [USERNAME]: username }), ...attributeMapping(form.mapping) },
  };
}
