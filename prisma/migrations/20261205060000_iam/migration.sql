-- CreateEnum
CREATE TYPE "IamPrincipalType" AS ENUM ('role', 'user');

-- AlterTable
ALTER TABLE "session_credentials" ADD COLUMN     "session_policy" TEXT;

-- CreateTable
CREATE TABLE "iam_roles" (
    "account_id" CHAR(12) NOT NULL,
    "name_key" TEXT NOT NULL,
    "role_name" TEXT NOT NULL,
    "role_id" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "assume_role_policy" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "max_session_duration" INTEGER NOT NULL DEFAULT 3600,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "iam_roles_pkey" PRIMARY KEY ("account_id","name_key")
);

-- CreateTable
CREATE TABLE "iam_users" (
    "account_id" CHAR(12) NOT NULL,
    "name_key" TEXT NOT NULL,
    "user_name" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "tags" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_users_pkey" PRIMARY KEY ("account_id","name_key")
);

-- CreateTable
CREATE TABLE "iam_access_keys" (
    "access_key_id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "name_key" TEXT NOT NULL,
    "secret_encrypted" TEXT NOT NULL,
    "status" "AccessKeyStatus" NOT NULL DEFAULT 'Active',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "iam_access_keys_pkey" PRIMARY KEY ("access_key_id")
);

-- CreateTable
CREATE TABLE "iam_policies" (
    "account_id" CHAR(12) NOT NULL,
    "policy_name" TEXT NOT NULL,
    "policy_id" TEXT NOT NULL,
    "path" TEXT NOT NULL DEFAULT '/',
    "description" TEXT NOT NULL DEFAULT '',
    "default_version_id" TEXT NOT NULL,
    "next_version" INTEGER NOT NULL DEFAULT 2,
    "tags" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_policies_pkey" PRIMARY KEY ("account_id","policy_name")
);

-- CreateTable
CREATE TABLE "iam_policy_versions" (
    "account_id" CHAR(12) NOT NULL,
    "policy_name" TEXT NOT NULL,
    "version_id" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_policy_versions_pkey" PRIMARY KEY ("account_id","policy_name","version_id")
);

-- CreateTable
CREATE TABLE "iam_policy_attachments" (
    "account_id" CHAR(12) NOT NULL,
    "principal_type" "IamPrincipalType" NOT NULL,
    "principal_key" TEXT NOT NULL,
    "policy_arn" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_policy_attachments_pkey" PRIMARY KEY ("account_id","principal_type","principal_key","policy_arn")
);

-- CreateTable
CREATE TABLE "iam_inline_policies" (
    "account_id" CHAR(12) NOT NULL,
    "principal_type" "IamPrincipalType" NOT NULL,
    "principal_key" TEXT NOT NULL,
    "policy_name" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "iam_inline_policies_pkey" PRIMARY KEY ("account_id","principal_type","principal_key","policy_name")
);

-- CreateIndex
CREATE UNIQUE INDEX "iam_roles_role_id_key" ON "iam_roles"("role_id");

-- CreateIndex
CREATE UNIQUE INDEX "iam_users_user_id_key" ON "iam_users"("user_id");

-- CreateIndex
CREATE INDEX "iam_access_keys_account_id_name_key_idx" ON "iam_access_keys"("account_id", "name_key");

-- CreateIndex
CREATE UNIQUE INDEX "iam_policies_policy_id_key" ON "iam_policies"("policy_id");

-- CreateIndex
CREATE INDEX "iam_policy_attachments_account_id_policy_arn_idx" ON "iam_policy_attachments"("account_id", "policy_arn");

-- AddForeignKey
ALTER TABLE "iam_access_keys" ADD CONSTRAINT "iam_access_keys_account_id_name_key_fkey" FOREIGN KEY ("account_id", "name_key") REFERENCES "iam_users"("account_id", "name_key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "iam_policy_versions" ADD CONSTRAINT "iam_policy_versions_account_id_policy_name_fkey" FOREIGN KEY ("account_id", "policy_name") REFERENCES "iam_policies"("account_id", "policy_name") ON DELETE CASCADE ON UPDATE CASCADE;

