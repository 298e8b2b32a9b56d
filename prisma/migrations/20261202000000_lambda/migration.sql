-- CreateTable
CREATE TABLE "lambda_functions" (
    "id" UUID NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "last_version" INTEGER NOT NULL DEFAULT 0,
    "reserved_concurrency" INTEGER,
    "tags" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lambda_functions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lambda_versions" (
    "id" UUID NOT NULL,
    "function_id" UUID NOT NULL,
    "version" TEXT NOT NULL,
    "version_number" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "runtime" TEXT NOT NULL,
    "handler" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "memory_size" INTEGER NOT NULL,
    "timeout" INTEGER NOT NULL,
    "ephemeral_storage_size" INTEGER NOT NULL,
    "environment" JSONB,
    "tracing_mode" TEXT NOT NULL,
    "architectures" TEXT[],
    "dead_letter_target_arn" TEXT,
    "logging_config" JSONB NOT NULL,
    "snap_start_apply_on" TEXT NOT NULL DEFAULT 'None',
    "code_sha256" TEXT NOT NULL,
    "code_size" INTEGER NOT NULL,
    "revision_id" UUID NOT NULL,
    "config_revision" UUID NOT NULL,
    "last_modified" TIMESTAMPTZ(3) NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'Active',
    "last_update_status" TEXT NOT NULL DEFAULT 'Successful',

    CONSTRAINT "lambda_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lambda_version_layers" (
    "version_id" UUID NOT NULL,
    "position" INTEGER NOT NULL,
    "layer_version_arn" TEXT NOT NULL,
    "code_sha256" TEXT NOT NULL,
    "code_size" INTEGER NOT NULL,

    CONSTRAINT "lambda_version_layers_pkey" PRIMARY KEY ("version_id","position")
);

-- CreateTable
CREATE TABLE "lambda_code_blobs" (
    "sha256" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "unzipped_size" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lambda_code_blobs_pkey" PRIMARY KEY ("sha256")
);

-- CreateTable
CREATE TABLE "lambda_aliases" (
    "id" UUID NOT NULL,
    "function_id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "function_version" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "additional_version_weights" JSONB,
    "revision_id" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lambda_aliases_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lambda_layers" (
    "id" UUID NOT NULL,
    "account_id" CHAR(12) NOT NULL,
    "region" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "last_version" INTEGER NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lambda_layers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lambda_layer_versions" (
    "id" UUID NOT NULL,
    "layer_id" UUID NOT NULL,
    "version" INTEGER NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "compatible_runtimes" TEXT[],
    "compatible_architectures" TEXT[],
    "license_info" TEXT,
    "code_sha256" TEXT NOT NULL,
    "code_size" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lambda_layer_versions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "lambda_provisioned_concurrency" (
    "function_id" UUID NOT NULL,
    "qualifier" TEXT NOT NULL,
    "requested" INTEGER NOT NULL,
    "allocated" INTEGER NOT NULL DEFAULT 0,
    "available" INTEGER NOT NULL DEFAULT 0,
    "status" TEXT NOT NULL DEFAULT 'IN_PROGRESS',
    "status_reason" TEXT,
    "last_modified" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lambda_provisioned_concurrency_pkey" PRIMARY KEY ("function_id","qualifier")
);

-- CreateTable
CREATE TABLE "lambda_event_invoke_configs" (
    "function_id" UUID NOT NULL,
    "qualifier" TEXT NOT NULL,
    "maximum_retry_attempts" INTEGER,
    "maximum_event_age_in_seconds" INTEGER,
    "on_success_destination" TEXT,
    "on_failure_destination" TEXT,
    "last_modified" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "lambda_event_invoke_configs_pkey" PRIMARY KEY ("function_id","qualifier")
);

-- CreateTable
CREATE TABLE "lambda_policy_statements" (
    "function_id" UUID NOT NULL,
    "qualifier" TEXT NOT NULL,
    "sid" TEXT NOT NULL,
    "statement" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "lambda_policy_statements_pkey" PRIMARY KEY ("function_id","qualifier","sid")
);

-- CreateIndex
CREATE UNIQUE INDEX "lambda_functions_account_id_region_name_key" ON "lambda_functions"("account_id", "region", "name");

-- CreateIndex
CREATE INDEX "lambda_versions_function_id_version_number_idx" ON "lambda_versions"("function_id", "version_number");

-- CreateIndex
CREATE INDEX "lambda_versions_code_sha256_idx" ON "lambda_versions"("code_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "lambda_versions_function_id_version_key" ON "lambda_versions"("function_id", "version");

-- CreateIndex
CREATE INDEX "lambda_version_layers_code_sha256_idx" ON "lambda_version_layers"("code_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "lambda_aliases_function_id_name_key" ON "lambda_aliases"("function_id", "name");

-- CreateIndex
CREATE UNIQUE INDEX "lambda_layers_account_id_region_name_key" ON "lambda_layers"("account_id", "region", "name");

-- CreateIndex
CREATE INDEX "lambda_layer_versions_code_sha256_idx" ON "lambda_layer_versions"("code_sha256");

-- CreateIndex
CREATE UNIQUE INDEX "lambda_layer_versions_layer_id_version_key" ON "lambda_layer_versions"("layer_id", "version");

-- AddForeignKey
ALTER TABLE "lambda_versions" ADD CONSTRAINT "lambda_versions_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "lambda_functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_versions" ADD CONSTRAINT "lambda_versions_code_sha256_fkey" FOREIGN KEY ("code_sha256") REFERENCES "lambda_code_blobs"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_version_layers" ADD CONSTRAINT "lambda_version_layers_version_id_fkey" FOREIGN KEY ("version_id") REFERENCES "lambda_versions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_version_layers" ADD CONSTRAINT "lambda_version_layers_code_sha256_fkey" FOREIGN KEY ("code_sha256") REFERENCES "lambda_code_blobs"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_aliases" ADD CONSTRAINT "lambda_aliases_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "lambda_functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_layer_versions" ADD CONSTRAINT "lambda_layer_versions_layer_id_fkey" FOREIGN KEY ("layer_id") REFERENCES "lambda_layers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_layer_versions" ADD CONSTRAINT "lambda_layer_versions_code_sha256_fkey" FOREIGN KEY ("code_sha256") REFERENCES "lambda_code_blobs"("sha256") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_provisioned_concurrency" ADD CONSTRAINT "lambda_provisioned_concurrency_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "lambda_functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_event_invoke_configs" ADD CONSTRAINT "lambda_event_invoke_configs_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "lambda_functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "lambda_policy_statements" ADD CONSTRAINT "lambda_policy_statements_function_id_fkey" FOREIGN KEY ("function_id") REFERENCES "lambda_functions"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Packages are zips already: storing them uncompressed spares TOAST a pointless compression pass.
ALTER TABLE "lambda_code_blobs" ALTER COLUMN "data" SET STORAGE EXTERNAL;
