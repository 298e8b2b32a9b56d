"use client";

import { useState } from "react";

interface AttributeSave<Errors> {
  /** The form's problems by field; nothing is saved while there are any. */
  errors: Errors;
  /** The attributes the form changed, as [name, value]. */
  changes: () => [string, string][];
  /** One Set…Attributes call. */
  setAttribute: (name: string, value: string) => Promise<unknown>;
  /** Reads the attributes again. */
  refresh: () => Promise<unknown>;
  onSaved: () => void;
}

/** An edit dialog's save: one Set…Attributes call per changed attribute, as AWS takes them, then a fresh read. */
export function useAttributeSave<Errors extends Record<string, string | undefined>>({ errors, changes, setAttribute, refresh, onSaved }: AttributeSave<Errors>) {
  const [submitted, setSubmitted] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function save() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    setSaving(true);
    setError(null);
    try {
      for (const [name, value] of changes()) await setAttribute(name, value);
      await refresh();
      onSaved();
    } catch (e) {
      // Attributes saved before the failure stay saved; reading them again shows where things stand.
      void refresh();
      setError(e);
    } finally {
      setSaving(false);
    }
  }

  const shown: Partial<Errors> = submitted ? errors : {};
  return { shown, saving, error, save };
}
