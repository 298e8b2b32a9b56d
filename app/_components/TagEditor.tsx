"use client";

import { useId } from "react";
import { Button } from "./Button";

export interface TagRow {
  key: string;
  value: string;
}

interface TagLimits {
  /** Most tags a resource may have (SQS: 50). */
  max: number;
  keyLength: number;
  valueLength: number;
}

const DEFAULT_LIMITS: TagLimits = { max: 50, keyLength: 128, valueLength: 256 };

/** Per-row problems (by index) and one for the whole list; empty when the tags are fine. */
export function validateTags(rows: readonly TagRow[], limits: TagLimits = DEFAULT_LIMITS): { rows: Record<number, string>; list?: string } {
  const errors: Record<number, string> = {};
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const key = row.key.trim();
    if (!key) errors[i] = "Enter a key.";
    else if (key.length > limits.keyLength) errors[i] = `Keys can be at most ${limits.keyLength} characters.`;
    else if (row.value.length > limits.valueLength) errors[i] = `Values can be at most ${limits.valueLength} characters.`;
    else if (seen.has(key)) errors[i] = `The key "${key}" is used twice.`;
    seen.add(key);
  });
  return { rows: errors, list: rows.length > limits.max ? `You can add up to ${limits.max} tags.` : undefined };
}

export function tagsToRecord(rows: readonly TagRow[]): Record<string, string> {
  return Object.fromEntries(rows.map((r) => [r.key.trim(), r.value]));
}

export function recordToTags(tags: Readonly<Record<string, string>>): TagRow[] {
  return Object.entries(tags).map(([key, value]) => ({ key, value }));
}

interface TagEditorProps {
  rows: TagRow[];
  onChange: (rows: TagRow[]) => void;
  /** Errors from validateTags, shown once the user tries to save. */
  errors?: ReturnType<typeof validateTags>;
  max?: number;
  disabled?: boolean;
}

/** Key/value rows with add and remove, like the AWS console's tag editor. */
export function TagEditor({ rows, onChange, errors, max = DEFAULT_LIMITS.max, disabled = false }: TagEditorProps) {
  const baseId = useId();
  const update = (index: number, change: Partial<TagRow>) => onChange(rows.map((r, i) => (i === index ? { ...r, ...change } : r)));
  return (
    <div className="tag-editor">
      {rows.length === 0 && <p className="form-description">No tags associated with the resource.</p>}
      {rows.length > 0 && (
        <div className="tag-editor-head" aria-hidden="true">
          <span>Key</span>
          <span>Value - optional</span>
        </div>
      )}
      {rows.map((row, i) => {
        const error = errors?.rows[i];
        const errorId = error ? `${baseId}-error-${i}` : undefined;
        return (
          <div key={i} className="tag-editor-row">
            <input
              className="input"
              aria-label={`Tag ${i + 1} key`}
              aria-invalid={error ? true : undefined}
              aria-describedby={errorId}
              value={row.key}
              disabled={disabled}
              onChange={(e) => update(i, { key: e.target.value })}
            />
            <input
              className="input"
              aria-label={`Tag ${i + 1} value`}
              value={row.value}
              disabled={disabled}
              onChange={(e) => update(i, { value: e.target.value })}
            />
            <Button aria-label={`Remove tag ${i + 1}`} disabled={disabled} onClick={() => onChange(rows.filter((_, j) => j !== i))}>
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
        <Button disabled={disabled || rows.length >= max} onClick={() => onChange([...rows, { key: "", value: "" }])}>
          Add new tag
        </Button>
        <p className="form-description">You can add {Math.max(0, max - rows.length)} more tags.</p>
      </div>
      {errors?.list && <p className="form-error">{errors.list}</p>}
    </div>
  );
}
