/** Per-stream, per-minute activity (CloudWatch's stream-level Kinesis metrics), in kinesis_stream_metrics. */
import type { Db } from "../../db/client";
import { pgPool } from "../../db/pool";
import { MinuteCounters } from "../../lib/minute-counters";
import type { CallContext } from "../context";
import { findStream } from "./store";

type StreamMetric = "incomingBytes" | "incomingRecords" | "outgoingBytes" | "outgoingRecords" | "getRecordsCalls" | "iteratorAgeMs" | "writeThrottled" | "readThrottled";

const counters = new MinuteCounters<StreamMetric>(
  {
    incomingBytes: "sum",
    incomingRecords: "sum",
    outgoingBytes: "sum",
    outgoingRecords: "sum",
    getRecordsCalls: "sum",
    iteratorAgeMs: "max",
    writeThrottled: "sum",
    readThrottled: "sum",
  },
  async (rows) => {
    const column = (f: StreamMetric) => rows.map((r) => r.values[f]);
    // The JOIN drops counts of a stream deleted meanwhile.
    await pgPool().query(
      `INSERT INTO kinesis_stream_metrics (stream_id, minute, incoming_bytes, incoming_records, outgoing_bytes, outgoing_records, get_records_calls, iterator_age_ms, write_throttled, read_throttled)
       SELECT m.* FROM unnest($1::bigint[], $2::timestamptz[], $3::bigint[], $4::int[], $5::bigint[], $6::int[], $7::int[], $8::int[], $9::int[], $10::int[])
              AS m(stream_id, minute, incoming_bytes, incoming_records, outgoing_bytes, outgoing_records, get_records_calls, iterator_age_ms, write_throttled, read_throttled)
         JOIN kinesis_streams s ON s.id = m.stream_id
       ON CONFLICT (stream_id, minute) DO UPDATE SET
         incoming_bytes = kinesis_stream_metrics.incoming_bytes + EXCLUDED.incoming_bytes,
         incoming_records = kinesis_stream_metrics.incoming_records + EXCLUDED.incoming_records,
         outgoing_bytes = kinesis_stream_metrics.outgoing_bytes + EXCLUDED.outgoing_bytes,
         outgoing_records = kinesis_stream_metrics.outgoing_records + EXCLUDED.outgoing_records,
         get_records_calls = kinesis_stream_metrics.get_records_calls + EXCLUDED.get_records_calls,
         iterator_age_ms = greatest(kinesis_stream_metrics.iterator_age_ms, EXCLUDED.iterator_age_ms),
         write_throttled = kinesis_stream_metrics.write_throttled + EXCLUDED.write_throttled,
         read_throttled = kinesis_stream_metrics.read_throttled + EXCLUDED.read_throttled`,
      [
        rows.map((r) => r.key),
        rows.map((r) => r.minute),
        column("incomingBytes"),
        column("incomingRecords"),
        column("outgoingBytes"),
        column("outgoingRecords"),
        column("getRecordsCalls"),
        column("iteratorAgeMs"),
        column("writeThrottled"),
        column("readThrottled"),
      ],
    );
  },
  "kinesis",
);

export function recordStreamMetrics(streamId: bigint, values: Partial<Record<StreamMetric, number>>): void {
  counters.add(streamId.toString(), values);
}

export const flushStreamMetrics = () => counters.flush();

/** The stream's per-minute metrics over the last `minutes`, oldest first, zero-filled. */
export async function streamMetrics(db: Db, ctx: CallContext, input: { streamName: string; minutes: number }) {
  const stream = await findStream(db, ctx, { StreamName: input.streamName });
  const since = new Date(Math.floor(Date.now() / 60_000) * 60_000 - (input.minutes - 1) * 60_000);
  const rows = await db.kinesisStreamMetric.findMany({ where: { streamId: stream.id, minute: { gte: since } }, orderBy: { minute: "asc" } });
  const byMinute = new Map(rows.map((r) => [r.minute.getTime(), r]));
  return Array.from({ length: input.minutes }, (_, i) => {
    const minute = new Date(since.getTime() + i * 60_000);
    const r = byMinute.get(minute.getTime());
    return {
      minute,
      incomingBytes: Number(r?.incomingBytes ?? 0),
      incomingRecords: r?.incomingRecords ?? 0,
      outgoingBytes: Number(r?.outgoingBytes ?? 0),
      outgoingRecords: r?.outgoingRecords ?? 0,
      getRecordsCalls: r?.getRecordsCalls ?? 0,
      iteratorAgeMs: r?.iteratorAgeMs ?? 0,
      writeThrottled: r?.writeThrottled ?? 0,
      readThrottled: r?.readThrottled ?? 0,
    };
  });
}
