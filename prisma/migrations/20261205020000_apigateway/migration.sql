-- CreateTable
CREATE TABLE "apigw_rest_apis" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "config" JSONB NOT NULL,
    "root_resource_id" TEXT NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "apigw_rest_apis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apigw_resources" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "rest_api_id" TEXT NOT NULL,
    "parent_id" TEXT,
    "path_part" TEXT COLLATE "C",
    "methods" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "apigw_resources_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apigw_models" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "rest_api_id" TEXT NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "description" TEXT,
    "schema" TEXT,
    "content_type" TEXT NOT NULL,

    CONSTRAINT "apigw_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apigw_request_validators" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "rest_api_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "validate_request_body" BOOLEAN NOT NULL DEFAULT false,
    "validate_request_parameters" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "apigw_request_validators_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apigw_deployments" (
    "id" TEXT NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "rest_api_id" TEXT NOT NULL,
    "description" TEXT,
    "snapshot" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "apigw_deployments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "apigw_stages" (
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "rest_api_id" TEXT NOT NULL,
    "name" TEXT COLLATE "C" NOT NULL,
    "deployment_id" TEXT NOT NULL,
    "config" JSONB NOT NULL,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "apigw_stages_pkey" PRIMARY KEY ("rest_api_id","name")
);

-- CreateIndex
CREATE INDEX "apigw_rest_apis_account_id_region_id_idx" ON "apigw_rest_apis"("account_id", "region", "id");

-- CreateIndex
CREATE INDEX "apigw_resources_account_id_region_rest_api_id_idx" ON "apigw_resources"("account_id", "region", "rest_api_id");

-- CreateIndex
CREATE UNIQUE INDEX "apigw_resources_rest_api_id_parent_id_path_part_key" ON "apigw_resources"("rest_api_id", "parent_id", "path_part");

-- CreateIndex
CREATE INDEX "apigw_models_account_id_region_rest_api_id_idx" ON "apigw_models"("account_id", "region", "rest_api_id");

-- CreateIndex
CREATE UNIQUE INDEX "apigw_models_rest_api_id_name_key" ON "apigw_models"("rest_api_id", "name");

-- CreateIndex
CREATE INDEX "apigw_request_validators_account_id_region_rest_api_id_idx" ON "apigw_request_validators"("account_id", "region", "rest_api_id");

-- CreateIndex
CREATE INDEX "apigw_deployments_account_id_region_rest_api_id_created_at_idx" ON "apigw_deployments"("account_id", "region", "rest_api_id", "created_at");

-- CreateIndex
CREATE INDEX "apigw_stages_account_id_region_rest_api_id_idx" ON "apigw_stages"("account_id", "region", "rest_api_id");

-- CreateIndex
CREATE INDEX "apigw_stages_deployment_id_idx" ON "apigw_stages"("deployment_id");

-- AddForeignKey
ALTER TABLE "apigw_resources" ADD CONSTRAINT "apigw_resources_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "apigw_rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_resources" ADD CONSTRAINT "apigw_resources_parent_id_fkey" FOREIGN KEY ("parent_id") REFERENCES "apigw_resources"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_models" ADD CONSTRAINT "apigw_models_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "apigw_rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_request_validators" ADD CONSTRAINT "apigw_request_validators_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "apigw_rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_deployments" ADD CONSTRAINT "apigw_deployments_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "apigw_rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_stages" ADD CONSTRAINT "apigw_stages_rest_api_id_fkey" FOREIGN KEY ("rest_api_id") REFERENCES "apigw_rest_apis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "apigw_stages" ADD CONSTRAINT "apigw_stages_deployment_id_fkey" FOREIGN KEY ("deployment_id") REFERENCES "apigw_deployments"("id") ON DELETE NO ACTION ON UPDATE CASCADE;

