-- AlterTable
ALTER TABLE "lambda_event_source_mappings" ADD COLUMN     "bisect_batch_on_function_error" BOOLEAN,
ADD COLUMN     "last_processing_result" TEXT,
ADD COLUMN     "maximum_record_age_in_seconds" INTEGER,
ADD COLUMN     "maximum_retry_attempts" INTEGER,
ADD COLUMN     "on_failure_destination" TEXT,
ADD COLUMN     "parallelization_factor" INTEGER,
ADD COLUMN     "starting_position" TEXT,
ADD COLUMN     "starting_position_timestamp" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "lambda_event_source_mapping_shards" (
    "mapping_uuid" UUID NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "shard_id" BIGINT NOT NULL,
    "shard_index" INTEGER NOT NULL,
    "lane_after" BIGINT[],
    "finished_at" TIMESTAMPTZ(3),
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lambda_event_source_mapping_shards_pkey" PRIMARY KEY ("mapping_uuid","shard_id")
);

-- AddForeignKey
ALTER TABLE "lambda_event_source_mapping_shards" ADD CONSTRAINT "lambda_event_source_mapping_shards_mapping_uuid_fkey" FOREIGN KEY ("mapping_uuid") REFERENCES "lambda_event_source_mappings"("uuid") ON DELETE CASCADE ON UPDATE CASCADE;

