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
import {
  apiStageValue,
  type MethodThrottleRow,
  methodThrottleErrors,
  methodThrottlePatch,
  methodThrottleRows,
  methodThrottlingLabel,
  NEW_METHOD_THROTTLE,
  type UsagePlanStage,
} from "../../usage-plan-form";
import { type TreeResource, type UsagePlan, useRefreshApis, useResourceTree, useStages } from "../../use-api";

export interface PlanProps {
  plan: UsagePlan;
  canChange: boolean;
}

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

/** The API stages the plan opens to its keys, added, removed and given method throttles with UpdateUsagePlan. */
export function PlanApiStages({ plan, canChange }: PlanProps) {
  const trpc = useTRPC();
  const apis = useQuery(trpc.apigateway.listRestApis.queryOptions());
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<UsagePlanStage | null>(null);
  const [throttling, setThrottling] = useState<UsagePlanStage | null>(null);
  const remove = useUpdateUsagePlan(() => setRemoving(null));
  const apiName = (apiId: string) => apis.data?.find((api) => api.id === apiId)?.name ?? apiId;
  const label = (stage: UsagePlanStage) => `${apiName(stage.apiId)} ${stage.stage}`;

  const columns: Column<UsagePlanStage>[] = [
    {
      header: "API",
      cell: (s) => (
        <>
          {apiName(s.apiId)} <code>({s.apiId})</code>
        </>
      ),
    },
    { header: "Stage", cell: (s) => s.stage, nowrap: true },
    { header: "Method throttling", cell: methodThrottlingLabel, nowrap: true },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (s) => (
        <span className="row-actions">
          <Button aria-label={`Configure method throttling for ${label(s)}`} disabled={!canChange} onClick={() => setThrottling(s)}>
            Configure method throttling
          </Button>
          <Button aria-label={`Remove API stage ${label(s)}`} disabled={!canChange} onClick={() => setRemoving(s)}>
            Remove
          </Button>
        </span>
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
      {throttling && <MethodThrottlingModal plan={plan} stage={throttling} apiName={apiName(throttling.apiId)} onClose={() => setThrottling(null)} />}
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

interface MethodThrottlingModalProps {
  plan: UsagePlan;
  stage: UsagePlanStage;
  apiName: string;
  onClose: () => void;
}

/** The stage's throttles for single methods, each replacing the plan's throttle for its method; saved in one UpdateUsagePlan. */
function MethodThrottlingModal({ plan, stage, apiName, onClose }: MethodThrottlingModalProps) {
  const save = useUpdateUsagePlan(onClose);
  const tree = useResourceTree(stage.apiId);
  const [rows, setRows] = useState(() => methodThrottleRows(stage));
  const [submitted, setSubmitted] = useState(false);
  const errors = methodThrottleErrors(rows);
  const update = (index: number, change: Partial<MethodThrottleRow>) => setRows((all) => all.map((row, i) => (i === index ? { ...row, ...change } : row)));

  function submit() {
    setSubmitted(true);
    if (errors.some((rowErrors) => Object.values(rowErrors).some(Boolean))) return;
    const patchOperations = methodThrottlePatch(stage, rows);
    if (patchOperations.length === 0) onClose();
    else save.mutate({ usagePlanId: plan.id, patchOperations });
  }

  return (
    <FormModal title="Configure method throttling" pending={save.isPending} error={save.error} onSubmit={submit} onClose={onClose}>
      <p>
        On stage <strong>{stage.stage}</strong> of <strong>{apiName}</strong>, each key&apos;s requests to a method listed here are held to the method&apos;s
        rate (requests per second, on average) and burst (requests at once, above the rate) rather than to the plan&apos;s throttle.
      </p>
      {rows.length === 0 && <p className="form-description">No method has a throttle of its own.</p>}
      {rows.map((row, i) => (
        <MethodThrottleFields
          key={i}
          legend={`Method throttle ${i + 1}`}
          row={row}
          resources={tree.data}
          errors={submitted ? errors[i] : undefined}
          onChange={(change) => update(i, change)}
          onRemove={() => setRows((all) => all.filter((_, j) => j !== i))}
        />
      ))}
      <div>
        <Button onClick={() => setRows((all) => [...all, NEW_METHOD_THROTTLE])}>Add method</Button>
      </div>
    </FormModal>
  );
}

interface MethodThrottleFieldsProps {
  legend: string;
  row: MethodThrottleRow;
  /** The API's resources; undefined while they load. */
  resources: readonly TreeResource[] | undefined;
  errors: Partial<Record<keyof MethodThrottleRow, string>> | undefined;
  onChange: (change: Partial<MethodThrottleRow>) => void;
  onRemove: () => void;
}

function MethodThrottleFields({ legend, row, resources, errors = {}, onChange, onRemove }: MethodThrottleFieldsProps) {
  const withMethods = (resources ?? []).filter((resource) => resource.methods.length > 0);
  const methods = withMethods.find((resource) => resource.path === row.resourcePath)?.methods.map((method) => method.httpMethod) ?? [];
  // A throttle may name a method the API no longer has: it stays listed until removed.
  const paths = withMethods.map((resource) => resource.path);
  const withCurrent = (values: string[], current: string) => (current && !values.includes(current) ? [current, ...values] : values);

  return (
    <fieldset className="stack">
      <legend className="form-label">{legend}</legend>
      <div className="form-grid">
        <FormField label="Resource" error={errors.resourcePath}>
          {(control) => (
            <select {...control} className="select" value={row.resourcePath} onChange={(e) => onChange({ resourcePath: e.target.value, httpMethod: "" })}>
              <option value="">{resources ? "Choose a resource" : "Loading resources…"}</option>
              {withCurrent(paths, row.resourcePath).map((path) => (
                <option key={path} value={path}>
                  {path}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Method" error={errors.httpMethod}>
          {(control) => (
            <select {...control} className="select" value={row.httpMethod} onChange={(e) => onChange({ httpMethod: e.target.value })}>
              <option value="">Choose a method</option>
              {withCurrent(methods, row.httpMethod).map((method) => (
                <option key={method} value={method}>
                  {method}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField label="Rate" error={errors.rateLimit}>
          {(control) => <input {...control} className="input" inputMode="decimal" value={row.rateLimit} onChange={(e) => onChange({ rateLimit: e.target.value.trim() })} />}
        </FormField>
        <FormField label="Burst" error={errors.burstLimit}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={row.burstLimit} onChange={(e) => onChange({ burstLimit: e.target.value.trim() })} />}
        </FormField>
      </div>
      <div>
        <Button aria-label={`Remove ${legend.toLowerCase()}`} onClick={onRemove}>
          Remove
        </Button>
      </div>
    </fieldset>
  );
}
