import Link from "next/link";
import type { ReactNode } from "react";
import { DataTable, type Column } from "../../../_components/DataTable";
import { formatDateTime } from "../../../_lib/format";
import type { RouterOutputs } from "../../../_trpc/types";
import { logStreamHref } from "./links";

export type LogStream = NonNullable<RouterOutputs["logs"]["describeLogStreams"]["logStreams"]>[number];

const when = (ms: number | undefined) => (ms === undefined ? "–" : formatDateTime(new Date(ms)));

/** A group's streams, each linking to its events; the newest activity first when the caller orders them so. */
export function LogStreamsTable({ group, streams, empty }: { group: string; streams: readonly LogStream[]; empty: ReactNode }) {
  const columns: Column<LogStream>[] = [
    {
      header: "Log stream",
      cell: (s) => (
        <Link href={logStreamHref(group, s.logStreamName)} className="break-all">
          {s.logStreamName}
        </Link>
      ),
    },
    { header: "Last event time", cell: (s) => when(s.lastEventTimestamp) },
    { header: "First event time", cell: (s) => when(s.firstEventTimestamp) },
  ];
  return <DataTable label="Log streams" columns={columns} rows={streams} rowKey={(s) => s.logStreamName} empty={empty} />;
}
