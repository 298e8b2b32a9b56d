-- CreateTable
CREATE TABLE "cognito_resource_servers" (
    "user_pool_id" TEXT NOT NULL,
    "identifier" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "scopes" JSONB NOT NULL DEFAULT '[]',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_resource_servers_pkey" PRIMARY KEY ("user_pool_id","identifier")
);

-- CreateTable
CREATE TABLE "cognito_authorization_codes" (
    "code_hash" TEXT NOT NULL,
    "user_pool_id" TEXT NOT NULL,
    "client_id" TEXT NOT NULL,
    "username_key" TEXT NOT NULL,
    "redirect_uri" TEXT NOT NULL,
    "scopes" TEXT[],
    "code_challenge" TEXT,
    "code_challenge_method" TEXT,
    "nonce" TEXT,
    "auth_time" TIMESTAMPTZ(3) NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "cognito_authorization_codes_pkey" PRIMARY KEY ("code_hash")
);

-- CreateTable
CREATE TABLE "cognito_identity_pools" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "roles" JSONB NOT NULL DEFAULT '{}',
    "role_mappings" JSONB NOT NULL DEFAULT '{}',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_identity_pools_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "cognito_identities" (
    "identity_id" TEXT NOT NULL,
    "identity_pool_id" TEXT NOT NULL,
    "logins" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_identities_pkey" PRIMARY KEY ("identity_id")
);

-- CreateIndex
CREATE INDEX "cognito_authorization_codes_expires_at_idx" ON "cognito_authorization_codes"("expires_at");

-- CreateIndex
CREATE INDEX "cognito_identity_pools_account_id_region_idx" ON "cognito_identity_pools"("account_id", "region");

-- CreateIndex
CREATE INDEX "cognito_identities_identity_pool_id_created_at_idx" ON "cognito_identities"("identity_pool_id", "created_at");

-- AddForeignKey
ALTER TABLE "cognito_identities" ADD CONSTRAINT "cognito_identities_identity_pool_id_fkey" FOREIGN KEY ("identity_pool_id") REFERENCES "cognito_identity_pools"("id") ON DELETE CASCADE ON UPDATE CASCADE;

