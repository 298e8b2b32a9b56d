import type { ReactNode } from "react";

export interface TileOption<Value extends string> {
  value: Value;
  label: string;
  description: ReactNode;
}

interface TilesProps<Value extends string> {
  /** The group's legend, e.g. "Type". */
  legend: string;
  description?: ReactNode;
  name: string;
  value: Value;
  options: readonly TileOption<Value>[];
  onChange: (value: Value) => void;
  disabled?: boolean;
}

/** A radio group drawn as bordered tiles (the AWS console's "Tiles"), for a choice that shapes the rest of a form. */
export function Tiles<Value extends string>({ legend, description, name, value, options, onChange, disabled = false }: TilesProps<Value>) {
  return (
    <fieldset className="form-field" disabled={disabled}>
      <legend className="form-label">{legend}</legend>
      {description && <p className="form-description">{description}</p>}
      <div className="tiles">
        {options.map((option) => (
          <label key={option.value} className="tile" data-checked={option.value === value}>
            <span className="tile-header">
              <input type="radio" name={name} value={option.value} checked={option.value === value} onChange={() => onChange(option.value)} />
              <span className="tile-label">{option.label}</span>
            </span>
            <span className="tile-description">{option.description}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The same choice as a plain vertical radio group, for smaller decisions. */
export function RadioGroup<Value extends string>({ legend, description, name, value, options, onChange, disabled = false }: TilesProps<Value>) {
  return (
    <fieldset className="form-field" disabled={disabled}>
      <legend className="form-label">{legend}</legend>
      {description && <p className="form-description">{description}</p>}
      <div className="radio-group">
        {options.map((option) => (
          <label key={option.value} className="radio">
            <input type="radio" name={name} value={option.value} checked={option.value === value} onChange={() => onChange(option.value)} />
            <span>
              <span className="radio-label">{option.label}</span>
              {option.description && <span className="radio-description">{option.description}</span>}
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
