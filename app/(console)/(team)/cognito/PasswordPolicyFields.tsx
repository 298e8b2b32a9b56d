import { FormField } from "../../../_components/FormField";
import { CheckboxGroup } from "./CheckboxGroup";
import { MINIMUM_LENGTH_RULE, PASSWORD_REQUIREMENTS, VALIDITY_RULE, type passwordPolicyErrors, type PasswordPolicyForm } from "./pool-settings";

interface PasswordPolicyFieldsProps {
  form: PasswordPolicyForm;
  onChange: (form: PasswordPolicyForm) => void;
  /** Errors to show: none until the user tries to save. */
  errors: Partial<ReturnType<typeof passwordPolicyErrors>>;
}

const REQUIREMENT_OPTIONS = PASSWORD_REQUIREMENTS.map((r) => ({ value: r.key, label: r.label }));

/** A pool's password policy: length, character classes and how long temporary passwords last. */
export function PasswordPolicyFields({ form, onChange, errors }: PasswordPolicyFieldsProps) {
  const set = (change: Partial<PasswordPolicyForm>) => onChange({ ...form, ...change });
  return (
    <div className="stack">
      <div className="form-grid">
        <FormField label="Password minimum length" constraint={MINIMUM_LENGTH_RULE} error={errors.MinimumLength}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.MinimumLength} onChange={(e) => set({ MinimumLength: e.target.value.trim() })} />}
        </FormField>
        <FormField label="Temporary password expiration (days)" constraint={VALIDITY_RULE} error={errors.TemporaryPasswordValidityDays}>
          {(control) => (
            <input {...control} className="input" inputMode="numeric" value={form.TemporaryPasswordValidityDays} onChange={(e) => set({ TemporaryPasswordValidityDays: e.target.value.trim() })} />
          )}
        </FormField>
      </div>
      <CheckboxGroup
        legend="Password requirements"
        options={REQUIREMENT_OPTIONS}
        value={PASSWORD_REQUIREMENTS.filter((r) => form[r.key]).map((r) => r.key)}
        onChange={(keys) =>
          set({
            RequireNumbers: keys.includes("RequireNumbers"),
            RequireSymbols: keys.includes("RequireSymbols"),
            RequireUppercase: keys.includes("RequireUppercase"),
            RequireLowercase: keys.includes("RequireLowercase"),
          })
        }
      />
    </div>
  );
}
