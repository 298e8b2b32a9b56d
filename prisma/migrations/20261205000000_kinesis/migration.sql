-- CreateEnum
CREATE TYPE "KinesisStreamMode" AS ENUM ('PROVISIONED', 'ON_DEMAND');

-- CreateEnum
CREATE TYPE "KinesisStreamStatus" AS ENUM ('CREATING', 'DELETING', 'ACTIVE', 'UPDATING');

-- CreateEnum
CREATE TYPE "KinesisEncryptionType" AS ENUM ('NONE', 'KMS');

-- CreateEnum
CREATE TYPE "KinesisConsumerStatus" AS ENUM ('CREATING', 'DELETING', 'ACTIVE');

-- CreateTable
CREATE TABLE "kinesis_streams" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "mode" "KinesisStreamMode" NOT NULL DEFAULT 'PROVISIONED',
    "status" "KinesisStreamStatus" NOT NULL DEFAULT 'ACTIVE',
    "retention_hours" INTEGER NOT NULL DEFAULT 24,
    "encryption_type" "KinesisEncryptionType" NOT NULL DEFAULT 'NONE',
    "key_id" TEXT,
    "next_shard_index" INTEGER NOT NULL DEFAULT 0,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kinesis_streams_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kinesis_shards" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "stream_id" BIGINT NOT NULL,
    "shard_index" INTEGER NOT NULL,
    "starting_hash_key" DECIMAL(39,0) NOT NULL,
    "ending_hash_key" DECIMAL(39,0) NOT NULL,
    "parent_index" INTEGER,
    "adjacent_parent_index" INTEGER,
    "last_sequence" BIGINT NOT NULL DEFAULT 0,
    "ending_sequence" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "closed_at" TIMESTAMPTZ(3),

    CONSTRAINT "kinesis_shards_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "kinesis_records" (
    "shard_id" BIGINT NOT NULL,
    "sequence" BIGINT NOT NULL,
    "partition_key" TEXT NOT NULL,
    "explicit_hash_key" DECIMAL(39,0),
    "data" BYTEA NOT NULL,
    "arrived_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kinesis_records_pkey" PRIMARY KEY ("shard_id","sequence")
);

-- CreateTable
CREATE TABLE "kinesis_consumers" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "stream_id" BIGINT NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "status" "KinesisConsumerStatus" NOT NULL DEFAULT 'ACTIVE',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "kinesis_consumers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "kinesis_streams_account_id_region_name_key" ON "kinesis_streams"("account_id", "region", "name");

-- CreateIndex
CREATE INDEX "kinesis_shards_account_id_region_closed_at_idx" ON "kinesis_shards"("account_id", "region", "closed_at");

-- CreateIndex
CREATE UNIQUE INDEX "kinesis_shards_stream_id_shard_index_key" ON "kinesis_shards"("stream_id", "shard_index");

-- CreateIndex
CREATE INDEX "kinesis_records_shard_id_arrived_at_idx" ON "kinesis_records"("shard_id", "arrived_at");

-- CreateIndex
CREATE INDEX "kinesis_consumers_account_id_region_idx" ON "kinesis_consumers"("account_id", "region");

-- CreateIndex
CREATE UNIQUE INDEX "kinesis_consumers_stream_id_name_key" ON "kinesis_consumers"("stream_id", "name");

-- AddForeignKey
ALTER TABLE "kinesis_shards" ADD CONSTRAINT "kinesis_shards_stream_id_fkey" FOREIGN KEY ("stream_id") REFERENCES "kinesis_streams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kinesis_records" ADD CONSTRAINT "kinesis_records_shard_id_fkey" FOREIGN KEY ("shard_id") REFERENCES "kinesis_shards"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "kinesis_consumers" ADD CONSTRAINT "kinesis_consumers_stream_id_fkey" FOREIGN KEY ("stream_id") REFERENCES "kinesis_streams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

