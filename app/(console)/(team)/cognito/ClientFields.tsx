import { FormField } from "../../../_components/FormField";
import { QuantityInput } from "../sqs/QuantityInput";
import { Checkbox } from "./Checkbox";
import { CheckboxGroup } from "./CheckboxGroup";
import { AUTH_FLOWS, COGNITO_PROVIDER, OAUTH_FLOWS, OAUTH_SCOPES, REFRESH_FLOW, TOKEN_SPECS, type ClientErrors, type ClientForm } from "./client-form";
import { NAME_RULE } from "./pool-settings";

interface ClientFieldsProps {
  form: ClientForm;
  onChange: (form: ClientForm) => void;
  /** Errors to show: none until the user tries to save. */
  errors: Partial<ClientErrors>;
  /** A new client can get a secret; an existing one keeps what it has. */
  creating: boolean;
  /** The pool's identity providers' names, to offer besides its own sign-in; none offered for a pool not made yet. */
  providers?: readonly string[];
}

const FLOW_OPTIONS = AUTH_FLOWS.map((f) => ({
  value: f.value,
  fixed: f.value === REFRESH_FLOW,
  label: (
    <>
      {f.label} <code>{f.value}</code>
    </>
  ),
}));

const SCOPE_OPTIONS = OAUTH_SCOPES.map((scope) => ({ value: scope, label: scope }));

/** An app client's settings: name, secret, auth flows, token lifetimes and the hosted UI's OAuth settings. */
export function ClientFields({ form, onChange, errors, creating, providers }: ClientFieldsProps) {
  const set = (change: Partial<ClientForm>) => onChange({ ...form, ...change });
  return (
    <div className="stack">
      <FormField label="App client name" constraint={NAME_RULE} error={errors.name}>
        {(control) => <input {...control} className="input" autoComplete="off" value={form.name} onChange={(e) => set({ name: e.target.value })} />}
      </FormField>
      {creating && (
        <Checkbox checked={form.generateSecret} onChange={(on) => set({ generateSecret: on })}>
          Generate a client secret (for apps with a server side that can keep it; browsers and mobile apps can&apos;t)
        </Checkbox>
      )}
      <CheckboxGroup legend="Authentication flows" options={FLOW_OPTIONS} value={form.authFlows} onChange={(authFlows) => set({ authFlows })} />
      <div className="form-grid">
        <QuantityInput spec={TOKEN_SPECS.accessToken} value={form.accessToken} onChange={(accessToken) => set({ accessToken })} error={errors.accessToken} />
        <QuantityInput spec={TOKEN_SPECS.idToken} value={form.idToken} onChange={(idToken) => set({ idToken })} error={errors.idToken} />
        <QuantityInput spec={TOKEN_SPECS.refreshToken} value={form.refreshToken} onChange={(refreshToken) => set({ refreshToken })} error={errors.refreshToken} />
      </div>
      <Checkbox checked={form.hostedUi} onChange={(on) => set({ hostedUi: on })}>Sign users in through the hosted UI (OAuth 2.0)</Checkbox>
      {form.hostedUi && (
        <>
          <UrlsField
            label="Allowed callback URLs"
            description="Where the hosted UI may send users after they sign in, one URL a line."
            value={form.callbackUrls}
            error={errors.callbackUrls}
            onChange={(callbackUrls) => set({ callbackUrls })}
          />
          <UrlsField
            label="Allowed sign-out URLs - optional"
            description="Where users may be sent after they sign out, one URL a line."
            value={form.logoutUrls}
            error={errors.logoutUrls}
            onChange={(logoutUrls) => set({ logoutUrls })}
          />
          <CheckboxGroup legend="OAuth 2.0 grant types" options={OAUTH_FLOWS} value={form.oauthFlows} onChange={(oauthFlows) => set({ oauthFlows })} error={errors.oauthFlows} />
          <CheckboxGroup legend="OpenID Connect scopes" options={SCOPE_OPTIONS} value={form.oauthScopes} onChange={(oauthScopes) => set({ oauthScopes })} error={errors.oauthScopes} />
          {providers && (
            <CheckboxGroup
              legend="Identity providers"
              description="Where the hosted UI lets users sign in: the pool's own users, and a “Sign in with” button for each provider."
              options={[{ value: COGNITO_PROVIDER, label: "Cognito user pool" }, ...providers.map((name) => ({ value: name, label: name }))]}
              value={form.identityProviders}
              onChange={(identityProviders) => set({ identityProviders })}
              error={errors.identityProviders}
            />
          )}
        </>
      )}
    </div>
  );
}

interface UrlsFieldProps {
  label: string;
  description: string;
  value: string;
  error?: string;
  onChange: (value: string) => void;
}

function UrlsField({ label, description, value, error, onChange }: UrlsFieldProps) {
  return (
    <FormField label={label} description={description} error={error}>
      {(control) => (
        <textarea {...control} className="textarea code-input" rows={3} spellCheck={false} placeholder="https://example.com/callback" value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </FormField>
  );
}
