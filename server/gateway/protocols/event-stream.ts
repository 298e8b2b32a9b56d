/**
 * AWS event streams (`application/vnd.amazon.eventstream`): the binary message framing SubscribeToShard
 * answers with. Each message is a prelude (total and header lengths, CRC32), string headers, the
 * payload and a CRC32 of everything before it. A stream starts with an `initial-response` event
 * holding the output's other members; an error ends it as an `exception` message.
 */
import { crc32 } from "node:zlib";
import { type AwsError, CommonErrors, isAwsError } from "../../errors";

const HEADER_TYPE_STRING = 7;
export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

/** One event-stream message with string-valued headers. */
export function encodeEventMessage(headers: Record<string, string>, payload: Buffer): Buffer {
  const encodedHeaders = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const n = Buffer.from(name, "utf8");
      const v = Buffer.from(value, "utf8");
      const out = Buffer.alloc(1 + n.length + 1 + 2 + v.length);
      out.writeUInt8(n.length, 0);
      n.copy(out, 1);
      out.writeUInt8(HEADER_TYPE_STRING, 1 + n.length);
      out.writeUInt16BE(v.length, 2 + n.length);
      v.copy(out, 4 + n.length);
      return out;
    }),
  );
  const total = 12 + encodedHeaders.length + payload.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(encodedHeaders.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  encodedHeaders.copy(message, 12);
  payload.copy(message, 12 + encodedHeaders.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

export interface EventStreamEncoding {
  /** The payloads' content type, e.g. `application/json`. */
  contentType: string;
  encode(value: unknown): Buffer;
  /** The error's code and payload, as the protocol writes errors. */
  error(error: AwsError): { code: string; payload: unknown };
}

/**
 * The framed messages of an event-stream output: the initial response, then one event per item of
 * `events` (each `{ EventType: payload }`, a member of the stream's union), then, should `events`
 * fail, the error as an exception message (an unexpected one logged, and sent as InternalFailure).
 */
export async function* eventStreamMessages(
  initial: Record<string, unknown>,
  events: AsyncIterable<Record<string, unknown>>,
  encoding: EventStreamEncoding,
): AsyncGenerator<Buffer> {
  const event = (type: string, payload: unknown) =>
    encodeEventMessage({ ":message-type": "event", ":event-type": type, ":content-type": encoding.contentType }, encoding.encode(payload));
  yield event("initial-response", initial);
  try {
    for await (const item of events) {
      for (const [type, payload] of Object.entries(item)) yield event(type, payload);
    }
  } catch (error) {
    if (!isAwsError(error)) console.error("event stream failed", error);
    const { code, payload } = encoding.error(isAwsError(error) ? error : CommonErrors.internal());
    yield encodeEventMessage({ ":message-type": "exception", ":exception-type": code, ":content-type": encoding.contentType }, encoding.encode(payload));
  }
}
