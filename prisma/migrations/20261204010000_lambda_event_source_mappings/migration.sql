-- CreateTable
CREATE TABLE "lambda_event_source_mappings" (
    "uuid" UUID NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "event_source_arn" TEXT NOT NULL,
    "function_arn" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "state" TEXT NOT NULL,
    "batch_size" INTEGER NOT NULL,
    "maximum_batching_window_in_seconds" INTEGER NOT NULL,
    "function_response_types" TEXT[],
    "filter_patterns" TEXT[],
    "maximum_concurrency" INTEGER,
    "last_modified" TIMESTAMPTZ(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lambda_event_source_mappings_pkey" PRIMARY KEY ("uuid")
);

-- CreateIndex
CREATE INDEX "lambda_event_source_mappings_account_id_region_function_arn_idx" ON "lambda_event_source_mappings"("account_id", "region", "function_arn");

-- CreateIndex
CREATE UNIQUE INDEX "lambda_event_source_mappings_account_id_region_event_source_key" ON "lambda_event_source_mappings"("account_id", "region", "event_source_arn", "function_arn");

