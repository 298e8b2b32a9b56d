"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Button } from "../../../../_components/Button";
import { ConfirmDialog } from "../../../../_components/ConfirmDialog";
import { Container } from "../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../_components/DataTable";
import { FormField } from "../../../../_components/FormField";
import { RadioGroup, Tiles } from "../../../../_components/Tiles";
import { useTRPC } from "../../../../_trpc/client";
import { functionHref, functionNameFromArn } from "../../lambda/links";
import { assignedTriggers, categoryLabel, TRIGGER_CATEGORIES, TRIGGER_TYPES, withTrigger, type AssignedTrigger, type TriggerCategory, type TriggerKey } from "../lambda-triggers";
import { poolUpdate } from "../pool-settings";
import { useRefreshCognito, type UserPool } from "../use-pool";
import { PoolSettingsModal } from "./PoolSettings";

/** The pool's Lambda triggers (LambdaConfig): functions Cognito invokes as users sign up, sign in and get messages. */
export function LambdaTriggersTab({ pool, canChange }: { pool: UserPool; canChange: boolean }) {
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<AssignedTrigger | null>(null);
  const triggers = assignedTriggers(pool);
  const columns: Column<AssignedTrigger>[] = [
    { header: "Trigger type", cell: (t) => t.label },
    { header: "Category", cell: (t) => categoryLabel(t.category) },
    {
      header: "Lambda function",
      cell: (t) => <Link href={functionHref(functionNameFromArn(t.functionArn))}>{functionNameFromArn(t.functionArn)}</Link>,
    },
    {
      header: "Actions",
      hideHeader: true,
      cell: (t) => (
        <Button className="btn-small" aria-label={`Remove ${t.label.toLowerCase()} trigger`} disabled={!canChange} onClick={() => setRemoving(t)}>
          Remove
        </Button>
      ),
    },
  ];
  return (
    <Container
      title="Lambda triggers"
      counter={triggers.length}
      description="Cognito invokes these functions as users sign up, sign in and are sent messages, and waits up to 5 seconds for each."
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setAdding(true)}>
          Add Lambda trigger
        </Button>
      }
    >
      <DataTable
        label="Lambda triggers"
        columns={columns}
        rows={triggers}
        rowKey={(t) => t.key}
        empty={<EmptyState title="No Lambda triggers">Add a trigger to run a function of yours during sign-up, sign-in or messaging.</EmptyState>}
      />
      {adding && <AddTriggerModal pool={pool} onClose={() => setAdding(false)} />}
      <RemoveTriggerDialog pool={pool} trigger={removing} onClose={() => setRemoving(null)} />
    </Container>
  );
}

function AddTriggerModal({ pool, onClose }: { pool: UserPool; onClose: () => void }) {
  const trpc = useTRPC();
  const functions = useQuery(trpc.lambda.listFunctionSummaries.queryOptions());
  const [category, setCategory] = useState<TriggerCategory>("sign-up");
  const [key, setKey] = useState<TriggerKey>("PreSignUp");
  const [functionArn, setFunctionArn] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const types = TRIGGER_TYPES.filter((t) => t.category === category);
  const current = pool.LambdaConfig[key];
  const functionError = functionArn ? undefined : "Choose a Lambda function.";
  return (
    <PoolSettingsModal
      pool={pool}
      title="Add Lambda trigger"
      submitLabel="Add Lambda trigger"
      onClose={onClose}
      changes={() => {
        setSubmitted(true);
        return functionError ? null : { LambdaConfig: withTrigger(pool.LambdaConfig, key, functionArn) };
      }}
    >
      <Tiles
        legend="Trigger category"
        name="trigger-category"
        value={category}
        options={TRIGGER_CATEGORIES}
        onChange={(next) => {
          setCategory(next);
          setKey(TRIGGER_TYPES.find((t) => t.category === next)?.key ?? key);
        }}
      />
      <RadioGroup
        legend="Trigger type"
        description={typeof current === "string" ? `This trigger invokes ${functionNameFromArn(current)} now; adding it again replaces that function.` : undefined}
        name="trigger-type"
        value={key}
        options={types.map((t) => ({ value: t.key, label: t.label, description: t.description }))}
        onChange={setKey}
      />
      <FormField
        label="Lambda function"
        description="A function of this team, in this Region. Cognito invokes its latest version."
        error={submitted ? functionError : undefined}
      >
        {(control) => (
          <select {...control} className="select" value={functionArn} onChange={(e) => setFunctionArn(e.target.value)}>
            <option value="" disabled>
              {functions.isPending ? "Loading functions…" : functions.data?.length ? "Choose a function" : "No functions: create one in Lambda first"}
            </option>
            {functions.data?.map((f) => (
              <option key={f.FunctionArn} value={f.FunctionArn}>
                {f.FunctionName}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </PoolSettingsModal>
  );
}

function RemoveTriggerDialog({ pool, trigger, onClose }: { pool: UserPool; trigger: AssignedTrigger | null; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshCognito();
  const remove = useMutation(
    trpc.cognito.updateUserPool.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );
  return (
    <ConfirmDialog
      open={trigger !== null}
      title="Remove Lambda trigger"
      confirmLabel="Remove"
      action={remove}
      onClose={onClose}
      onConfirm={() => trigger && remove.mutate(poolUpdate(pool, { LambdaConfig: withTrigger(pool.LambdaConfig, trigger.key, undefined) }))}
    >
      <p>
        Remove the <strong>{trigger?.label.toLowerCase()}</strong> trigger? Cognito stops invoking {trigger && functionNameFromArn(trigger.functionArn)}; the function itself stays.
      </p>
    </ConfirmDialog>
  );
}
