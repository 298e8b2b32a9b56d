"use client";

import { useState, type FormEvent } from "react";
import { Button } from "../../../_components/Button";
import { FormField } from "../../../_components/FormField";
import type { RouterInputs } from "../../../_trpc/types";

export type AuditFilter = Omit<RouterInputs["audit"]["list"], "cursor" | "limit">;

const SOURCES = ["console", "trpc", "gateway"] as const;

interface Draft {
  action: string;
  userEmail: string;
  source: string;
  result: string;
}

const EMPTY: Draft = { action: "", userEmail: "", source: "", result: "" };

function toFilter(draft: Draft): AuditFilter {
  return {
    action: draft.action.trim() || undefined,
    userEmail: draft.userEmail.trim() || undefined,
    source: SOURCES.find((s) => s === draft.source),
    success: draft.result === "" ? undefined : draft.result === "success",
  };
}

/** Filters apply on submit (Enter or "Apply"), not on every keystroke. */
export function AuditFilters({ onApply }: { onApply: (filter: AuditFilter) => void }) {
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const set = (field: keyof Draft) => (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [field]: e.target.value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    onApply(toFilter(draft));
  }

  return (
    <form onSubmit={submit} className="form-row filters" aria-label="Filter events">
      <FormField label="Action">
        {(control) => <input {...control} className="input" placeholder="e.g. CreateAccessKey" value={draft.action} onChange={set("action")} />}
      </FormField>
      <FormField label="User">
        {(control) => <input {...control} className="input" placeholder="Email address" value={draft.userEmail} onChange={set("userEmail")} />}
      </FormField>
      <FormField label="Source">
        {(control) => (
          <select {...control} className="select" value={draft.source} onChange={set("source")}>
            <option value="">All sources</option>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField label="Result">
        {(control) => (
          <select {...control} className="select" value={draft.result} onChange={set("result")}>
            <option value="">All results</option>
            <option value="success">Succeeded</option>
            <option value="failure">Failed</option>
          </select>
        )}
      </FormField>
      <div className="form-row-action">
        <Button type="submit" variant="primary">
          Apply filters
        </Button>
        <Button
          variant="link"
          onClick={() => {
            setDraft(EMPTY);
            onApply(toFilter(EMPTY));
          }}
        >
          Clear
        </Button>
      </div>
    </form>
  );
}
