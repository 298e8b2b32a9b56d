-- AlterEnum
ALTER TYPE "CognitoUserStatus" ADD VALUE 'EXTERNAL_PROVIDER';

-- CreateTable
CREATE TABLE "cognito_identity_providers" (
    "user_pool_id" TEXT NOT NULL,
    "provider_name" TEXT NOT NULL,
    "provider_type" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "client_secret_encrypted" TEXT,
    "attribute_mapping" JSONB NOT NULL DEFAULT '{}',
    "idp_identifiers" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_identity_providers_pkey" PRIMARY KEY ("user_pool_id","provider_name")
);

-- AddForeignKey
ALTER TABLE "cognito_identity_providers" ADD CONSTRAINT "cognito_identity_providers_user_pool_id_fkey" FOREIGN KEY ("user_pool_id") REFERENCES "cognito_user_pools"("id") ON DELETE CASCADE ON UPDATE CASCADE;
