"use client";

import { useCallback, useSyncExternalStore } from "react";

/** A saved test event: a name and its JSON text. */
export interface TestEvent {
  name: string;
  json: string;
}

/**
 * Test events live in this browser's localStorage, per team, region and function: AWS keeps
 * "private" test events per user, which a browser profile stands in for.
 */
function storageKey(accountId: string, region: string, functionName: string): string {
  return `stratus:lambda-test-events:${accountId}:${region}:${functionName}`;
}

/** Same-tab writes don't fire "storage" events; this one tells this tab's subscribers. */
const LOCAL_CHANGE = "stratus:test-events";
const NONE: readonly TestEvent[] = [];
const parsed = new Map<string, { raw: string; events: readonly TestEvent[] }>();

function read(key: string): readonly TestEvent[] {
  const raw = window.localStorage.getItem(key);
  if (raw === null) return NONE;
  const cached = parsed.get(key);
  if (cached?.raw === raw) return cached.events;
  let events: readonly TestEvent[] = NONE;
  try {
    const value: unknown = JSON.parse(raw);
    if (Array.isArray(value)) {
      events = value.filter((e): e is TestEvent => typeof e?.name === "string" && typeof e?.json === "string");
    }
  } catch {
    // Not ours, or damaged: treat as no saved events; the next save replaces it.
  }
  parsed.set(key, { raw, events });
  return events;
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener("storage", onChange);
  window.addEventListener(LOCAL_CHANGE, onChange);
  return () => {
    window.removeEventListener("storage", onChange);
    window.removeEventListener(LOCAL_CHANGE, onChange);
  };
}

/** The function's saved test events, sorted by name, with save and delete. */
export function useTestEvents(accountId: string, region: string, functionName: string) {
  const key = storageKey(accountId, region, functionName);
  const events = useSyncExternalStore(
    subscribe,
    () => read(key),
    () => NONE,
  );
  const write = useCallback(
    (next: readonly TestEvent[]) => {
      window.localStorage.setItem(key, JSON.stringify([...next].sort((a, b) => a.name.localeCompare(b.name))));
      window.dispatchEvent(new Event(LOCAL_CHANGE));
    },
    [key],
  );
  const save = useCallback((event: TestEvent) => write([...read(key).filter((e) => e.name !== event.name), event]), [key, write]);
  const remove = useCallback((name: string) => write(read(key).filter((e) => e.name !== name)), [key, write]);
  return { events, save, remove };
}

/** Starting points for a new event, from AWS's event templates. */
export const EVENT_TEMPLATES: { id: string; label: string; json: unknown }[] = [
  { id: "hello-world", label: "hello-world", json: { key1: "value1", key2: "value2", key3: "value3" } },
  {
    id: "sqs",
    label: "sqs-receive-message",
    json: {
      Records: [
        {
          messageId: "19dd0b57-b21e-4ac1-bd88-01bbb068cb78",
          receiptHandle: "MessageReceiptHandle",
          body: "Hello from SQS!",
          attributes: {
            ApproximateReceiveCount: "1",
            SentTimestamp: "1523232000000",
            SenderId: "123456789012",
            ApproximateFirstReceiveTimestamp: "1523232000001",
          },
          messageAttributes: {},
          md5OfBody: "7b270e59b47ff90a553787216d55d91d",
          eventSource: "aws:sqs",
          eventSourceARN: "arn:aws:sqs:us-east-1:123456789012:MyQueue",
          awsRegion: "us-east-1",
        },
      ],
    },
  },
  {
    id: "apigateway-http",
    label: "apigateway-http-api-proxy",
    json: {
      version: "2.0",
      routeKey: "GET /hello",
      rawPath: "/hello",
      rawQueryString: "name=me",
      headers: { accept: "application/json", "content-type": "application/json" },
      queryStringParameters: { name: "me" },
      requestContext: { http: { method: "GET", path: "/hello", protocol: "HTTP/1.1", sourceIp: "192.0.2.1", userAgent: "agent" }, stage: "$default" },
      body: "",
      isBase64Encoded: false,
    },
  },
];
