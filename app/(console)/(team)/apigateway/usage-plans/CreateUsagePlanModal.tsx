"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { ChoiceSelect } from "../../../../_components/ChoiceSelect";
import { FormField } from "../../../../_components/FormField";
import { FormModal } from "../../../../_components/FormModal";
import { useTRPC } from "../../../../_trpc/client";
import { createUsagePlanInput, NEW_USAGE_PLAN_FORM, QUOTA_PERIODS, type UsagePlanForm, usagePlanErrors } from "../usage-plan-form";
import { type UsagePlan, useRefreshApis } from "../use-api";

/** CreateUsagePlan with its throttle and quota; API stages and keys are added on the plan's page. */
export function CreateUsagePlanModal({ onClose, onCreated }: { onClose: () => void; onCreated: (plan: UsagePlan) => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const [form, setForm] = useState<UsagePlanForm>(NEW_USAGE_PLAN_FORM);
  const [submitted, setSubmitted] = useState(false);
  const errors = usagePlanErrors(form);
  const shown: Partial<typeof errors> = submitted ? errors : {};
  const set = (change: Partial<UsagePlanForm>) => setForm((f) => ({ ...f, ...change }));
  const create = useMutation(
    trpc.apigateway.createUsagePlan.mutationOptions({
      async onSuccess(plan) {
        await refresh();
        onCreated(plan);
      },
    }),
  );

  function submit() {
    setSubmitted(true);
    if (!Object.values(errors).some(Boolean)) create.mutate(createUsagePlanInput(form));
  }

  return (
    <FormModal title="Create usage plan" submitLabel="Create usage plan" pending={create.isPending} error={create.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <FormField label="Name" error={shown.name}>
          {(control) => <input {...control} className="input" value={form.name} autoComplete="off" onChange={(e) => set({ name: e.target.value })} />}
        </FormField>
        <FormField label="Description - optional">
          {(control) => <input {...control} className="input" value={form.description} autoComplete="off" onChange={(e) => set({ description: e.target.value })} />}
        </FormField>

        <h3 className="subheading">Throttling</h3>
        <label className="checkbox">
          <input type="checkbox" checked={form.throttled} onChange={(e) => set({ throttled: e.target.checked })} />
          <span>Enable throttling</span>
        </label>
        {form.throttled && (
          <div className="form-grid">
            <FormField label="Rate" description="Requests per second, on average, per key." error={shown.rateLimit}>
              {(control) => <input {...control} className="input" inputMode="decimal" value={form.rateLimit} onChange={(e) => set({ rateLimit: e.target.value.trim() })} />}
            </FormField>
            <FormField label="Burst" description="Requests at once, above the rate." error={shown.burstLimit}>
              {(control) => <input {...control} className="input" inputMode="numeric" value={form.burstLimit} onChange={(e) => set({ burstLimit: e.target.value.trim() })} />}
            </FormField>
          </div>
        )}

        <h3 className="subheading">Quota</h3>
        <label className="checkbox">
          <input type="checkbox" checked={form.limited} onChange={(e) => set({ limited: e.target.checked })} />
          <span>Enable quota</span>
        </label>
        {form.limited && (
          <div className="form-grid">
            <FormField label="Requests" description="Requests per key in each period." error={shown.quotaLimit}>
              {(control) => <input {...control} className="input" inputMode="numeric" value={form.quotaLimit} onChange={(e) => set({ quotaLimit: e.target.value.trim() })} />}
            </FormField>
            <ChoiceSelect label="Period" choices={QUOTA_PERIODS} value={form.quotaPeriod} onChange={(quotaPeriod) => set({ quotaPeriod })} />
          </div>
        )}
      </div>
    </FormModal>
  );
}
