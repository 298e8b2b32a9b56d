/** SNS quotas and fixed values, as AWS documents them. */
export const MAX_MESSAGE_BYTES = 262_144;
export const MAX_SUBJECT_LENGTH = 100;
export const MAX_BATCH_ENTRIES = 10;
export const MAX_TAGS = 50;
export const PAGE_SIZE = 100;
/** FIFO topics deduplicate for five minutes. */
export const DEDUPLICATION_WINDOW_SECONDS = 300;
/** Confirmation tokens (and the pending subscriptions waiting on them) last three days. */
export const CONFIRMATION_TOKEN_TTL_SECONDS = 3 * 24 * 3600;
export const PROTOCOLS = ["http", "https", "email", "email-json", "sms", "sqs", "application", "lambda"] as const;
export type Protocol = (typeof PROTOCOLS)[number];
