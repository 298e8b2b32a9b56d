"use client";

import { useId } from "react";
import { MAX_ATTRIBUTES, type AttributeRow } from "../_lib/message-attributes";
import { Button } from "./Button";
import { ChoiceSelect } from "./ChoiceSelect";
import { FormField } from "./FormField";

interface MessageAttributesEditorProps<Type extends string> {
  /** The service's attribute types; a new row takes the first. */
  types: readonly [Type, ...Type[]];
  rows: AttributeRow<Type>[];
  onChange: (rows: AttributeRow<Type>[]) => void;
  /** Problems by row, shown once the user tried to send. */
  errors: Record<number, string>;
  /** What the attributes are for and how to enter their values. */
  description: string;
}

interface RowInputProps {
  label: string;
  value: string;
  /** The id of the row's error message, which marks the input invalid; undefined while the row is fine. */
  errorId: string | undefined;
  onChange: (value: string) => void;
}

/** A row's name or value: the row's one error message is about either, so both point to it. */
function RowInput({ label, value, errorId, onChange }: RowInputProps) {
  return (
    <FormField label={label}>
      {(control) => (
        <input
          {...control}
          className="input"
          value={value}
          autoComplete="off"
          aria-invalid={errorId ? true : undefined}
          aria-describedby={errorId}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </FormField>
  );
}

/** Name, type and value rows, like the AWS console's message attributes. */
export function MessageAttributesEditor<Type extends string>({ types, rows, onChange, errors, description }: MessageAttributesEditorProps<Type>) {
  const baseId = useId();
  const typeChoices = types.map((type) => ({ value: type, label: type }));
  const update = (index: number, change: Partial<AttributeRow<Type>>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <fieldset className="form-field" aria-describedby={`${baseId}-hint`}>
      <legend className="form-label">Message attributes</legend>
      <p id={`${baseId}-hint`} className="form-description">
        {description}
      </p>
      {rows.map((row, i) => {
        const error = errors[i];
        const errorId = error ? `${baseId}-error-${i}` : undefined;
        return (
          <div key={i} className="attribute-row">
            <RowInput label={`Attribute ${i + 1} name`} value={row.name} errorId={errorId} onChange={(name) => update(i, { name })} />
            <ChoiceSelect label={`Attribute ${i + 1} type`} choices={typeChoices} value={row.type} onChange={(type) => update(i, { type })} />
            <RowInput label={`Attribute ${i + 1} value`} value={row.value} errorId={errorId} onChange={(value) => update(i, { value })} />
            <div className="form-row-action">
              <Button aria-label={`Remove attribute ${i + 1}`} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                Remove
              </Button>
            </div>
            {error && (
              <p id={errorId} className="form-error attribute-row-error">
                {error}
              </p>
            )}
          </div>
        );
      })}
      <div>
        <Button disabled={rows.length >= MAX_ATTRIBUTES} onClick={() => onChange([...rows, { name: "", type: types[0], value: "" }])}>
          Add attribute
        </Button>
      </div>
    </fieldset>
  );
}
