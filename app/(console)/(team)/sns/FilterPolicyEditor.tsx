"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { Button } from "../../../_components/Button";
import { CodeEditor } from "../../../_components/CodeEditor";
import { FormField } from "../../../_components/FormField";
import { useTRPC } from "../../../_trpc/client";
import "./sns.css";

export type FilterPolicyScope = "MessageAttributes" | "MessageBody";

export interface FilterPolicyValue {
  enabled: boolean;
  scope: FilterPolicyScope;
  policy: string;
}

export type FilterPolicyCheck = { state: "idle" | "checking" | "valid" } | { state: "invalid"; reason: string };

const EXAMPLES: Record<FilterPolicyScope, string> = {
  MessageAttributes: JSON.stringify({ store: ["example_corp"], event: [{ "anything-but": "order_cancelled" }], price_usd: [{ numeric: [">=", 100] }] }, null, 2),
  MessageBody: JSON.stringify({ order: { status: ["placed", "shipped"] }, total: [{ numeric: [">", 0] }] }, null, 2),
};

const CHECK_DELAY_MS = 400;

/**
 * The policy checked as it is typed, by the same parser the server runs on Subscribe (AWS's rules and
 * messages), a moment after typing stops.
 */
export function useFilterPolicyCheck(value: FilterPolicyValue): FilterPolicyCheck {
  const trpc = useTRPC();
  const [debounced, setDebounced] = useState({ policy: value.policy, scope: value.scope });
  useEffect(() => {
    const timer = setTimeout(() => setDebounced({ policy: value.policy, scope: value.scope }), CHECK_DELAY_MS);
    return () => clearTimeout(timer);
  }, [value.policy, value.scope]);
  const active = value.enabled && debounced.policy.trim() !== "";
  const check = useQuery(trpc.sns.checkFilterPolicy.queryOptions(debounced, { enabled: active, placeholderData: keepPreviousData, staleTime: Infinity }));
  if (!value.enabled) return { state: "idle" };
  if (!value.policy.trim()) return { state: "invalid", reason: "Enter a filter policy, or turn the filter policy off." };
  const settled = debounced.policy === value.policy && debounced.scope === value.scope && !check.isPlaceholderData;
  if (!settled || !check.data) return { state: "checking" };
  return check.data.valid ? { state: "valid" } : { state: "invalid", reason: check.data.reason };
}

interface FilterPolicyEditorProps {
  value: FilterPolicyValue;
  onChange: (value: FilterPolicyValue) => void;
  check: FilterPolicyCheck;
}

/** The subscription filter policy: on or off, its scope, and the JSON policy with live validation. */
export function FilterPolicyEditor({ value, onChange, check }: FilterPolicyEditorProps) {
  const set = (change: Partial<FilterPolicyValue>) => onChange({ ...value, ...change });
  return (
    <div className="stack">
      <label className="checkbox">
        <input type="checkbox" checked={value.enabled} onChange={(e) => set({ enabled: e.target.checked })} />
        <span>
          <span className="radio-label">Enable subscription filter policy</span>
          <span className="radio-description">Deliver only the messages the policy matches. Without one, the subscription receives every message.</span>
        </span>
      </label>
      {value.enabled && (
        <>
          <div className="form-grid">
            <FormField label="Filter policy scope" description="What the policy matches: the message attributes, or the keys of a JSON message body.">
              {(control) => (
                <select {...control} className="select" value={value.scope} onChange={(e) => set({ scope: e.target.value as FilterPolicyScope })}>
                  <option value="MessageAttributes">Message attributes</option>
                  <option value="MessageBody">Message body</option>
                </select>
              )}
            </FormField>
          </div>
          <FormField
            label="Filter policy (JSON)"
            description='Keys and the values to match, e.g. {"event": ["order_placed"]}; prefix, suffix, anything-but, numeric, exists and more.'
            error={check.state === "invalid" ? check.reason : undefined}
          >
            {(control) => (
              <div className="stack">
                <CodeEditor
                  value={value.policy}
                  onChange={(policy) => set({ policy })}
                  language="json"
                  label="Filter policy (JSON)"
                  describedBy={control["aria-describedby"]}
                  minHeight={120}
                  maxHeight={360}
                />
                <p className={`sns-check${check.state === "valid" ? " sns-check-ok" : " text-secondary"}`} role="status">
                  {check.state === "checking" ? "Checking the filter policy…" : check.state === "valid" ? "The filter policy is valid." : ""}
                </p>
              </div>
            )}
          </FormField>
          <div className="button-row">
            <Button onClick={() => set({ policy: EXAMPLES[value.scope] })}>Insert example</Button>
          </div>
        </>
      )}
    </div>
  );
}
