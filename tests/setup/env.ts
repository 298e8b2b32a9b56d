// Loaded with --import before every integration test file: point everything at the test database and Redis DB 1.
Object.assign(process.env, { NODE_ENV: "test" });
process.env.DATABASE_URL ??= "postgresql://postgres@127.0.0.1:5432/stratus_test";
process.env.REDIS_URL ??= "redis://127.0.0.1:6379/1";
process.env.STRATUS_SECRET_KEY ??= "test-secret-key-0123456789abcdef0123456789abcdef";
process.env.STRATUS_DATA_DIR ??= ".stratus/test";
// Asynchronous Lambda retries wait a second instead of AWS's minutes.
process.env.STRATUS_LAMBDA_RETRY_DELAYS_SECONDS ??= "1,1";
// Test files run in parallel processes, each with its own gateway and workers: their BullMQ queues must
// not meet, or one file's synchronous invocations would run in another's workers. (Set, not defaulted:
// the test runner's own process loads this file too, and its children inherit its environment.)
process.env.STRATUS_QUEUE_PREFIX = `stratus-test-${process.pid}`;
