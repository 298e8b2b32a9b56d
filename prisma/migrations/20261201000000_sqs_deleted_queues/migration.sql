-- CreateTable
CREATE TABLE "sqs_deleted_queues" (
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "deleted_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sqs_deleted_queues_pkey" PRIMARY KEY ("account_id","region","name")
);

-- CreateIndex
CREATE INDEX "sqs_deleted_queues_deleted_at_idx" ON "sqs_deleted_queues"("deleted_at");

