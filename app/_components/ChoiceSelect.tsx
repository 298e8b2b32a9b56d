import type { ReactNode } from "react";
import { FormField } from "./FormField";

interface Choice<Value extends string> {
  value: Value;
  label: string;
}

interface ChoiceSelectProps<Value extends string> {
  label: string;
  description?: ReactNode;
  choices: readonly Choice<Value>[];
  /** The current value; a string the choices don't hold selects nothing. */
  value: string;
  onChange: (value: Value) => void;
}

/** A labelled select of fixed choices, which hands back the chosen value with its type. */
export function ChoiceSelect<Value extends string>({ label, description, choices, value, onChange }: ChoiceSelectProps<Value>) {
  return (
    <FormField label={label} description={description}>
      {(control) => (
        <select
          {...control}
          className="select"
          value={value}
          onChange={(e) => {
            const choice = choices.find((c) => c.value === e.target.value);
            if (choice) onChange(choice.value);
          }}
        >
          {choices.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
