"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useDeferredValue, useId, useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import { Button, RefreshButton } from "../../../_components/Button";
import { ConfirmDialog } from "../../../_components/ConfirmDialog";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../_components/DataTable";
import { FormField } from "../../../_components/FormField";
import { FormModal } from "../../../_components/FormModal";
import { PageHeader } from "../../../_components/PageHeader";
import { QueryResult } from "../../../_components/QueryResult";
import { SearchField } from "../../../_components/SearchField";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { formatDateTime, formatSize } from "../../../_lib/format";
import { useTRPC, useTRPCClient } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";
import { logGroupHref } from "./links";
import { LoadMore, usePagedQuery } from "./paging";
import { formatRetention, RetentionSelect } from "./RetentionSelect";

type LogGroup = RouterOutputs["logs"]["describeLogGroups"]["logGroups"][number];

/** DescribeLogGroups page by page (a name prefix narrows it on the server), for a "Load more" list. */
function useLogGroups(prefix: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const input = prefix ? { logGroupNamePrefix: prefix } : {};
  return usePagedQuery({
    queryKey: [...trpc.logs.describeLogGroups.queryKey(input), "pages"],
    fetchPage: (nextToken) => client.logs.describeLogGroups.query({ ...input, nextToken }),
    items: (page) => page.logGroups,
    next: (page) => page.nextToken,
  });
}

export function LogGroupsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const [search, setSearch] = useState("");
  const prefix = useDeferredValue(search.trim());
  const groups = useLogGroups(prefix);
  const radioName = useId();
  const [selected, setSelected] = useState<string | null>(null);
  const [dialog, setDialog] = useState<"create" | "delete" | null>(null);
  const refreshing = groups.isFetching && !groups.isPending && !groups.isFetchingNextPage;
  const refresh = () =>
    Promise.all([queryClient.invalidateQueries(trpc.logs.describeLogGroups.queryFilter()), queryClient.invalidateQueries(trpc.dashboard.resourceCounts.queryFilter())]);

  const remove = useMutation(
    trpc.logs.deleteLogGroup.mutationOptions({
      async onSuccess() {
        await refresh();
        setDialog(null);
        setSelected(null);
      },
    }),
  );

  const columns: Column<LogGroup>[] = [
    selectColumn(radioName, (g) => g.logGroupName, selected, setSelected),
    {
      header: "Log group",
      cell: (g) => (
        <Link href={logGroupHref(g.logGroupName)} className="break-all">
          {g.logGroupName}
        </Link>
      ),
    },
    { header: "Retention", cell: (g) => formatRetention(g.retentionInDays), nowrap: true },
    { header: "Stored bytes", cell: (g) => formatSize(g.storedBytes), nowrap: true },
    { header: "Creation time", cell: (g) => formatDateTime(new Date(g.creationTime)) },
  ];

  return (
    <>
      <PageHeader
        title="Log groups"
        breadcrumbs={[{ label: "CloudWatch", href: "/logs" }, { label: "Log groups" }]}
        description="Log groups hold the log streams of your functions and applications. Lambda writes to /aws/lambda/<function name>."
        info="Events are kept for the group's retention period, then deleted. The AWS CLI's `aws logs tail <group> --follow` works against this server's gateway."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers can read logs but cannot create or delete log groups or change their retention.</Alert>}
        <Container
          title="Log groups"
          counter={groups.data?.length}
          flush
          actions={
            <>
              <RefreshButton label="Refresh log groups" refreshing={refreshing} onRefresh={() => void refresh()} />
              <Button disabled={!selected || !canChange} onClick={() => setDialog("delete")}>
                Delete
              </Button>
              <Button variant="primary" disabled={!canChange} onClick={() => setDialog("create")}>
                Create log group
              </Button>
            </>
          }
        >
          <SearchField label="Search log groups" placeholder="Log group name prefix, e.g. /aws/lambda/" value={search} onChange={setSearch} />
          <QueryResult query={groups} loadingLabel="Loading log groups">
            {(rows) => (
              <>
                <DataTable
                  label="Log groups"
                  columns={columns}
                  rows={rows}
                  rowKey={(g) => g.logGroupName}
                  empty={
                    prefix ? (
                      <EmptyState title="No matches">No log group name starts with “{prefix}”.</EmptyState>
                    ) : (
                      <EmptyState title="No log groups">Log groups appear when a function first runs, or when you create one.</EmptyState>
                    )
                  }
                />
                <LoadMore query={groups} />
              </>
            )}
          </QueryResult>
        </Container>
      </div>
      {dialog === "create" && <CreateLogGroupModal onClose={() => setDialog(null)} onCreated={() => void refresh()} />}
      <ConfirmDialog
        open={dialog === "delete"}
        title="Delete log group"
        confirmLabel="Delete"
        confirmText="delete"
        action={remove}
        onClose={() => setDialog(null)}
        onConfirm={() => selected && remove.mutate({ logGroupName: selected })}
      >
        <p>
          Delete <strong>{selected}</strong> and all its log streams and events? This cannot be undone. A function recreates its group with its next
          invocation.
        </p>
      </ConfirmDialog>
    </>
  );
}

function CreateLogGroupModal({ onClose, onCreated }: { onClose: () => void; onCreated: () => void }) {
  const client = useTRPCClient();
  const [name, setName] = useState("");
  const [retention, setRetention] = useState<number | null>(null);
  const [submitted, setSubmitted] = useState(false);
  const create = useMutation({
    mutationFn: async () => {
      await client.logs.createLogGroup.mutate({ logGroupName: name });
      if (retention !== null) await client.logs.putRetentionPolicy.mutate({ logGroupName: name, retentionInDays: retention });
    },
    onSuccess() {
      onCreated();
      onClose();
    },
  });
  const error = /^[\w\-./#]{1,512}$/.test(name) ? undefined : "Use 1 to 512 letters, numbers and _ - / . # characters.";
  return (
    <FormModal
      title="Create log group"
      submitLabel="Create"
      pending={create.isPending}
      error={create.error}
      onClose={onClose}
      onSubmit={() => {
        setSubmitted(true);
        if (!error) create.mutate();
      }}
    >
      <FormField label="Log group name" error={submitted ? error : undefined}>
        {(control) => <input {...control} className="input" value={name} spellCheck={false} autoComplete="off" onChange={(e) => setName(e.target.value.trim())} />}
      </FormField>
      <RetentionSelect value={retention} onChange={setRetention} />
    </FormModal>
  );
}
