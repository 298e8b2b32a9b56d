/** SNS delivery protocols as the console names and explains them. */
export const PROTOCOLS = ["sqs", "lambda", "http", "https", "email", "email-json", "sms", "application"] as const;
export type Protocol = (typeof PROTOCOLS)[number];

export const PROTOCOL_LABELS: Record<Protocol, string> = {
  sqs: "Amazon SQS",
  lambda: "AWS Lambda",
  http: "HTTP",
  https: "HTTPS",
  email: "Email",
  "email-json": "Email-JSON",
  sms: "SMS",
  application: "Platform application endpoint",
};

export function protocolLabel(protocol: string): string {
  return PROTOCOL_LABELS[protocol as Protocol] ?? protocol;
}

interface EndpointHelp {
  label: string;
  description: string;
  placeholder: string;
}

export const ENDPOINT_HELP: Record<Protocol, EndpointHelp> = {
  sqs: { label: "Endpoint", description: "The ARN of an SQS queue. Queues of this account confirm at once.", placeholder: "arn:aws:sqs:us-east-1:123456789012:MyQueue" },
  lambda: { label: "Endpoint", description: "The ARN of a Lambda function. Functions of this account confirm at once.", placeholder: "arn:aws:lambda:us-east-1:123456789012:function:MyFunction" },
  http: { label: "Endpoint", description: "A URL starting with http://. It receives a confirmation request to answer first.", placeholder: "http://www.example.com/notify" },
  https: { label: "Endpoint", description: "A URL starting with https://. It receives a confirmation request to answer first.", placeholder: "https://www.example.com/notify" },
  email: { label: "Endpoint", description: "An email address. The confirmation message lands in the SNS outbox.", placeholder: "user@example.com" },
  "email-json": { label: "Endpoint", description: "An email address that receives the JSON notification. The confirmation lands in the SNS outbox.", placeholder: "user@example.com" },
  sms: { label: "Endpoint", description: "A phone number in E.164 format. Messages land in the SNS outbox.", placeholder: "+12065550100" },
  application: { label: "Endpoint", description: "The ARN of a platform application endpoint (mobile push).", placeholder: "arn:aws:sns:us-east-1:123456789012:endpoint/GCM/MyApp/…" },
};

/** Raw message delivery: the message as published, without SNS's JSON envelope (AWS allows it for these). */
export const RAW_PROTOCOLS: ReadonlySet<string> = new Set(["sqs", "http", "https"]);

/** The protocols whose delivery policy (retries, throttling) can be set. */
export const DELIVERY_POLICY_PROTOCOLS: ReadonlySet<string> = new Set(["http", "https"]);

/** Endpoints that must confirm before they receive messages (for SQS and Lambda: only another account's). */
export function needsConfirmation(protocol: string, endpoint: string, accountId: string): boolean {
  if (protocol === "sqs" || protocol === "lambda") return endpoint.split(":")[4] !== accountId;
  return protocol === "http" || protocol === "https" || protocol === "email" || protocol === "email-json";
}

/** The client's check of an endpoint for its protocol; the server has the last word. */
export function endpointError(protocol: Protocol, endpoint: string): string | undefined {
  const value = endpoint.trim();
  if (!value) return "Enter an endpoint.";
  switch (protocol) {
    case "sqs":
      return /^arn:aws[a-z-]*:sqs:[a-z0-9-]+:\d{12}:[A-Za-z0-9_.-]+$/.test(value) ? undefined : "Enter the ARN of an SQS queue.";
    case "lambda":
      return /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9$_-]+)?$/.test(value) ? undefined : "Enter the ARN of a Lambda function.";
    case "http":
    case "https":
      try {
        const url = new URL(value);
        return url.protocol === `${protocol}:` && url.host ? undefined : `Enter a URL that starts with ${protocol}://.`;
      } catch {
        return `Enter a URL that starts with ${protocol}://.`;
      }
    case "email":
    case "email-json":
      return /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value) ? undefined : "Enter an email address.";
    case "sms":
      return /^\+?[0-9]{5,15}$/.test(value.replace(/[\s().-]/g, "")) ? undefined : "Enter a phone number, e.g. +12065550100.";
    case "application":
      return value.startsWith("arn:") && value.includes(":endpoint/") ? undefined : "Enter the ARN of a platform endpoint.";
  }
}
