"use client";

import { useEffect, useRef, useState } from "react";
import { Alert } from "../../../_components/Alert";
import { Button } from "../../../_components/Button";
import { Container } from "../../../_components/Container";
import { errorMessage, isNotFound } from "../../../_lib/errors";
import { useTRPCClient } from "../../../_trpc/client";
import type { RouterOutputs } from "../../../_trpc/types";
import "./logs.css";

type TailEvent = RouterOutputs["logs"]["tail"]["events"][number];

const POLL_MS = 1_000;
/** The panel keeps the newest lines only, so a chatty function can't grow the page without bound. */
const MAX_LINES = 1_000;

interface LiveTailProps {
  logGroupName: string;
  /** One stream of the group; the whole group when omitted. */
  logStreamName?: string;
  description?: string;
}

/**
 * Live tail: while started, asks for the events ingested since the last call every second
 * (logs.tail with a cursor) and appends them, following the end of the list.
 */
export function LiveTail({ logGroupName, logStreamName, description }: LiveTailProps) {
  const client = useTRPCClient();
  const [running, setRunning] = useState(false);
  const [events, setEvents] = useState<TailEvent[]>([]);
  const [error, setError] = useState<unknown>(null);
  const listRef = useRef<HTMLOListElement>(null);
  const following = useRef(true);

  useEffect(() => {
    if (!running) return;
    const controller = new AbortController();
    let cursor: string | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    async function poll() {
      try {
        const page = await client.logs.tail.query({ logGroupName, logStreamName, after: cursor, limit: 500 }, { signal: controller.signal });
        cursor = page.cursor;
        setError(null);
        if (page.events.length > 0) setEvents((all) => [...all, ...page.events].slice(-MAX_LINES));
      } catch (e) {
        if (controller.signal.aborted) return;
        // A function's group appears with its first invocation: keep asking.
        setError(e);
      }
      timer = setTimeout(() => void poll(), POLL_MS);
    }
    void poll();
    return () => {
      controller.abort();
      clearTimeout(timer);
    };
  }, [running, client, logGroupName, logStreamName]);

  // New lines scroll into view unless the reader has scrolled up to read older ones.
  useEffect(() => {
    const list = listRef.current;
    if (list && following.current) list.scrollTop = list.scrollHeight;
  }, [events]);

  function start() {
    setEvents([]);
    setError(null);
    following.current = true;
    setRunning(true);
  }

  return (
    <Container
      title="Live tail"
      description={description ?? "Streams new log events as they arrive, polling every second while started."}
      actions={
        <>
          <Button disabled={events.length === 0} onClick={() => setEvents([])}>
            Clear
          </Button>
          {running ? (
            <Button onClick={() => setRunning(false)}>Stop</Button>
          ) : (
            <Button variant="primary" onClick={start}>
              Start
            </Button>
          )}
        </>
      }
    >
      <p className="text-secondary">
        {running ? `Tailing ${logStreamName ?? logGroupName}: ${events.length} ${events.length === 1 ? "event" : "events"}` : "Stopped"}
      </p>
      {error != null &&
        (isNotFound(error) ? (
          <Alert type="info">The log group {logGroupName} doesn&apos;t exist yet. Events show here once it is created.</Alert>
        ) : (
          <Alert type="error">{errorMessage(error)}</Alert>
        ))}
      <ol
        ref={listRef}
        className="logs-lines"
        aria-label="Live tail events"
        onScroll={(e) => {
          const el = e.currentTarget;
          following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {events.length === 0 && <li className="logs-lines-empty">{running ? "Waiting for events…" : "Start the tail to see new events."}</li>}
        {events.map((event) => (
          <li key={event.eventId}>
            <time dateTime={new Date(event.timestamp).toISOString()}>{new Date(event.timestamp).toISOString()}</time>
            <pre>{event.message}</pre>
            {!logStreamName && <span className="logs-stream">{event.logStreamName}</span>}
          </li>
        ))}
      </ol>
    </Container>
  );
}
