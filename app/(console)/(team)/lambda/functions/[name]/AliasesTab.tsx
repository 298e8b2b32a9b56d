"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { Button } from "../../../../../_components/Button";
import { ConfirmDialog } from "../../../../../_components/ConfirmDialog";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { useTRPC } from "../../../../../_trpc/client";
import { Flash } from "../../../../../_components/Flash";
import { AliasModal } from "./AliasModal";
import { useAliases, type Alias } from "./use-versions";

/** "2 (90%), 3 (10%)": where an alias sends invocations. */
export function aliasRouting(alias: Alias): string {
  const weights = alias.RoutingConfig?.AdditionalVersionWeights ?? {};
  const extra = Object.entries(weights);
  if (extra.length === 0) return alias.FunctionVersion;
  const percent = (w: number) => `${Math.round(w * 10_000) / 100}%`;
  const rest = 1 - extra.reduce((sum, [, w]) => sum + w, 0);
  return [`${alias.FunctionVersion} (${percent(rest)})`, ...extra.map(([v, w]) => `${v} (${percent(w)})`)].join(", ");
}

/** Aliases: named pointers to a version, optionally splitting traffic with a second one. */
export function AliasesTab({ name, canChange }: { name: string; canChange: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const aliases = useAliases(name);
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [editing, setEditing] = useState<Alias | "new" | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const [flash, setFlash] = useState<string | null>(null);
  const current = aliases.data?.find((a) => a.Name === selected) ?? null;

  const remove = useMutation(
    trpc.lambda.deleteAlias.mutationOptions({
      async onSuccess(_data, { Name }) {
        await queryClient.invalidateQueries(trpc.lambda.listAliases.queryFilter({ FunctionName: name }));
        setDeleting(null);
        setSelected(null);
        setFlash(`Alias ${Name} deleted.`);
      },
    }),
  );

  const columns: Column<Alias>[] = [
    selectColumn(radioName, (a) => a.Name, selected, setSelected),
    { header: "Name", cell: (a) => <strong>{a.Name}</strong> },
    { header: "Versions", cell: (a) => aliasRouting(a) },
    { header: "Description", cell: (a) => a.Description || "–" },
    { header: "Alias ARN", cell: (a) => <code className="break-all">{a.AliasArn}</code> },
  ];

  return (
    <div className="stack-lg">
      <Flash message={flash} onDismiss={() => setFlash(null)} />
      <Container
        title="Aliases"
        counter={aliases.data?.length}
        description="Invoke an alias instead of a version number, and move it to a new version when you release one."
        flush
        actions={
          <>
            <Button disabled={!current || !canChange} onClick={() => setDeleting(current?.Name ?? null)}>
              Delete
            </Button>
            <Button disabled={!current || !canChange} onClick={() => setEditing(current)}>
              Edit
            </Button>
            <Button variant="primary" disabled={!canChange} onClick={() => setEditing("new")}>
              Create alias
            </Button>
          </>
        }
      >
        <QueryResult query={aliases} loadingLabel="Loading aliases">
          {(rows) => (
            <DataTable
              label="Aliases"
              columns={columns}
              rows={rows}
              rowKey={(a) => a.Name}
              empty={<EmptyState title="No aliases">Publish a version, then create an alias that points to it.</EmptyState>}
            />
          )}
        </QueryResult>
      </Container>
      {editing !== null && (
        <AliasModal
          name={name}
          alias={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(alias, created) => {
            setEditing(null);
            setSelected(alias);
            setFlash(created ? `Successfully created alias ${alias}.` : `Successfully updated alias ${alias}.`);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title="Delete alias"
        confirmLabel="Delete"
        action={remove}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && remove.mutate({ FunctionName: name, Name: deleting })}
      >
        <p>
          Delete the alias <strong>{deleting}</strong>? Callers that invoke it get errors. The versions it points to are kept.
        </p>
      </ConfirmDialog>
    </div>
  );
}
