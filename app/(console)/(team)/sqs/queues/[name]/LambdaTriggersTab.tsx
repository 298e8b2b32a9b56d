"use client";

import Link from "next/link";
import { Container } from "../../../../../_components/Container";
import { DataTable, EmptyState, type Column } from "../../../../../_components/DataTable";
import { QueryResult } from "../../../../../_components/QueryResult";
import { formatDateTime } from "../../../../../_lib/format";
import { TriggerState, useTriggers, type Trigger } from "../../../lambda/functions/[name]/use-triggers";
import { functionHref, functionNameFromArn } from "../../../lambda/links";

/** The functions Lambda invokes with this queue's messages; they are added and changed on the function's Triggers tab. */
export function LambdaTriggersTab({ arn }: { arn: string }) {
  const triggers = useTriggers({ EventSourceArn: arn });
  const columns: Column<Trigger>[] = [
    { header: "Function", cell: (t) => <Link href={functionHref(functionNameFromArn(t.FunctionArn), "triggers")}>{functionNameFromArn(t.FunctionArn)}</Link> },
    { header: "State", cell: (t) => <TriggerState trigger={t} /> },
    { header: "Batch size", cell: (t) => <span className="numeric">{t.BatchSize}</span> },
    { header: "Last modified", cell: (t) => formatDateTime(t.LastModified), nowrap: true },
  ];
  return (
    <Container title="Lambda triggers" counter={triggers.data?.length} description="Functions that Lambda invokes with batches of this queue's messages." flush>
      <QueryResult query={triggers} loadingLabel="Loading Lambda triggers">
        {(rows) => (
          <DataTable
            label="Lambda triggers"
            columns={columns}
            rows={rows}
            rowKey={(t) => t.UUID}
            empty={<EmptyState title="No Lambda triggers">Add this queue as a trigger on a function&apos;s Triggers tab.</EmptyState>}
          />
        )}
      </QueryResult>
    </Container>
  );
}
