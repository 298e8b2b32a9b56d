-- CreateTable
CREATE TABLE "sqs_queues" (
    "id" UUID NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "fifo" BOOLEAN NOT NULL DEFAULT false,
    "delay_seconds" INTEGER NOT NULL DEFAULT 0,
    "maximum_message_size" INTEGER NOT NULL DEFAULT 262144,
    "message_retention_period" INTEGER NOT NULL DEFAULT 345600,
    "receive_message_wait_time_seconds" INTEGER NOT NULL DEFAULT 0,
    "visibility_timeout" INTEGER NOT NULL DEFAULT 30,
    "redrive_policy" JSONB,
    "redrive_allow_policy" JSONB,
    "policy" TEXT,
    "content_based_deduplication" BOOLEAN NOT NULL DEFAULT false,
    "deduplication_scope" TEXT,
    "fifo_throughput_limit" TEXT,
    "kms_master_key_id" TEXT,
    "kms_data_key_reuse_period_seconds" INTEGER,
    "sqs_managed_sse_enabled" BOOLEAN NOT NULL DEFAULT true,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_modified_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "purge_started_at" TIMESTAMP(3),

    CONSTRAINT "sqs_queues_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sqs_messages" (
    "id" BIGSERIAL NOT NULL,
    "queue_id" UUID NOT NULL,
    "message_id" UUID NOT NULL,
    "body" TEXT NOT NULL,
    "message_attributes" JSONB,
    "md5_of_body" TEXT NOT NULL,
    "md5_of_message_attributes" TEXT,
    "trace_header" TEXT,
    "sender_id" TEXT NOT NULL,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "visible_at" TIMESTAMPTZ(3) NOT NULL,
    "enqueued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "receive_count" INTEGER NOT NULL DEFAULT 0,
    "first_received_at" TIMESTAMPTZ(3),
    "last_received_at" TIMESTAMPTZ(3),
    "receipt_token" TEXT,
    "group_id" TEXT,
    "deduplication_id" TEXT,
    "sequence_number" TEXT,
    "dead_letter_source_arn" TEXT,

    CONSTRAINT "sqs_messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sqs_deduplication" (
    "queue_id" UUID NOT NULL,
    "scope" TEXT NOT NULL,
    "deduplication_id" TEXT NOT NULL,
    "message_id" UUID NOT NULL,
    "sequence_number" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sqs_deduplication_pkey" PRIMARY KEY ("queue_id","scope","deduplication_id")
);

-- CreateTable
CREATE TABLE "sqs_receive_attempts" (
    "queue_id" UUID NOT NULL,
    "attempt_id" TEXT NOT NULL,
    "messages" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sqs_receive_attempts_pkey" PRIMARY KEY ("queue_id","attempt_id")
);

-- CreateTable
CREATE TABLE "sqs_message_move_tasks" (
    "task_handle" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "source_arn" TEXT NOT NULL,
    "destination_arn" TEXT,
    "max_number_of_messages_per_second" INTEGER,
    "status" TEXT NOT NULL,
    "approximate_number_of_messages_moved" BIGINT NOT NULL DEFAULT 0,
    "approximate_number_of_messages_to_move" BIGINT,
    "failure_reason" TEXT,
    "started_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMP(3),

    CONSTRAINT "sqs_message_move_tasks_pkey" PRIMARY KEY ("task_handle")
);

-- CreateTable
CREATE TABLE "sqs_queue_metrics" (
    "queue_id" UUID NOT NULL,
    "minute" TIMESTAMPTZ(0) NOT NULL,
    "sent" INTEGER NOT NULL DEFAULT 0,
    "received" INTEGER NOT NULL DEFAULT 0,
    "deleted" INTEGER NOT NULL DEFAULT 0,
    "oldest_age_seconds" INTEGER,

    CONSTRAINT "sqs_queue_metrics_pkey" PRIMARY KEY ("queue_id","minute")
);

-- CreateIndex
CREATE UNIQUE INDEX "sqs_queues_account_id_region_name_key" ON "sqs_queues"("account_id", "region", "name");

-- CreateIndex
CREATE INDEX "sqs_messages_queue_id_visible_at_idx" ON "sqs_messages"("queue_id", "visible_at");

-- CreateIndex
CREATE INDEX "sqs_messages_queue_id_group_id_id_idx" ON "sqs_messages"("queue_id", "group_id", "id");

-- CreateIndex
CREATE INDEX "sqs_messages_queue_id_enqueued_at_idx" ON "sqs_messages"("queue_id", "enqueued_at");

-- CreateIndex
CREATE INDEX "sqs_deduplication_expires_at_idx" ON "sqs_deduplication"("expires_at");

-- CreateIndex
CREATE INDEX "sqs_receive_attempts_expires_at_idx" ON "sqs_receive_attempts"("expires_at");

-- CreateIndex
CREATE INDEX "sqs_message_move_tasks_account_id_region_source_arn_idx" ON "sqs_message_move_tasks"("account_id", "region", "source_arn");

-- AddForeignKey
ALTER TABLE "sqs_messages" ADD CONSTRAINT "sqs_messages_queue_id_fkey" FOREIGN KEY ("queue_id") REFERENCES "sqs_queues"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- FIFO sequence numbers increase across every queue and group.
CREATE SEQUENCE "sqs_sequence_numbers";
