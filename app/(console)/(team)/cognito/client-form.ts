/**
 * App clients as the console creates and edits them: the form's state, its checks, and
 * CreateUserPoolClient's / UpdateUserPoolClient's members for it.
 */
import type { RouterInputs } from "../../../_trpc/types";
import { DAYS, HOURS, MINUTES, parseQuantity, SECONDS, toQuantity, type Quantity, type QuantitySpec } from "../sqs/quantity";
import { nameError } from "./pool-settings";
import type { AppClient } from "./use-pool";

type CreateClientInput = RouterInputs["cognito"]["createUserPoolClient"];
type UpdateClientInput = RouterInputs["cognito"]["updateUserPoolClient"];
type ClientSettingsInput = Omit<CreateClientInput, "UserPoolId" | "ClientName" | "GenerateSecret">;
export type AuthFlow = NonNullable<AppClient["ExplicitAuthFlows"]>[number];
type OAuthFlow = NonNullable<AppClient["AllowedOAuthFlows"]>[number];
type TokenUnit = AppClient["TokenValidityUnits"]["AccessToken"];

/** Every client can refresh its tokens: the AWS console keeps this flow on. */
export const REFRESH_FLOW = "ALLOW_REFRESH_TOKEN_AUTH";

export const AUTH_FLOWS: readonly { value: AuthFlow; label: string }[] = [
  { value: "ALLOW_USER_SRP_AUTH", label: "Sign in with secure remote password (SRP)" },
  { value: "ALLOW_USER_PASSWORD_AUTH", label: "Sign in with username and password" },
  { value: "ALLOW_ADMIN_USER_PASSWORD_AUTH", label: "Sign in with server-side administrative credentials" },
  { value: REFRESH_FLOW, label: "Get new user tokens from existing authenticated sessions" },
];

/** Cognito's flows for a client created without ExplicitAuthFlows. */
const DEFAULT_AUTH_FLOWS: AuthFlow[] = ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_SRP_AUTH", "ALLOW_CUSTOM_AUTH"];

export const OAUTH_FLOWS: readonly { value: OAuthFlow; label: string }[] = [
  { value: "code", label: "Authorization code grant" },
  { value: "implicit", label: "Implicit grant" },
];

export const OAUTH_SCOPES: readonly string[] = ["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"];

/** What SupportedIdentityProviders calls the pool's own sign-in, beside its external identity providers' names. */
export const COGNITO_PROVIDER = "COGNITO";

/** The AWS console's limits on token lifetimes. */
export const TOKEN_SPECS = {
  accessToken: { label: "Access token expiration", units: [MINUTES, HOURS, DAYS], min: 300, max: 86_400 },
  idToken: { label: "ID token expiration", units: [MINUTES, HOURS, DAYS], min: 300, max: 86_400 },
  refreshToken: { label: "Refresh token expiration", units: [MINUTES, HOURS, DAYS], min: 3_600, max: 315_360_000 },
} satisfies Record<string, QuantitySpec>;

type TokenField = keyof typeof TOKEN_SPECS;

export interface ClientForm extends Record<TokenField, Quantity> {
  name: string;
  generateSecret: boolean;
  authFlows: AuthFlow[];
  /** Whether the client signs users in through the hosted UI (AllowedOAuthFlowsUserPoolClient). */
  hostedUi: boolean;
  /** One URL a line. */
  callbackUrls: string;
  logoutUrls: string;
  oauthFlows: OAuthFlow[];
  oauthScopes: string[];
  /** SupportedIdentityProviders: COGNITO and the names of the pool's identity providers. */
  identityProviders: string[];
}

export const NEW_CLIENT_FORM: ClientForm = {
  name: "",
  generateSecret: false,
  authFlows: ["ALLOW_USER_SRP_AUTH", REFRESH_FLOW],
  accessToken: toQuantity(3_600, TOKEN_SPECS.accessToken),
  idToken: toQuantity(3_600, TOKEN_SPECS.idToken),
  refreshToken: toQuantity(2_592_000, TOKEN_SPECS.refreshToken),
  hostedUi: false,
  callbackUrls: "",
  logoutUrls: "",
  oauthFlows: ["code"],
  oauthScopes: ["openid", "email"],
  identityProviders: [COGNITO_PROVIDER],
};

const UNITS = [SECONDS, MINUTES, HOURS, DAYS];

/** A token lifetime as the client stores it (a number in its unit), as the form edits it. */
function tokenQuantity(validity: number, unit: TokenUnit, field: TokenField): Quantity {
  const factor = UNITS.find((u) => u.id === unit)?.factor ?? 1;
  return toQuantity(validity * factor, TOKEN_SPECS[field]);
}

export function clientForm(client: AppClient): ClientForm {
  const units = client.TokenValidityUnits;
  return {
    name: client.ClientName,
    generateSecret: client.ClientSecret !== undefined,
    authFlows: client.ExplicitAuthFlows ?? DEFAULT_AUTH_FLOWS,
    accessToken: tokenQuantity(client.AccessTokenValidity, units.AccessToken, "accessToken"),
    idToken: tokenQuantity(client.IdTokenValidity, units.IdToken, "idToken"),
    refreshToken: tokenQuantity(client.RefreshTokenValidity, units.RefreshToken, "refreshToken"),
    hostedUi: client.AllowedOAuthFlowsUserPoolClient ?? false,
    callbackUrls: (client.CallbackURLs ?? []).join("\n"),
    logoutUrls: (client.LogoutURLs ?? []).join("\n"),
    oauthFlows: client.AllowedOAuthFlows ?? [],
    oauthScopes: client.AllowedOAuthScopes ?? [],
    // A client that never named providers signs users in with the pool's own sign-in; an emptied list
    // (its last provider deleted) offers none.
    identityProviders: client.SupportedIdentityProviders ?? [COGNITO_PROVIDER],
  };
}

