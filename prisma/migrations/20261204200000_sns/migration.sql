-- CreateTable
CREATE TABLE "sns_topics" (
    "id" UUID NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "fifo" BOOLEAN NOT NULL DEFAULT false,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "subscriptions_deleted" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sns_topics_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sns_subscriptions" (
    "id" UUID NOT NULL,
    "topic_id" UUID NOT NULL,
    "owner" CHAR(12) NOT NULL,
    "protocol" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "confirmed" BOOLEAN NOT NULL,
    "confirmation_token" TEXT,
    "token_expires_at" TIMESTAMPTZ(3),
    "authenticated" BOOLEAN NOT NULL DEFAULT false,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sns_subscriptions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sns_messages" (
    "message_id" UUID NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "subject" TEXT,
    "message" TEXT NOT NULL,
    "structure" TEXT,
    "attributes" JSONB,
    "group_id" TEXT,
    "deduplication_id" TEXT,
    "sequence_number" TEXT,
    "published_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sns_messages_pkey" PRIMARY KEY ("message_id")
);

-- CreateTable
CREATE TABLE "sns_deliveries" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "message_id" UUID NOT NULL,
    "topic_arn" TEXT,
    "subscription_arn" TEXT,
    "protocol" TEXT NOT NULL,
    "endpoint" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "status_code" INTEGER,
    "error" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "sns_deliveries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sns_deduplication" (
    "topic_id" UUID NOT NULL,
    "deduplication_id" TEXT NOT NULL,
    "message_id" UUID NOT NULL,
    "sequence_number" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sns_deduplication_pkey" PRIMARY KEY ("topic_id","deduplication_id")
);

-- CreateTable
CREATE TABLE "sns_outbox_items" (
    "id" BIGSERIAL NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "protocol" TEXT NOT NULL,
    "destination" TEXT NOT NULL,
    "subject" TEXT,
    "body" TEXT NOT NULL,
    "topic_arn" TEXT,
    "subscription_arn" TEXT,
    "message_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sns_outbox_items_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sns_platform_applications" (
    "id" UUID NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sns_platform_applications_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sns_platform_endpoints" (
    "id" UUID NOT NULL,
    "application_id" UUID NOT NULL,
    "token" TEXT NOT NULL,
    "attributes" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sns_platform_endpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sns_sms_opt_outs" (
    "account_id" CHAR(12) NOT NULL,
    "phone_number" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sns_sms_opt_outs_pkey" PRIMARY KEY ("account_id","phone_number")
);

-- CreateTable
CREATE TABLE "sns_signing_keys" (
    "id" TEXT NOT NULL,
    "private_key_pem" TEXT NOT NULL,
    "certificate_pem" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sns_signing_keys_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "sns_topics_account_id_region_name_key" ON "sns_topics"("account_id", "region", "name");

-- CreateIndex
CREATE UNIQUE INDEX "sns_subscriptions_confirmation_token_key" ON "sns_subscriptions"("confirmation_token");

-- CreateIndex
CREATE INDEX "sns_subscriptions_topic_id_idx" ON "sns_subscriptions"("topic_id");

-- CreateIndex
CREATE INDEX "sns_messages_published_at_idx" ON "sns_messages"("published_at");

-- CreateIndex
CREATE INDEX "sns_deliveries_account_id_region_created_at_idx" ON "sns_deliveries"("account_id", "region", "created_at");

-- CreateIndex
CREATE INDEX "sns_deliveries_account_id_region_topic_arn_created_at_idx" ON "sns_deliveries"("account_id", "region", "topic_arn", "created_at");

-- CreateIndex
CREATE INDEX "sns_deliveries_message_id_idx" ON "sns_deliveries"("message_id");

-- CreateIndex
CREATE INDEX "sns_deduplication_expires_at_idx" ON "sns_deduplication"("expires_at");

-- CreateIndex
CREATE INDEX "sns_outbox_items_account_id_region_created_at_idx" ON "sns_outbox_items"("account_id", "region", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "sns_platform_applications_account_id_region_platform_name_key" ON "sns_platform_applications"("account_id", "region", "platform", "name");

-- CreateIndex
CREATE UNIQUE INDEX "sns_platform_endpoints_application_id_token_key" ON "sns_platform_endpoints"("application_id", "token");

-- AddForeignKey
ALTER TABLE "sns_subscriptions" ADD CONSTRAINT "sns_subscriptions_topic_id_fkey" FOREIGN KEY ("topic_id") REFERENCES "sns_topics"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sns_platform_endpoints" ADD CONSTRAINT "sns_platform_endpoints_application_id_fkey" FOREIGN KEY ("application_id") REFERENCES "sns_platform_applications"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- FIFO topics number their messages from one sequence, as FIFO queues do.
CREATE SEQUENCE "sns_sequence_numbers";
