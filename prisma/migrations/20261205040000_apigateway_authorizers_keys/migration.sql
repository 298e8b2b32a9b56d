-- CreateTable
CREATE TABLE "apigw_authorizers" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "rest_api_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "apigw_authorizers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apigw_gateway_responses" (
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "rest_api_id" TEXT NOT NULL,
    "response_type" TEXT NOT NULL,
    "status_code" TEXT,
    "response_parameters" JSONB NOT NULL DEFAULT '{}',
    "response_templates" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "apigw_gateway_responses_pkey" PRIMARY KEY ("rest_api_id","response_type")
);

-- CreateTable
CREATE TABLE "apigw_api_keys" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "description" TEXT,
    "enabled" BOOLEAN NOT NULL DEFAULT false,
    "customer_id" TEXT,
    "stage_keys" JSONB NOT NULL DEFAULT '[]',
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "apigw_api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apigw_usage_plans" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "api_stages" JSONB NOT NULL DEFAULT '[]',
    "throttle" JSONB,
    "quota" JSONB,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "apigw_usage_plans_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apigw_usage_plan_keys" (
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "usage_plan_id" TEXT NOT NULL,
    "api_key_id" TEXT NOT NULL,

    CONSTRAINT "apigw_usage_plan_keys_pkey" PRIMARY KEY ("usage_plan_id","api_key_id")
);

-- CreateIndex
CREATE INDEX "apigw_authorizers_account_id_region_rest_api_id_idx" ON "apigw_authorizers"("account_id", "region", "rest_api_id");

-- CreateIndex
CREATE UNIQUE INDEX "apigw_authorizers_rest_api_id_name_key" ON "apigw_authorizers"("rest_api_id", "name");

-- CreateIndex
CREATE INDEX "apigw_gateway_responses_account_id_region_rest_api_id_idx" ON "apigw_gateway_responses"("account_id", "region", "rest_api_id");

-- CreateIndex
CREATE INDEX "apigw_api_keys_account_id_region_id_idx" ON "apigw_api_keys"("account_id", "region", "id");

-- CreateIndex
CREATE UNIQUE INDEX "apigw_api_keys_account_id_region_value_key" ON "apigw_api_keys"("account_id", "region", "value");

-- CreateIndex
CREATE INDEX "apigw_usage_plans_account_id_region_id_idx" ON "apigw_usage_plans"("account_id", "region", "id");

-- CreateIndex
CREATE INDEX "apigw_usage_plan_keys_api_key_id_idx" ON "apigw_usage_plan_keys"("api_key_id");

-- CreateIndex
CREATE INDEX "apigw_usage_plan_keys_account_id_region_usage_plan_id_idx" ON "apigw_usage_plan_keys"("account_id", "region", "usage_plan_id");

-- AddForeignKey
ALTER TABLE "apigw_authorizers" ADD CONSTRAINT "apigw_authorizers_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "apigw_rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_gateway_responses" ADD CONSTRAINT "apigw_gateway_responses_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "apigw_rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_usage_plan_keys" ADD CONSTRAINT "apigw_usage_plan_keys_usage_plan_id_fkey" FOREIGN KEY ("usage_plan_id") REFERENCES "apigw_usage_plans"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_usage_plan_keys" ADD CONSTRAINT "apigw_usage_plan_keys_api_key_id_fkey" FOREIGN KEY ("api_key_id") REFERENCES "apigw_api_keys"("id") ON DELETE CASCADE ON UPDATE CASCADE;