const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** Cognito takes HTTPS URLs, plain HTTP for localhost only, and app schemes (myapp://). */
function urlsError(text: string, required: boolean): string | undefined {
  const urls = lines(text);
  if (required && urls.length === 0) return "Enter at least one URL.";
  for (const url of urls) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return `${url} is not a URL.`;
    }
    if (parsed.protocol === "http:" && parsed.hostname !== "localhost") return `${url}: use HTTPS; plain HTTP is allowed for localhost only.`;
  }
  return undefined;
}

function quantityError(form: ClientForm, field: TokenField): string | undefined {
  const parsed = parseQuantity(form[field], TOKEN_SPECS[field]);
  return "error" in parsed ? parsed.error : undefined;
}

export function clientErrors(form: ClientForm) {
  return {
    name: nameError(form.name),
    accessToken: quantityError(form, "accessToken"),
    idToken: quantityError(form, "idToken"),
    refreshToken: quantityError(form, "refreshToken"),
    callbackUrls: urlsError(form.callbackUrls, form.hostedUi),
    logoutUrls: urlsError(form.logoutUrls, false),
    oauthFlows: form.hostedUi && form.oauthFlows.length === 0 ? "Choose at least one grant type." : undefined,
    oauthScopes: form.hostedUi && form.oauthScopes.length === 0 ? "Choose at least one scope." : undefined,
    identityProviders: form.hostedUi && form.identityProviders.length === 0 ? "Choose at least one identity provider." : undefined,
  };
}

export type ClientErrors = ReturnType<typeof clientErrors>;

const tokenUnit = (quantity: Quantity): TokenUnit => (["seconds", "minutes", "hours", "days"] as const).find((u) => u === quantity.unit) ?? "minutes";

/** The settings the form holds, as both CreateUserPoolClient and UpdateUserPoolClient take them. */
export function clientSettingsInput(form: ClientForm): ClientSettingsInput {
  const callbacks = lines(form.callbackUrls);
  const logouts = lines(form.logoutUrls);
  return {
    ExplicitAuthFlows: form.authFlows.includes(REFRESH_FLOW) ? form.authFlows : [...form.authFlows, REFRESH_FLOW],
    AccessTokenValidity: Number(form.accessToken.value),
    IdTokenValidity: Number(form.idToken.value),
    RefreshTokenValidity: Number(form.refreshToken.value),
    TokenValidityUnits: { AccessToken: tokenUnit(form.accessToken), IdToken: tokenUnit(form.idToken), RefreshToken: tokenUnit(form.refreshToken) },
    ...(callbacks.length > 0 && { CallbackURLs: callbacks }),
    ...(logouts.length > 0 && { LogoutURLs: logouts }),
    AllowedOAuthFlowsUserPoolClient: form.hostedUi,
    ...(form.hostedUi && { AllowedOAuthFlows: form.oauthFlows, AllowedOAuthScopes: form.oauthScopes, SupportedIdentityProviders: form.identityProviders }),
  };
}

export function createClientInput(poolId: string, form: ClientForm): CreateClientInput {
  return { UserPoolId: poolId, ClientName: form.name.trim(), GenerateSecret: form.generateSecret, ...clientSettingsInput(form) };
}

/**
 * UpdateUserPoolClient resets what it isn't given to its default, so an edit sends the settings the
 * form doesn't show as the client has them.
 */
export function updateClientInput(client: AppClient, form: ClientForm): UpdateClientInput {
  const settings = clientSettingsInput(form);
  const redirect = client.DefaultRedirectURI;
  return {
    UserPoolId: client.UserPoolId,
    ClientId: client.ClientId,
    ClientName: form.name.trim(),
    ReadAttributes: client.ReadAttributes,
    WriteAttributes: client.WriteAttributes,
    SupportedIdentityProviders: client.SupportedIdentityProviders,
    PreventUserExistenceErrors: client.PreventUserExistenceErrors,
    EnableTokenRevocation: client.EnableTokenRevocation,
    AuthSessionValidity: client.AuthSessionValidity,
    ...(redirect && settings.CallbackURLs?.includes(redirect) && { DefaultRedirectURI: redirect }),
    ...settings,
  };
}

/** Where the hosted UI sends users back to, or undefined when the client doesn't use it. */
export function hostedUiRedirect(client: AppClient): string | undefined {
  if (!client.AllowedOAuthFlowsUserPoolClient || !client.CallbackURLs?.length) return undefined;
  return client.DefaultRedirectURI ?? client.CallbackURLs[0];
}

/** A token lifetime as the client stores it: "60 minutes", "1 day". */
export const lifetimeLabel = (validity: number, unit: TokenUnit) => `${validity} ${validity === 1 ? unit.slice(0, -1) : unit}`;
