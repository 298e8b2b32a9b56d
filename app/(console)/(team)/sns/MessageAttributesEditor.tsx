"use client";

import { useId } from "react";
import { Button } from "../../../_components/Button";
import { FormField } from "../../../_components/FormField";
import { ATTRIBUTE_TYPES, MAX_ATTRIBUTES, type AttributeRow, type AttributeType } from "./message-attributes";

interface MessageAttributesEditorProps {
  rows: AttributeRow[];
  onChange: (rows: AttributeRow[]) => void;
  /** Problems by row, shown once the user tried to publish. */
  errors: Record<number, string>;
}

/** Name, type and value rows, like the AWS console's message attributes. */
export function MessageAttributesEditor({ rows, onChange, errors }: MessageAttributesEditorProps) {
  const baseId = useId();
  const update = (index: number, change: Partial<AttributeRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <fieldset className="form-field" aria-describedby={`${baseId}-hint`}>
      <legend className="form-label">Message attributes</legend>
      <p id={`${baseId}-hint`} className="form-description">
        Structured metadata subscription filter policies can match: up to {MAX_ATTRIBUTES} attributes. String.Array values are JSON arrays; binary values
        are entered as base64.
      </p>
      {rows.map((row, i) => {
        const error = errors[i];
        const errorId = `${baseId}-error-${i}`;
        const invalid = error ? true : undefined;
        return (
          <div key={i} className="attribute-row">
            <FormField label={`Attribute ${i + 1} name`}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  value={row.name}
                  autoComplete="off"
                  aria-invalid={invalid}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(e) => update(i, { name: e.target.value })}
                />
              )}
            </FormField>
            <FormField label={`Attribute ${i + 1} type`}>
              {(control) => (
                <select {...control} className="select" value={row.type} onChange={(e) => update(i, { type: e.target.value as AttributeType })}>
                  {ATTRIBUTE_TYPES.map((type) => (
                    <option key={type} value={type}>
                      {type}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
            <FormField label={`Attribute ${i + 1} value`}>
              {(control) => (
                <input
                  {...control}
                  className="input"
                  value={row.value}
                  autoComplete="off"
                  aria-invalid={invalid}
                  aria-describedby={error ? errorId : undefined}
                  onChange={(e) => update(i, { value: e.target.value })}
                />
              )}
            </FormField>
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
        <Button disabled={rows.length >= MAX_ATTRIBUTES} onClick={() => onChange([...rows, { name: "", type: "String", value: "" }])}>
          Add attribute
        </Button>
      </div>
    </fieldset>
  );
}
