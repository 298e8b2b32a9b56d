"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Alert } from "../../../../../_components/Alert";
import { Button } from "../../../../../_components/Button";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../../_components/DataTable";
import { FormField } from "../../../../../_components/FormField";
import { KeyValue, KeyValueGrid } from "../../../../../_components/KeyValue";
import { QueryResult } from "../../../../../_components/QueryResult";
import { StatusIndicator } from "../../../../../_components/StatusIndicator";
import { RadioGroup } from "../../../../../_components/Tiles";
import { errorMessage } from "../../../../../_lib/errors";
import { useTRPC } from "../../../../../_trpc/client";
import type { RouterOutputs } from "../../../../../_trpc/types";
import { FormModal } from "../../../../../_components/FormModal";
import { checkWhole } from "../../function-rules";
import { useRefreshFunction } from "../../use-function";
import { useAliases, useVersions } from "./use-versions";

type ProvisionedConfig = RouterOutputs["lambda"]["listProvisionedConcurrencyConfigs"]["ProvisionedConcurrencyConfigs"][number];

const qualifierOf = (arn: string) => arn.split(":")[7] ?? "";

const STATUS: Record<string, { type: "success" | "error" | "stopped"; label: string }> = {
  READY: { type: "success", label: "Ready" },
  IN_PROGRESS: { type: "stopped", label: "In progress" },
  FAILED: { type: "error", label: "Failed" },
};

