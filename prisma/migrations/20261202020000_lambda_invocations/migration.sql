-- CreateTable
CREATE TABLE "lambda_invocations" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "function_name" TEXT NOT NULL,
    "executed_version" TEXT NOT NULL,
    "request_id" TEXT NOT NULL,
    "invocation_type" TEXT NOT NULL,
    "function_error" TEXT,
    "error_type" TEXT,
    "enqueued_at" TIMESTAMPTZ(3),
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "duration_ms" DOUBLE PRECISION NOT NULL,
    "billed_duration_ms" INTEGER NOT NULL,
    "init_duration_ms" DOUBLE PRECISION,
    "memory_size" INTEGER NOT NULL,
    "max_memory_used_mb" INTEGER NOT NULL,
    "log_stream_name" TEXT NOT NULL,

    CONSTRAINT "lambda_invocations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lambda_throttle_counts" (
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "function_name" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "lambda_throttle_counts_pkey" PRIMARY KEY ("account_id","region","function_name","minute")
);

-- CreateIndex
CREATE INDEX "lambda_invocations_account_id_region_function_name_started__idx" ON "lambda_invocations"("account_id", "region", "function_name", "started_at");

-- CreateIndex
CREATE INDEX "lambda_invocations_started_at_idx" ON "lambda_invocations"("started_at");
