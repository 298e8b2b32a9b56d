-- CreateTable
CREATE TABLE "iam_openid_connect_providers" (
    "account_id" CHAR(12) NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "client_ids" TEXT[],
    "thumbprints" TEXT[],
    "tags" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_openid_connect_providers_pkey" PRIMARY KEY ("account_id","name")
);
