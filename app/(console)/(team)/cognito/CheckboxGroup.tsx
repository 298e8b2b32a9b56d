import { useId, type ReactNode } from "react";
import "./cognito.css";

export interface CheckboxOption<Value extends string> {
  value: Value;
  label: ReactNode;
  /** Shown checked and can't be cleared (a setting Cognito always has on). */
  fixed?: boolean;
}

interface CheckboxGroupProps<Value extends string> {
  legend: string;
  description?: ReactNode;
  options: readonly CheckboxOption<Value>[];
  /** The checked values; the order of `options` is kept when one is added. */
  value: readonly Value[];
  onChange: (value: Value[]) => void;
  error?: string;
  /** Flows the options into columns: for long lists of short names. */
  columns?: boolean;
}

/** A set of choices of which any may be on, e.g. the auth flows an app client allows. */
export function CheckboxGroup<Value extends string>({ legend, description, options, value, onChange, error, columns = false }: CheckboxGroupProps<Value>) {
  const id = useId();
  const listed = options.map((o) => o.value);
  // Values the options don't list (a flow set outside the console, say) are kept as they are.
  const toggle = (option: Value, on: boolean) => onChange([...listed.filter((v) => (v === option ? on : value.includes(v))), ...value.filter((v) => !listed.includes(v))]);
  return (
    <fieldset className="form-field" aria-describedby={error ? `${id}-error` : undefined}>
      <legend className="form-label">{legend}</legend>
      {description && <p className="form-description">{description}</p>}
      <div className={columns ? "checkbox-list cognito-checkbox-columns" : "checkbox-list"}>
        {options.map((o) => (
          <label key={o.value} className="checkbox">
            <input type="checkbox" checked={o.fixed || value.includes(o.value)} disabled={o.fixed} onChange={(e) => toggle(o.value, e.target.checked)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {error && (
        <p id={`${id}-error`} className="form-error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
