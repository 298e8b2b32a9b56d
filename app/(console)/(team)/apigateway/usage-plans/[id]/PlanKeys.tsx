"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { FormModal } from "../../../../../_components/FormModal";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { apiKeyName } from "../../api-key-form";
import { type UsagePlan, useApiKeys, useRefreshApis } from "../../use-api";
import type { PlanProps } from "./PlanApiStages";

type PlanKey = RouterOutputs["apigateway"]["getUsagePlanKeys"]["item"][number];

/** The API keys the plan holds, added with CreateUsagePlanKey and removed with DeleteUsagePlanKey. */
export function PlanKeys({ plan, canChange }: PlanProps) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const keys = useQuery(trpc.apigateway.getUsagePlanKeys.queryOptions({ usagePlanId: plan.id }, { select: (data) => data.item }));
  const [adding, setAdding] = useState(false);
  const [removing, setRemoving] = useState<PlanKey | null>(null);
  const remove = useMutation(
    trpc.apigateway.deleteUsagePlanKey.mutationOptions({
      async onSuccess() {
        setRemoving(null);
        await refresh();
      },
    }),
  );

  const columns: Column<PlanKey>[] = [
    { header: "Name", cell: (key) => apiKeyName(key) },
    { header: "ID", cell: (key) => <code>{key.id}</code>, nowrap: true },
    {
      header: "Actions",
      hideHeader: true,
      nowrap: true,
      cell: (key) => (
        <Button aria-label={`Remove API key ${apiKeyName(key)}`} disabled={!canChange} onClick={() => setRemoving(key)}>
          Remove
        </Button>
      ),
    },
  ];

  return (
    <Container
      title="API keys"
      counter={keys.data?.length}
      description="Each key is throttled and counted against the quota on its own."
      flush
      actions={
        <Button disabled={!canChange} onClick={() => setAdding(true)}>
          Add API key
        </Button>
      }
    >
      <QueryResult query={keys} loadingLabel="Loading API keys">
        {(all) => (
          <>
            <DataTable label="API keys" columns={columns} rows={all} rowKey={(key) => key.id} empty={<EmptyState title="No API keys" />} />
            {adding && <AddKeyModal plan={plan} members={all.map((key) => key.id)} onClose={() => setAdding(false)} />}
          </>
        )}
      </QueryResult>
      <ConfirmDialog
        open={removing !== null}
        title="Remove API key"
        confirmLabel="Remove"
        action={remove}
        onClose={() => setRemoving(null)}
        onConfirm={() => removing && remove.mutate({ usagePlanId: plan.id, keyId: removing.id })}
      >
        <p>
          Remove API key <strong>{removing && apiKeyName(removing)}</strong> from the plan? It can no longer call the plan&apos;s API stages.
        </p>
      </ConfirmDialog>
    </Container>
  );
}

function AddKeyModal({ plan, members, onClose }: { plan: UsagePlan; members: readonly string[]; onClose: () => void }) {
  const trpc = useTRPC();
  const refresh = useRefreshApis();
  const keys = useApiKeys();
  const [keyId, setKeyId] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const error = keyId ? undefined : "Choose an API key.";
  const free = (keys.data ?? []).filter((key) => !members.includes(key.id));
  const add = useMutation(
    trpc.apigateway.createUsagePlanKey.mutationOptions({
      async onSuccess() {
        await refresh();
        onClose();
      },
    }),
  );

  function submit() {
    setSubmitted(true);
    if (!error) add.mutate({ usagePlanId: plan.id, keyId, keyType: "API_KEY" });
  }

  return (
    <FormModal title="Add API key" submitLabel="Add" pending={add.isPending} error={add.error} onSubmit={submit} onClose={onClose}>
      <FormField label="API key" description={keys.data && free.length === 0 ? "Every API key is in the plan already: create another on the API keys page." : undefined} error={submitted ? error : undefined}>
        {(control) => (
          <select {...control} className="select" value={keyId} onChange={(e) => setKeyId(e.target.value)}>
            <option value="">{keys.isPending ? "Loading API keys…" : "Choose an API key"}</option>
            {free.map((key) => (
              <option key={key.id} value={key.id}>
                {apiKeyName(key)}
              </option>
            ))}
          </select>
        )}
      </FormField>
    </FormModal>
  );
}
