/** Subscription confirmation links (SubscribeURL) as SNS puts them in confirmation messages. */

export interface ConfirmationRequest {
  topicArn: string;
  token: string;
}

/**
 * The topic and token of a confirmation: a SubscribeURL (…?Action=ConfirmSubscription&TopicArn=…&Token=…),
 * or a bare token for `fallbackTopicArn`. Null when neither can be read.
 */
export function parseConfirmation(text: string, fallbackTopicArn?: string): ConfirmationRequest | null {
  const value = text.trim();
  if (!value) return null;
  let url: URL | null = null;
  try {
    url = new URL(value);
  } catch {
    url = null;
  }
  if (url) {
    const token = url.searchParams.get("Token");
    const topicArn = url.searchParams.get("TopicArn") ?? fallbackTopicArn;
    return url.searchParams.get("Action") === "ConfirmSubscription" && token && topicArn ? { topicArn, token } : null;
  }
  return fallbackTopicArn && /^[A-Za-z0-9]+$/.test(value) ? { topicArn: fallbackTopicArn, token: value } : null;
}

/** http(s) links in a message, in order and without repeats: the only text the console turns into anchors. */
export function findLinks(text: string): string[] {
  const links = new Set<string>();
  for (const match of text.matchAll(/https?:\/\/[^\s"'<>\\]+/g)) {
    const link = match[0].replace(/[).,;]+$/, "");
    try {
      const url = new URL(link);
      if (url.protocol === "http:" || url.protocol === "https:") links.add(url.href);
    } catch {
      // Not a URL after all: it stays plain text.
    }
  }
  return [...links];
}

export function isConfirmationLink(link: string): boolean {
  try {
    return new URL(link).searchParams.get("Action") === "ConfirmSubscription";
  } catch {
    return false;
  }
}
