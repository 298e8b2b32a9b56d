-- CreateTable
CREATE TABLE "cognito_provider_links" (
    "user_pool_id" TEXT NOT NULL,
    "provider_name" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "username_key" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "cognito_provider_links_pkey" PRIMARY KEY ("user_pool_id","provider_name","subject")
);

-- CreateIndex
CREATE INDEX "cognito_provider_links_user_pool_id_username_key_idx" ON "cognito_provider_links"("user_pool_id", "username_key");

-- AddForeignKey
ALTER TABLE "cognito_provider_links" ADD CONSTRAINT "cognito_provider_links_user_pool_id_username_key_fkey" FOREIGN KEY ("user_pool_id", "username_key") REFERENCES "cognito_users"("user_pool_id", "username_key") ON DELETE CASCADE ON UPDATE CASCADE;

