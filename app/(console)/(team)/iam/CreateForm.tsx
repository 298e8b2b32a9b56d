"use client";

import type { FormEvent, ReactNode } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import { Button, ButtonLink } from "../../../_components/Button";
import { FormField } from "../../../_components/FormField";
import { useCurrentTeam } from "../../../_console/TeamGate";

interface CreateFormProps {
  /** What the form creates: "role". */
  resource: string;
  cancelHref: string;
  pending: boolean;
  /** The form's own checks failed on submit: the fields say why. */
  invalid: boolean;
  /** The server's message that no field took. */
  serverError?: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}

/** A create page's form: its sections, what went wrong, Cancel and Create; viewers see it disabled. */
export function CreateForm({ resource, cancelHref, pending, invalid, serverError, onSubmit, children }: CreateFormProps) {
  const canChange = roleAtLeast(useCurrentTeam().role, "developer");
  return (
    <div className="stack-lg">
      {!canChange && <Alert type="info">Viewers cannot create a {resource}. Ask an owner or admin for the developer role.</Alert>}
      <form onSubmit={onSubmit} className="form" noValidate aria-label={`Create ${resource}`}>
        <fieldset disabled={!canChange} className="stack-lg">
          {children}
        </fieldset>
        {invalid && <Alert type="error">Some fields need attention. Check the messages under them.</Alert>}
        {serverError && <Alert type="error" title={`Couldn't create the ${resource}`}>{serverError}</Alert>}
        <div className="form-actions">
          <ButtonLink href={cancelHref} variant="link">
            Cancel
          </ButtonLink>
          <Button type="submit" variant="primary" loading={pending} disabled={!canChange}>
            Create {resource}
          </Button>
        </div>
      </form>
    </div>
  );
}

interface TextFieldProps {
  value: string;
  onChange: (value: string) => void;
  error?: string;
  placeholder?: string;
}

/** An IAM name (role, user, policy), with IAM's rule for it; spaces are never part of one. */
export function NameField({ label, max, value, onChange, error, placeholder }: TextFieldProps & { label: string; max: number }) {
  return (
    <FormField label={label} description={`Up to ${max} characters: letters, digits and + = , . @ _ -`} error={error}>
      {(control) => (
        <input {...control} className="input" value={value} autoComplete="off" spellCheck={false} placeholder={placeholder} onChange={(e) => onChange(e.target.value.trim())} />
      )}
    </FormField>
  );
}

export function DescriptionField({ value, onChange, error, placeholder }: TextFieldProps) {
  return (
    <FormField label="Description - optional" description="Up to 1,000 characters." error={error}>
      {(control) => <input {...control} className="input" value={value} autoComplete="off" placeholder={placeholder} onChange={(e) => onChange(e.target.value)} />}
    </FormField>
  );
}

/** An IAM path, which groups entities in their ARNs. */
export function PathField({ example, value, onChange, error }: TextFieldProps & { example: string }) {
  return (
    <FormField label="Path" description={`Groups related entities in the ARN, e.g. ${example}.`} error={error}>
      {(control) => <input {...control} className="input code-input" value={value} autoComplete="off" spellCheck={false} onChange={(e) => onChange(e.target.value.trim())} />}
    </FormField>
  );
}
