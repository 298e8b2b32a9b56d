// Loaded with --import before every integration test file: point everything at the test database and Redis DB 1.
Object.assign(process.env, { NODE_ENV: "test" });
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/stratus_test";
process.env.REDIS_URL ??= "redis://127.0.0.1:6379/1";
process.env.STRATUS_SECRET_KEY ??= "test-secret-key-0123456789abcdef0123456789abcdef";
process.env.STRATUS_DATA_DIR ??= ".stratus/test";
// Asynchronous Lambda retries wait a second instead of AWS's minutes.
process.env.STRATUS_LAMBDA_RETRY_DELAYS_SECONDS ??= "1,1";