/** Reserved concurrency for the function, and provisioned concurrency per version or alias. */
export function ConcurrencySection({ name, reserved, canChange }: { name: string; reserved: number | undefined; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const settings = useQuery(trpc.lambda.getAccountSettings.queryOptions({}));
  const provisioned = useQuery(
    trpc.lambda.listProvisionedConcurrencyConfigs.queryOptions(
      { FunctionName: name },
      { refetchInterval: (query) => (query.state.data?.ProvisionedConcurrencyConfigs.some((c) => c.Status === "IN_PROGRESS") ? 2_000 : false) },
    ),
  );
  const radioName = useId();
  const [editing, setEditing] = useState<"reserved" | "provisioned" | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const remove = useMutation(
    trpc.lambda.deleteProvisionedConcurrencyConfig.mutationOptions({
      async onSuccess() {
        setSelected(null);
        await queryClient.invalidateQueries(trpc.lambda.listProvisionedConcurrencyConfigs.queryFilter({ FunctionName: name }));
      },
    }),
  );

  const columns: Column<ProvisionedConfig>[] = [
    selectColumn(radioName, (c) => qualifierOf(c.FunctionArn), selected, setSelected),
    { header: "Qualifier", cell: (c) => qualifierOf(c.FunctionArn) },
    { header: "Requested", cell: (c) => <span className="numeric">{c.RequestedProvisionedConcurrentExecutions}</span> },
    { header: "Available", cell: (c) => <span className="numeric">{c.AvailableProvisionedConcurrentExecutions}</span> },
    {
      header: "Status",
      cell: (c) => (
        <StatusIndicator type={STATUS[c.Status]?.type ?? "stopped"}>
          {STATUS[c.Status]?.label ?? c.Status}
          {c.StatusReason ? `: ${c.StatusReason}` : ""}
        </StatusIndicator>
      ),
    },
  ];

  return (
    <>
      <Container
        title="Concurrency"
        description="Reserved concurrency guarantees the function contexts and caps it; 0 throttles every invocation."
        actions={
          <Button disabled={!canChange} onClick={() => setEditing("reserved")}>
            Edit
          </Button>
        }
      >
        <KeyValueGrid>
          <KeyValue label="Function concurrency">{reserved === undefined ? "Use unreserved account concurrency" : `${reserved} reserved`}</KeyValue>
          <KeyValue label="Unreserved account concurrency">{settings.data?.AccountLimit.UnreservedConcurrentExecutions ?? "–"}</KeyValue>
          <KeyValue label="Account concurrency limit">{settings.data?.AccountLimit.ConcurrentExecutions ?? "–"}</KeyValue>
        </KeyValueGrid>
      </Container>

      <Container
        title="Provisioned concurrency configurations"
        counter={provisioned.data?.ProvisionedConcurrencyConfigs.length}
        description="Execution contexts kept initialised and ready for a published version or an alias, so its invocations start warm."
        flush
        actions={
          <>
            <Button disabled={!canChange || !selected} loading={remove.isPending} onClick={() => selected && remove.mutate({ FunctionName: name, Qualifier: selected })}>
              Delete
            </Button>
            <Button disabled={!canChange} onClick={() => setEditing("provisioned")}>
              Add configuration
            </Button>
          </>
        }
      >
        {remove.isError && <Alert type="error">{errorMessage(remove.error)}</Alert>}
        <QueryResult query={provisioned} loadingLabel="Loading provisioned concurrency">
          {(data) => (
            <DataTable
              label="Provisioned concurrency configurations"
              columns={columns}
              rows={data.ProvisionedConcurrencyConfigs}
              rowKey={(c) => c.FunctionArn}
              empty={<EmptyState title="No configurations">Publish a version or create an alias, then add a configuration for it.</EmptyState>}
            />
          )}
        </QueryResult>
      </Container>

      {editing === "reserved" && <ReservedModal name={name} reserved={reserved} onClose={() => setEditing(null)} />}
      {editing === "provisioned" && <ProvisionedModal name={name} onClose={() => setEditing(null)} />}
    </>
  );
}

function ReservedModal({ name, reserved, onClose }: { name: string; reserved: number | undefined; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useRefreshFunction(name);
  const [mode, setMode] = useState<"unreserved" | "reserve">(reserved === undefined ? "unreserved" : "reserve");
  const [amount, setAmount] = useState(String(reserved ?? 10));
  const [submitted, setSubmitted] = useState(false);
  const done = {
    async onSuccess() {
      await Promise.all([refresh(), queryClient.invalidateQueries(trpc.lambda.getAccountSettings.queryFilter())]);
      onClose();
    },
  };
  const put = useMutation(trpc.lambda.putFunctionConcurrency.mutationOptions(done));
  const clear = useMutation(trpc.lambda.deleteFunctionConcurrency.mutationOptions(done));
  const error = mode === "reserve" ? checkWhole(amount, 0, 100_000, "Reserved concurrency") : undefined;

  function submit() {
    setSubmitted(true);
    if (error) return;
    if (mode === "reserve") put.mutate({ FunctionName: name, ReservedConcurrentExecutions: Number(amount) });
    else clear.mutate({ FunctionName: name });
  }

  return (
    <FormModal title="Edit concurrency" pending={put.isPending || clear.isPending} error={put.error ?? clear.error} onSubmit={submit} onClose={onClose}>
      <RadioGroup
        legend="Concurrency"
        name="reserved-concurrency"
        value={mode}
        onChange={setMode}
        options={[
          { value: "unreserved", label: "Use unreserved account concurrency", description: "The function shares the account's unreserved pool." },
          { value: "reserve", label: "Reserve concurrency", description: "Set aside contexts for this function; it never uses more." },
        ]}
      />
      {mode === "reserve" && (
        <FormField label="Reserved concurrency" description="The account must keep its minimum unreserved concurrency." error={submitted ? error : undefined}>
          {(control) => <input {...control} className="input" inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />}
        </FormField>
      )}
    </FormModal>
  );
}

function ProvisionedModal({ name, onClose }: { name: string; onClose: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const versions = useVersions(name);
  const aliases = useAliases(name);
  const [qualifier, setQualifier] = useState("");
  const [amount, setAmount] = useState("1");
  const [submitted, setSubmitted] = useState(false);
  const put = useMutation(
    trpc.lambda.putProvisionedConcurrencyConfig.mutationOptions({
      async onSuccess() {
        await queryClient.invalidateQueries(trpc.lambda.listProvisionedConcurrencyConfigs.queryFilter({ FunctionName: name }));
        onClose();
      },
    }),
  );
  const errors = { qualifier: qualifier ? undefined : "Choose a version or an alias.", amount: checkWhole(amount, 1, 100_000, "Provisioned concurrency") };

  function submit() {
    setSubmitted(true);
    if (errors.qualifier || errors.amount) return;
    put.mutate({ FunctionName: name, Qualifier: qualifier, ProvisionedConcurrentExecutions: Number(amount) });
  }

  return (
    <FormModal title="Configure provisioned concurrency" pending={put.isPending} error={put.error} onSubmit={submit} onClose={onClose}>
      <FormField label="Version or alias" description="Provisioned concurrency can't apply to $LATEST." error={submitted ? errors.qualifier : undefined}>
        {(control) => (
          <select {...control} className="select" value={qualifier} onChange={(e) => setQualifier(e.target.value)}>
            <option value="">Choose a version or an alias</option>
            {(aliases.data ?? []).map((a) => (
              <option key={`alias-${a.Name}`} value={a.Name}>
                Alias: {a.Name}
              </option>
            ))}
            {(versions.data ?? [])
              .filter((v) => v.Version !== "$LATEST")
              .map((v) => (
                <option key={`version-${v.Version}`} value={v.Version}>
                  Version: {v.Version}
                </option>
              ))}
          </select>
        )}
      </FormField>
      <FormField label="Provisioned concurrency" description="How many execution contexts to keep ready." error={submitted ? errors.amount : undefined}>
        {(control) => <input {...control} className="input" inputMode="numeric" value={amount} onChange={(e) => setAmount(e.target.value)} />}
      </FormField>
    </FormModal>
  );
}
