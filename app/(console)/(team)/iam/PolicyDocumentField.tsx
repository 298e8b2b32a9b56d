"use client";

import { CodeEditor } from "../../../_components/CodeEditor";
import { FormField } from "../../../_components/FormField";
import { QueryResult, type QueryLike } from "../../../_components/QueryResult";

interface PolicyDocumentFieldProps {
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  /** The client's or IAM's complaint about the document (MalformedPolicyDocument). */
  error?: string;
}

/** A policy document's JSON editor, with IAM's verdict on it underneath. */
export function PolicyDocumentField({ label, description, value, onChange, error }: PolicyDocumentFieldProps) {
  return (
    <FormField label={label} description={description} error={error}>
      {(control) => <CodeEditor value={value} onChange={onChange} language="json" label={label} describedBy={control["aria-describedby"]} minHeight={200} maxHeight={480} />}
    </FormField>
  );
}

interface StoredDocumentFieldProps extends Omit<PolicyDocumentFieldProps, "value"> {
  /** The document the editor starts from, read from IAM. */
  stored: QueryLike<string>;
  /** The text as typed; null until the first edit. */
  typed: string | null;
}

/** The editor for a document read from IAM first: a spinner, or the error, until it is in. */
export function StoredDocumentField({ stored, typed, ...field }: StoredDocumentFieldProps) {
  if (typed !== null) return <PolicyDocumentField value={typed} {...field} />;
  return (
    <QueryResult query={stored} loadingLabel="Loading the policy document">
      {(document) => <PolicyDocumentField value={document} {...field} />}
    </QueryResult>
  );
}
