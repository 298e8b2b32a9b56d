-- CreateTable
CREATE TABLE "kinesis_stream_metrics" (
    "stream_id" BIGINT NOT NULL,
    "minute" TIMESTAMPTZ(0) NOT NULL,
    "incoming_bytes" BIGINT NOT NULL DEFAULT 0,
    "incoming_records" INTEGER NOT NULL DEFAULT 0,
    "outgoing_bytes" BIGINT NOT NULL DEFAULT 0,
    "outgoing_records" INTEGER NOT NULL DEFAULT 0,
    "get_records_calls" INTEGER NOT NULL DEFAULT 0,
    "iterator_age_ms" INTEGER NOT NULL DEFAULT 0,
    "write_throttled" INTEGER NOT NULL DEFAULT 0,
    "read_throttled" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "kinesis_stream_metrics_pkey" PRIMARY KEY ("stream_id","minute")
);

-- AddForeignKey
ALTER TABLE "kinesis_stream_metrics" ADD CONSTRAINT "kinesis_stream_metrics_stream_id_fkey" FOREIGN KEY ("stream_id") REFERENCES "kinesis_streams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

