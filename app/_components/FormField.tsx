import { useId, type ReactNode } from "react";

export interface ControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
}

interface FormFieldProps {
  label: string;
  /** Guidance under the label. */
  description?: ReactNode;
  /** Rules for the value (a range, a format), under the control as in the AWS console; the error replaces it. */
  constraint?: ReactNode;
  /** Field-level error, announced with the control. */
  error?: string;
  children: (control: ControlProps) => ReactNode;
}

/** Label, hint and error wired to one control by id, so every input has an accessible name. */
export function FormField({ label, description, constraint, error, children }: FormFieldProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  const constraintId = `${id}-constraint`;
  const errorId = `${id}-error`;
  const showConstraint = constraint && !error;
  const describedBy = [description && descriptionId, showConstraint && constraintId, error && errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className="form-field">
      <label htmlFor={id} className="form-label">
        {label}
      </label>
      {description && (
        <p id={descriptionId} className="form-description">
          {description}
        </p>
      )}
      {children({ id, "aria-describedby": describedBy, "aria-invalid": error ? true : undefined })}
      {showConstraint && (
        <p id={constraintId} className="form-description">
          {constraint}
        </p>
      )}
      {error && (
        <p id={errorId} className="form-error">
          {error}
        </p>
      )}
    </div>
  );
}
