-- CreateTable
CREATE TABLE "apigw_stage_metrics" (
    "rest_api_id" TEXT NOT NULL,
    "stage" TEXT NOT NULL,
    "minute" TIMESTAMPTZ(0) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "errors_4xx" INTEGER NOT NULL DEFAULT 0,
    "errors_5xx" INTEGER NOT NULL DEFAULT 0,
    "latency_sum_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "latency_max_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "integration_latency_sum_ms" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "cache_hits" INTEGER NOT NULL DEFAULT 0,
    "cache_misses" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "apigw_stage_metrics_pkey" PRIMARY KEY ("rest_api_id","stage","minute")
);

-- AddForeignKey
ALTER TABLE "apigw_stage_metrics" ADD CONSTRAINT "apigw_stage_metrics_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "apigw_rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

