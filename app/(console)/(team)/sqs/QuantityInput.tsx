import { FormField } from "../../../_components/FormField";
import { describe, type Quantity, type QuantitySpec } from "./quantity";

interface QuantityInputProps {
  spec: QuantitySpec;
  value: Quantity;
  onChange: (value: Quantity) => void;
  description?: string;
  error?: string;
  disabled?: boolean;
}

/** A whole number with its unit (seconds, minutes…; bytes, KB), with AWS's range under the label. */
export function QuantityInput({ spec, value, onChange, description, error, disabled }: QuantityInputProps) {
  const range = `Between ${describe(spec.min, spec.units)} and ${describe(spec.max, spec.units)}.`;
  return (
    <FormField label={spec.label} description={description} constraint={range} error={error}>
      {(control) => (
        <div className="quantity">
          <input
            {...control}
            className="input"
            inputMode="numeric"
            value={value.value}
            disabled={disabled}
            onChange={(e) => onChange({ ...value, value: e.target.value })}
          />
          {spec.units.length > 1 ? (
            <select
              className="select"
              aria-label={`${spec.label} unit`}
              value={value.unit}
              disabled={disabled}
              onChange={(e) => onChange({ ...value, unit: e.target.value })}
            >
              {spec.units.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.names[1]}
                </option>
              ))}
            </select>
          ) : (
            <span className="quantity-unit">{spec.units[0]?.names[1]}</span>
          )}
        </div>
      )}
    </FormField>
  );
}
