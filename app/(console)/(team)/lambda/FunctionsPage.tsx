"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import { roleAtLeast } from "~/server/services/accounts/roles";
import { Alert } from "../../../_components/Alert";
import { Button, ButtonLink, RefreshButton } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { DataTable, EmptyState, selectColumn, type Column } from "../../../_components/DataTable";
import { PageHeader } from "../../../_components/PageHeader";
import { QueryResult } from "../../../_components/QueryResult";
import { SearchField } from "../../../_components/SearchField";
import { useCurrentTeam } from "../../../_console/TeamGate";
import { formatDateTime, formatSize } from "../../../_lib/format";
import { useTRPC } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";
import { DeleteFunctionDialog } from "./DeleteFunctionDialog";
import { lambdaTime } from "./format";
import { functionHref } from "./links";
import { runtimeInfo } from "./runtimes";

type FunctionSummary = RouterOutputs["lambda"]["listFunctionSummaries"][number];

export function FunctionsPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const team = useCurrentTeam();
  const canChange = roleAtLeast(team.role, "developer");
  const functions = useQuery(trpc.lambda.listFunctionSummaries.queryOptions());
  const [filter, setFilter] = useState("");
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<string | null>(null);
  const radioName = useId();

  const needle = filter.trim().toLowerCase();
  const rows = (functions.data ?? []).filter((f) => `${f.FunctionName} ${f.Description} ${f.Runtime}`.toLowerCase().includes(needle));

  const columns: Column<FunctionSummary>[] = [
    selectColumn(radioName, (f) => f.FunctionName, selected, setSelected),
    { header: "Function name", cell: (f) => <Link href={functionHref(f.FunctionName)}>{f.FunctionName}</Link> },
    { header: "Description", cell: (f) => f.Description || <span className="text-secondary">–</span> },
    { header: "Runtime", cell: (f) => runtimeInfo(f.Runtime)?.label ?? f.Runtime, nowrap: true },
    { header: "Code size", cell: (f) => formatSize(f.CodeSize), nowrap: true },
    { header: "Memory (MB)", cell: (f) => <span className="numeric">{f.MemorySize}</span>, nowrap: true },
    { header: "Last modified", cell: (f) => formatDateTime(lambdaTime(f.LastModified)) },
  ];

  const create = (label: string) => (
    <ButtonLink href="/lambda/create" variant="primary" disabled={!canChange}>
      {label}
    </ButtonLink>
  );

  return (
    <>
      <PageHeader
        title="Functions"
        breadcrumbs={[{ label: "Lambda", href: "/lambda" }, { label: "Functions" }]}
        description="Run code without managing servers: Node.js and Python handlers written for AWS Lambda run here unchanged."
        info="Functions run in worker processes on this server, one OS process per execution context. Invoke them from the console's Test tab, the AWS SDK or CLI, or from SQS event source mappings."
      />
      <div className="stack-lg">
        {!canChange && <Alert type="info">Viewers can look at functions but cannot create, change, invoke or delete them. Ask an owner or admin for the developer role.</Alert>}
        <Container
          title="Functions"
          counter={functions.data?.length}
          flush
          actions={
            <>
              <RefreshButton
                label="Refresh functions"
                refreshing={functions.isFetching && !functions.isPending}
                onRefresh={() => void queryClient.invalidateQueries(trpc.lambda.listFunctionSummaries.queryFilter())}
              />
              <Button disabled={!selected || !canChange} onClick={() => setDeleting(selected)}>
                Delete
              </Button>
              {create("Create function")}
            </>
          }
        >
          <SearchField label="Search functions" placeholder="Filter by name, description or runtime" value={filter} onChange={setFilter} />
          <QueryResult query={functions} loadingLabel="Loading functions">
            {(all) => (
              <DataTable
                label="Functions"
                columns={columns}
                rows={rows}
                rowKey={(f) => f.FunctionName}
                empty={
                  all.length > 0 ? (
                    <EmptyState title="No matches" action={<Button onClick={() => setFilter("")}>Clear filter</Button>}>
                      No function matches “{filter}”.
                    </EmptyState>
                  ) : (
                    <EmptyState title="No functions" action={create("Create your first function")}>
                      You don&apos;t have any functions in this region.
                    </EmptyState>
                  )
                }
              />
            )}
          </QueryResult>
        </Container>
      </div>
      <DeleteFunctionDialog
        name={deleting}
        onClose={() => setDeleting(null)}
        onDeleted={() => {
          setDeleting(null);
          setSelected(null);
        }}
      />
    </>
  );
}
