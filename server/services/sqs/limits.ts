/** SQS quotas and attribute ranges (AWS's documented values; the issue fixes the message size at 256 KiB). */
export const MAX_MESSAGE_SIZE = 262_144;
export const MIN_MESSAGE_SIZE_SETTING = 1_024;
export const MAX_BATCH_ENTRIES = 10;
/** MaxNumberOfMessages of one ReceiveMessage. */
export const MAX_RECEIVE_MESSAGES = 10;
export const MAX_BATCH_BYTES = 262_144;
export const MAX_VISIBILITY_TIMEOUT = 43_200;
export const MAX_DELAY_SECONDS = 900;
export const MAX_WAIT_TIME_SECONDS = 20;
export const MAX_MESSAGE_ATTRIBUTES = 10;
export const DEDUPLICATION_WINDOW_SECONDS = 300;
export const RECEIVE_ATTEMPT_WINDOW_SECONDS = 300;
export const PURGE_INTERVAL_SECONDS = 60;
/** After DeleteQueue, its name cannot be reused for this long (QueueDeletedRecently). */
export const NAME_REUSE_DELAY_SECONDS = 60;
export const MAX_TAGS = 50;
export const MAX_PERMISSION_ACTIONS = 7;
export const MAX_QUEUE_NAME_LENGTH = 80;
export const MAX_RECEIVE_COUNT_LIMIT = 1_000;
export const MAX_LIST_RESULTS = 1_000;
