"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { useTRPC } from "../../../../../_trpc/client";
import { type UsagePlan, useRefreshApis, useStages } from "../../use-api";

type ApiStage = UsagePlan["apiStages"][number];

export interface PlanProps {
  plan: UsagePlan;
  canChange: boolean;
}

/** `apiId:stage`, as UpdateUsagePlan names a plan's API stage. */
const apiStageValue = (stage: Pick<ApiStage, "apiId" | "stage">) => `${stage.apiId}:${stage.stage}`;

/** UpdateUsagePlan on this plan; `onDone` runs once the views have been read again. */
function useUpdateUsagePlan(onDone: () => void) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  return useMutation(
    trpc.apigateway.updateUsagePlan.mutationOptions({
      async onSuccess() {
        await refresh();
        onDone();
      },
    }),
  );
}

/** The API stages the plan opens to its keys, added and removed with UpdateUsagePlan. */
export function PlanApiStages({ plan, canChange }: PlanProps) {
  const trpc = useTRPC();
  const apis = useQuery(trpc.apigateway.listRestApis.queryOptions());
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<ApiStage | null>(null);
  const remove = useUpdateUsagePlan(() => setRemoving(null));
  const apiName = (apiId: string) => apis.data?.find((api) => api.id === apiId)?.name ?? apiId;
  const label = (stage: ApiStage) => `${apiName(stage.apiId)} ${stage.stage}`;

  const columns: Column<ApiStage>[] = [
    {
      header: "API",
      cell: (s) => (
        <>
          {apiName(s.apiId)} <code>({s.apiId})</code>
        </>
      ),
    },
    { header: "Stage", cell: (s) => s.stage, nowrap: true },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (s) => (
        <Button aria-label={`Remove API stage ${label(s)}`} disabled={!canChange} onClick={() => setRemoving(s)}>
          Remove
        </Button>
      ),
    },
  ];

  return (
    <Container
      title="API stages"
      counter={plan.apiStages.length}
      description="Keys of the plan may call these stages' methods that require an API key."
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setAdding(true)}>
          Add API stage
        </Button>
      }
    >
      <DataTable label="API stages" columns={columns} rows={plan.apiStages} rowKey={apiStageValue} empty={<EmptyState title="No API stages" />} />
      {adding && <AddApiStageModal plan={plan} apis={apis.data ?? []} onClose={() => setAdding(false)} />}
      <ConfirmDialog
        open={removing !== null}
        title="Remove API stage"
        confirmLabel="Remove"
        action={remove}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ usagePlanId: plan.id, patchOperations: [{ op: "remove", path: "/apiStages", value: apiStageValue(removing) }] })}
      >
        <p>
          Remove stage <strong>{removing?.stage}</strong> of <strong>{removing && apiName(removing.apiId)}</strong> from the plan? Its keys can no longer call it.
        </p>
      </ConfirmDialog>
    </Container>
  );
}

interface AddApiStageModalProps {
  plan: UsagePlan;
  apis: readonly { id: string; name: string }[];
  onClose: () => void;
}

function AddApiStageModal({ plan, apis, onClose }: AddApiStageModalProps) {
  const add = useUpdateUsagePlan(onClose);
  const [apiId, setApiId] = useState("");
  const [stage, setStage] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const errors = { apiId: apiId ? undefined : "Choose an API.", stage: stage ? undefined : "Choose a stage." };

  function submit() {
    setSubmitted(true);
    if (!errors.apiId && !errors.stage) add.mutate({ usagePlanId: plan.id, patchOperations: [{ op: "add", path: "/apiStages", value: apiStageValue({ apiId, stage }) }] });
  }

  return (
    <FormModal title="Add API stage" submitLabel="Add" pending={add.isPending} error={add.error} onSubmit={submit} onClose={onClose}>
      <div className="stack">
        <FormField label="API" error={submitted ? errors.apiId : undefined}>
          {(control) => (
            <select
              {...control}
              className="select"
              value={apiId}
              onChange={(e) => {
                setApiId(e.target.value);
                setStage("");
              }}
            >
              <option value="">Choose an API</option>
              {apis.map((api) => (
                <option key={api.id} value={api.id}>
                  {api.name} ({api.id})
                </option>
              ))}
            </select>
          )}
        </FormField>
        {apiId && (
          <StageSelect
            restApiId={apiId}
            taken={plan.apiStages.filter((s) => s.apiId === apiId).map((s) => s.stage)}
            value={stage}
            onChange={setStage}
            error={submitted ? errors.stage : undefined}
          />
        )}
      </div>
    </FormModal>
  );
}

interface StageSelectProps {
  restApiId: string;
  /** Stages of the API the plan opens already. */
  taken: readonly string[];
  value: string;
  onChange: (stage: string) => void;
  error?: string;
}

function StageSelect({ restApiId, taken, value, onChange, error }: StageSelectProps) {
  const stages = useStages(restApiId);
  const free = (stages.data ?? []).filter((s) => !taken.includes(s.stageName));
  return (
    <FormField label="Stage" description={stages.data && free.length === 0 ? "The API has no other stages: deploy it to a stage first." : undefined} error={error}>
      {(control) => (
        <select {...control} className="select" value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">{stages.isPending ? "Loading stages…" : "Choose a stage"}</option>
          {free.map((s) => (
            <option key={s.stageName} value={s.stageName}>
              {s.stageName}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
