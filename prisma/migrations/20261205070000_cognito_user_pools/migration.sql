-- CreateEnum
CREATE TYPE "CognitoUserStatus" AS ENUM ('UNCONFIRMED', 'CONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED');

-- CreateTable
CREATE TABLE "cognito_user_pools" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "key_id" TEXT NOT NULL,
    "private_key_encrypted" TEXT NOT NULL,
    "public_jwk" JSONB NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_user_pools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cognito_user_pool_clients" (
    "client_id" TEXT NOT NULL,
    "user_pool_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "secret_encrypted" TEXT,
    "config" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_user_pool_clients_pkey" PRIMARY KEY ("client_id")
);

-- CreateTable
CREATE TABLE "cognito_users" (
    "user_pool_id" TEXT NOT NULL,
    "username_key" TEXT NOT NULL,
    "username" TEXT NOT NULL,
    "sub" UUID NOT NULL,
    "status" "CognitoUserStatus" NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "attributes" JSONB NOT NULL,
    "password_hash" TEXT,
    "srp_salt" TEXT,
    "srp_verifier" TEXT,
    "password_expires_at" TIMESTAMPTZ(3),
    "tokens_valid_after" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "mfa" JSONB NOT NULL DEFAULT '{}',
    "failed_sign_ins" INTEGER NOT NULL DEFAULT 0,
    "locked_until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_users_pkey" PRIMARY KEY ("user_pool_id","username_key")
);

-- CreateTable
CREATE TABLE "cognito_groups" (
    "user_pool_id" TEXT NOT NULL,
    "group_name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "precedence" INTEGER,
    "role_arn" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_groups_pkey" PRIMARY KEY ("user_pool_id","group_name")
);

-- CreateTable
CREATE TABLE "cognito_user_groups" (
    "user_pool_id" TEXT NOT NULL,
    "username_key" TEXT NOT NULL,
    "group_name" TEXT NOT NULL,

    CONSTRAINT "cognito_user_groups_pkey" PRIMARY KEY ("user_pool_id","username_key","group_name")
);

-- CreateTable
CREATE TABLE "cognito_codes" (
    "user_pool_id" TEXT NOT NULL,
    "username_key" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "code_hash" TEXT NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_codes_pkey" PRIMARY KEY ("user_pool_id","username_key","purpose")
);

-- CreateTable
CREATE TABLE "cognito_refresh_tokens" (
    "token_hash" TEXT NOT NULL,
    "user_pool_id" TEXT NOT NULL,
    "username_key" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "auth_time" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "revoked_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_refresh_tokens_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE INDEX "cognito_user_pools_account_id_region_idx" ON "cognito_user_pools"("account_id", "region");

-- CreateIndex
CREATE INDEX "cognito_user_pool_clients_user_pool_id_idx" ON "cognito_user_pool_clients"("user_pool_id");

-- CreateIndex
CREATE UNIQUE INDEX "cognito_users_sub_key" ON "cognito_users"("sub");

-- CreateIndex
CREATE INDEX "cognito_users_user_pool_id_created_at_idx" ON "cognito_users"("user_pool_id", "created_at");

-- CreateIndex
CREATE INDEX "cognito_user_groups_user_pool_id_group_name_idx" ON "cognito_user_groups"("user_pool_id", "group_name");

-- CreateIndex
CREATE INDEX "cognito_refresh_tokens_user_pool_id_username_key_idx" ON "cognito_refresh_tokens"("user_pool_id", "username_key");

-- AddForeignKey
ALTER TABLE "cognito_user_pool_clients" ADD CONSTRAINT "cognito_user_pool_clients_user_pool_id_fkey" FOREIGN KEY ("user_pool_id") REFERENCES "cognito_user_pools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cognito_users" ADD CONSTRAINT "cognito_users_user_pool_id_fkey" FOREIGN KEY ("user_pool_id") REFERENCES "cognito_user_pools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cognito_groups" ADD CONSTRAINT "cognito_groups_user_pool_id_fkey" FOREIGN KEY ("user_pool_id") REFERENCES "cognito_user_pools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cognito_user_groups" ADD CONSTRAINT "cognito_user_groups_user_pool_id_username_key_fkey" FOREIGN KEY ("user_pool_id", "username_key") REFERENCES "cognito_users"("user_pool_id", "username_key") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "cognito_user_groups" ADD CONSTRAINT "cognito_user_groups_user_pool_id_group_name_fkey" FOREIGN KEY ("user_pool_id", "group_name") REFERENCES "cognito_groups"("user_pool_id", "group_name") ON DELETE CASCADE ON UPDATE CASCADE;

