/** CloudWatch Logs quotas and constants from the API reference. */

/** The retention periods PutRetentionPolicy accepts, in days. */
export const RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

export const MAX_BATCH_EVENTS = 10_000;
/** A batch's size is the sum of its messages' UTF-8 bytes plus this much per event. */
const EVENT_OVERHEAD_BYTES = 26;
export const MAX_BATCH_BYTES = 1_048_576;
export const MAX_EVENT_BYTES = 1_048_576;
/** PutLogEvents rejects events older than this or further ahead than MAX_EVENT_FUTURE_MS. */
export const MAX_EVENT_AGE_MS = 14 * 24 * 3_600_000;
export const MAX_EVENT_FUTURE_MS = 2 * 3_600_000;
/** The accepted events of one batch may span at most a day. */
export const MAX_BATCH_SPAN_MS = 24 * 3_600_000;

export const DAY_MS = 24 * 3_600_000;
/** GetLogEvents / FilterLogEvents pages: at most this many events and this many message bytes. */
export const MAX_EVENTS_PER_PAGE = 10_000;
export const MAX_PAGE_BYTES = 1_048_576;
/** DescribeLogGroups / DescribeLogStreams default and maximum page size. */
export const MAX_DESCRIBE_LIMIT = 50;
export const MAX_TAGS = 50;

/** An event's size as AWS counts it against batch and page limits. */
export const eventSize = (message: string) => Buffer.byteLength(message, "utf8") + EVENT_OVERHEAD_BYTES;
