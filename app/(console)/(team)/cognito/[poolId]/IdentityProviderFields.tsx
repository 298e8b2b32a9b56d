import { useId } from "react";
import { Button } from "../../../../_components/Button";
import { FormField } from "../../../../_components/FormField";
import { RadioGroup } from "../../../../_components/Tiles";
import { Checkbox } from "../Checkbox";
import { ATTRIBUTES_METHODS, ENDPOINTS, PROVIDER_NAME_RULE, type IdentityProviderForm, type MappingRow, type ProviderErrors } from "../identity-provider-form";

interface IdentityProviderFieldsProps {
  form: IdentityProviderForm;
  onChange: (form: IdentityProviderForm) => void;
  /** Errors to show: none until the user tries to save. */
  errors: Partial<ProviderErrors>;
  /** The pool attributes a claim can fill. */
  attributes: readonly string[];
  /** A new provider is named; an existing one keeps its name. */
  creating: boolean;
}

/** An OpenID Connect provider's settings, as the AWS console's "Add identity provider" page lays them out. */
export function IdentityProviderFields({ form, onChange, errors, attributes, creating }: IdentityProviderFieldsProps) {
  const methodName = useId();
  const set = (change: Partial<IdentityProviderForm>) => onChange({ ...form, ...change });
  const text = (label: string, key: "clientId" | "clientSecret" | "scopes" | "issuer", description?: string, placeholder?: string) => (
    <FormField label={label} description={description} error={errors[key]}>
      {(control) => (
        <input {...control} className="input" autoComplete="off" spellCheck={false} placeholder={placeholder} value={form[key]} onChange={(e) => set({ [key]: e.target.value })} />
      )}
    </FormField>
  );
  return (
    <div className="stack">
      <FormField label="Provider name" constraint={PROVIDER_NAME_RULE} error={errors.name} description="Apps name it in identity_provider, and the hosted UI's button says “Sign in with” it.">
        {(control) => <input {...control} className="input" autoComplete="off" disabled={!creating} value={form.name} onChange={(e) => set({ name: e.target.value.trim() })} />}
      </FormField>
      {text("Client ID", "clientId", "The ID of the app client the provider registered for this user pool.")}
      {text("Client secret", "clientSecret", "The secret of that app client.")}
      {text("Authorized scopes", "scopes", "The scopes Cognito asks the provider for, separated by spaces; openid is required.", "openid email profile")}
      <RadioGroup legend="Attribute request method" name={methodName} value={form.method} options={ATTRIBUTES_METHODS} onChange={(method) => set({ method })} />
      {text("Issuer URL", "issuer", "Cognito reads the provider's endpoints from {issuer}/.well-known/openid-configuration.", "https://idp.example.com")}
      <Checkbox checked={form.manualEndpoints} onChange={(manualEndpoints) => set({ manualEndpoints })}>
        Enter the endpoints yourself instead of discovering them from the issuer
      </Checkbox>
      {form.manualEndpoints &&
        ENDPOINTS.map(({ key, label }) => (
          <FormField key={key} label={label} error={errors[key]}>
            {(control) => (
              <input
                {...control}
                className="input code-input"
                autoComplete="off"
                spellCheck={false}
                value={form.endpoints[key]}
                onChange={(e) => set({ endpoints: { ...form.endpoints, [key]: e.target.value } })}
              />
            )}
          </FormField>
        ))}
      <AttributeMapping rows={form.mapping} attributes={attributes} errors={errors.mapping} onChange={(mapping) => set({ mapping })} />
    </div>
  );
}

interface AttributeMappingProps {
  rows: MappingRow[];
  attributes: readonly string[];
  errors?: Record<number, string>;
  onChange: (rows: MappingRow[]) => void;
}

/** Rows of user pool attribute ← OpenID Connect claim; the username always comes from `sub`. */
function AttributeMapping({ rows, attributes, errors, onChange }: AttributeMappingProps) {
  const baseId = useId();
  const update = (index: number, change: Partial<MappingRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <fieldset className="form-field">
      <legend className="form-label">Attribute mapping</legend>
      <p className="form-description">
        Which claim of the provider&apos;s ID token or userInfo fills each user pool attribute when a user signs in. The user name is the provider&apos;s <code>sub</code>.
      </p>
      {/* The tag editor's rows: two values and a remove button. */}
      <div className="tag-editor">
        {rows.length > 0 && (
          <div className="tag-editor-head" aria-hidden="true">
            <span>User pool attribute</span>
            <span>OpenID Connect attribute</span>
          </div>
        )}
        {rows.map((row, i) => {
          const error = errors?.[i];
          const errorId = error ? `${baseId}-error-${i}` : undefined;
          return (
            <div key={i} className="tag-editor-row">
              <select
                className="select"
                aria-label={`User pool attribute ${i + 1}`}
                aria-describedby={errorId}
                value={row.attribute}
                onChange={(e) => update(i, { attribute: e.target.value })}
              >
                <option value="">Choose an attribute</option>
                {/* An attribute mapped outside the console that the list doesn't hold stays shown. */}
                {row.attribute && !attributes.includes(row.attribute) && <option value={row.attribute}>{row.attribute}</option>}
                {attributes.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
              <input
                className="input"
                aria-label={`OpenID Connect attribute ${i + 1}`}
                aria-invalid={error ? true : undefined}
                aria-describedby={errorId}
                autoComplete="off"
                spellCheck={false}
                value={row.claim}
                onChange={(e) => update(i, { claim: e.target.value })}
              />
              <Button aria-label={`Remove mapping ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                Remove
              </Button>
              {error && (
                <p id={errorId} className="form-error tag-editor-error">
                  {error}
                </p>
              )}
            </div>
          );
        })}
        <div>
          <Button onClick={() => onChange([...rows, { attribute: "", claim: "" }])}>Add another attribute</Button>
        </div>
      </div>
    </fieldset>
  );
}
