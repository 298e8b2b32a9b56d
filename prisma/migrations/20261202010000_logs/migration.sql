-- Log group and stream names compare and sort bytewise ("C"), as AWS lists them in ASCII order.
-- CreateTable
CREATE TABLE "logs_log_groups" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "retention_in_days" INTEGER,
    "kms_key_id" TEXT,
    "log_group_class" TEXT NOT NULL DEFAULT 'STANDARD',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "logs_log_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logs_log_streams" (
    "id" BIGSERIAL NOT NULL,
    "group_id" BIGINT NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "first_event_timestamp" BIGINT,
    "last_event_timestamp" BIGINT,
    "last_ingestion_time" BIGINT,
    "upload_sequence_token" BIGINT NOT NULL DEFAULT 1,
    "stored_bytes" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "logs_log_streams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "logs_log_events" (
    "id" BIGSERIAL NOT NULL,
    "group_id" BIGINT NOT NULL,
    "stream_id" BIGINT NOT NULL,
    "timestamp" BIGINT NOT NULL,
    "ingestion_time" BIGINT NOT NULL,
    "message" TEXT NOT NULL,

    CONSTRAINT "logs_log_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "logs_log_groups_account_id_region_name_key" ON "logs_log_groups"("account_id", "region", "name");

-- CreateIndex
CREATE INDEX "logs_log_streams_group_id_last_event_timestamp_idx" ON "logs_log_streams"("group_id", "last_event_timestamp");

-- CreateIndex
CREATE UNIQUE INDEX "logs_log_streams_group_id_name_key" ON "logs_log_streams"("group_id", "name");

-- CreateIndex
CREATE INDEX "logs_log_events_stream_id_timestamp_id_idx" ON "logs_log_events"("stream_id", "timestamp", "id");

-- CreateIndex
CREATE INDEX "logs_log_events_group_id_timestamp_id_idx" ON "logs_log_events"("group_id", "timestamp", "id");

-- AddForeignKey
ALTER TABLE "logs_log_streams" ADD CONSTRAINT "logs_log_streams_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "logs_log_groups"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "logs_log_events" ADD CONSTRAINT "logs_log_events_stream_id_fkey" FOREIGN KEY ("stream_id") REFERENCES "logs_log_streams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

