"use client";

import { useState } from "react";
import { ChoiceSelect } from "../../../../../_components/ChoiceSelect";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { CACHE_CLUSTER_SIZES, LOGGING_LEVELS, type StageSettingsForm, stageSettingsErrors, stageSettingsForm, stageSettingsPatch } from "../../stage-settings";
import type { RestApi, Stage } from "../../use-api";
import { useUpdateStage } from "./StageDetails";

const CACHE_SIZES = CACHE_CLUSTER_SIZES.map((size) => ({ value: size, label: `${size} GB` }));

/** The AWS console's Edit stage: description, cache, throttling, logs and tracing, saved as one UpdateStage of what changed. */
export function StageSettingsModal({ api, stage, onClose }: { api: RestApi; stage: Stage; onClose: () => void }) {
  const update = useUpdateStage(onClose);
  const [form, setForm] = useState(() => stageSettingsForm(stage));
  const [submitted, setSubmitted] = useState(false);
  const set = <K extends keyof StageSettingsForm>(key: K, value: StageSettingsForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const errors = stageSettingsErrors(form);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const checkbox = (key: "cacheClusterEnabled" | "cachingEnabled" | "dataTraceEnabled" | "metricsEnabled" | "tracingEnabled", label: string) => (
    <label className="checkbox">
      <input type="checkbox" checked={form[key]} onChange={(e) => set(key, e.target.checked)} />
      <span>{label}</span>
    </label>
  );

  function submit() {
    setSubmitted(true);
    if (Object.values(errors).some(Boolean)) return;
    const patchOperations = stageSettingsPatch(stage, form);
    if (patchOperations.length === 0) onClose();
    else update.mutate({ restApiId: api.id, stageName: stage.stageName, patchOperations });
  }

  return (
    <FormModal title={`Edit stage ${stage.stageName}`} pending={update.isPending} error={update.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <FormField label="Stage description - optional">
          {(control) => <input {...control} className="input" value={form.description} onChange={(e) => set("description", e.target.value)} />}
        </FormField>

        <h3 className="subheading">Cache settings</h3>
        {checkbox("cacheClusterEnabled", "Provision API cache")}
        {form.cacheClusterEnabled && <ChoiceSelect label="Cache capacity" choices={CACHE_SIZES} value={form.cacheClusterSize} onChange={(size) => set("cacheClusterSize", size)} />}
        {checkbox("cachingEnabled", "Default method-level caching")}
        <FormField label="Cache time-to-live (TTL)" constraint="From 0 to 3600 seconds." error={shown.cacheTtlInSeconds}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.cacheTtlInSeconds} onChange={(e) => set("cacheTtlInSeconds", e.target.value.trim())} />}
        </FormField>

        <h3 className="subheading">Throttling</h3>
        <FormField label="Rate" description="Requests per second, on average." error={shown.throttlingRateLimit}>
          {(control) => <input {...control} className="input" inputMode="decimal" value={form.throttlingRateLimit} onChange={(e) => set("throttlingRateLimit", e.target.value.trim())} />}
        </FormField>
        <FormField label="Burst" description="Requests at once, above the rate." error={shown.throttlingBurstLimit}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={form.throttlingBurstLimit} onChange={(e) => set("throttlingBurstLimit", e.target.value.trim())} />}
        </FormField>

        <h3 className="subheading">Logs and tracing</h3>
        <ChoiceSelect label="CloudWatch logs" choices={LOGGING_LEVELS} value={form.loggingLevel} onChange={(level) => set("loggingLevel", level)} />
        {checkbox("dataTraceEnabled", "Data tracing (full request and response logs)")}
        {checkbox("metricsEnabled", "Detailed metrics")}
        {checkbox("tracingEnabled", "X-Ray tracing")}
      </div>
    </FormModal>
  );
}
