/** JSON attribute values (policies) as the console edits and shows them. */
import { DEFAULT_HEADER_CONTENT_TYPE, DEFAULT_RETRY_POLICY } from "~/server/services/sns/delivery-policy";

/** Indented for reading; text that isn't JSON is shown as it is. */
export function prettyJson(text: string | undefined): string {
  if (!text) return "";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** Why `text` isn't a JSON object (named `what` in the message), or undefined when it is one. Empty text is allowed. */
export function jsonObjectError(text: string, what: string): string | undefined {
  if (!text.trim()) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `The ${what} must be valid JSON: ${error instanceof Error ? error.message : String(error)}`;
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? undefined : `The ${what} must be a JSON object.`;
}

/** Compact JSON for an attribute value (what GetTopicAttributes will echo), or the text as typed if it isn't JSON. */
export function compactJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}

const DEFAULT_REQUEST_POLICY = { headerContentType: DEFAULT_HEADER_CONTENT_TYPE };

/** AWS's default HTTP/S delivery policy for a topic (the server's defaults), as a starting point to edit. */
export const DEFAULT_TOPIC_DELIVERY_POLICY = JSON.stringify(
  { http: { defaultHealthyRetryPolicy: DEFAULT_RETRY_POLICY, disableSubscriptionOverrides: false, defaultRequestPolicy: DEFAULT_REQUEST_POLICY } },
  null,
  2,
);

/** The same defaults as a subscription's own delivery policy. */
export const DEFAULT_SUBSCRIPTION_DELIVERY_POLICY = JSON.stringify({ healthyRetryPolicy: DEFAULT_RETRY_POLICY, requestPolicy: DEFAULT_REQUEST_POLICY }, null, 2);
