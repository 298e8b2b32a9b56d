/**
 * A long poll parked on an empty queue before a message is sent, so a workload can time how soon the
 * message wakes it (SQS's long-poll wake-up, SNS's publish → queue); and the clean-up after a round
 * whose message did not arrive in time.
 */
import { DeleteMessageCommand, type Message, ReceiveMessageCommand } from "@aws-sdk/client-sqs";
import type { BenchClient } from "./sqs-client";
import { sleep } from "./stats";

export interface ParkedReceive {
  /** Waits for the receive, aborting it after `timeoutMs`: its message (none when aborted) and when it returned. */
  settle(timeoutMs?: number): Promise<{ message?: Message; returnedAt: number }>;
}

/**
 * Sends a ReceiveMessage(WaitTimeSeconds 20) and gives it `parkMs` to reach the server and park. Throws
 * when it returned meanwhile: the queue was not empty, so the round would time nothing.
 */
export async function parkReceive(client: BenchClient, queueUrl: string, parkMs: number, server: string): Promise<ParkedReceive> {
  const abort = new AbortController();
  let returnedAt = 0;
  const receive = client.sqs
    .send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 1, WaitTimeSeconds: 20 }), { abortSignal: abort.signal })
    .then((r) => {
      returnedAt = performance.now();
      return r;
    });
  await sleep(parkMs);
  if (returnedAt) throw new Error(`${server}: the long poll returned before the round's message was sent`);
  return {
    async settle(timeoutMs = 3_000) {
      const guard = setTimeout(() => abort.abort(), timeoutMs);
      const result = await receive.catch(() => null);
      clearTimeout(guard);
      return { message: result?.Messages?.[0], returnedAt };
    },
  };
}

/** After a missed round: waits `settleMs` for a message still on its way, then deletes all the queue holds, so the next round starts empty. */
export async function emptyQueue(client: BenchClient, queueUrl: string, settleMs: number): Promise<void> {
  await sleep(settleMs);
  const stray = await client.sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, VisibilityTimeout: 0 }));
  for (const m of stray.Messages ?? []) await client.sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
}
