// Imported first by account-throttle.test.ts, before anything reads the environment: this file's
// process gets an account-level throttle small enough to reach (a burst of 3, hardly refilled).
process.env.STRATUS_APIGW_ACCOUNT_RATE_LIMIT = "0.01";
process.env.STRATUS_APIGW_ACCOUNT_BURST_LIMIT = "3";
