// An execution context's log output as CloudWatch Logs events: stdout and stderr line by line, the managed
// runtimes' framed telemetry records (one event per record, so a multi-line console.log stays one event, as on
// Lambda), and the platform's START / END / REPORT lines. Messages keep their trailing newline like Lambda's.
import type { Readable } from "node:stream";
import { performance } from "node:perf_hooks";
import { StringDecoder } from "node:string_decoder";

export interface LogEvent {
  timestamp: number;
  message: string;
}

/** Output kept per invocation; beyond it the rest is dropped and one notice says how much. */
const MAX_INVOCATION_LOG_BYTES = 16 * 1024 * 1024;
/** Longer messages are split, as CloudWatch caps an event at 256 KB (counted here in characters). */
const MAX_EVENT_CHARS = 262_144 - 26;
const FRAME_HEADER = 16;
/** Frame format bits of raw stdout/stderr text (Lambda's own records use 0b11 for text and 0b10 for JSON). */
const RAW_OUTPUT_FORMAT = 0b01;

/** Wall-clock time in microseconds: stdout lines and framed records are ordered by it. */
function nowMicros(): number {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000);
}

export class LogCollector {
  /** Events with the microsecond time they were written (framed records) or read (lines). */
  private events: { micros: number; message: string }[] = [];
  private bytes = 0;
  private dropped = 0;
  private readonly partials = new Map<Readable, { decoder: StringDecoder; text: string }>();
  /** Bytes read from the telemetry pipe, and who waits for the count to reach a mark. */
  private framedBytes = 0;
  private framedWaiters: { bytes: number; resolve(): void }[] = [];

  push(message: string, micros = nowMicros()): void {
    if (this.bytes + message.length > MAX_INVOCATION_LOG_BYTES) {
      this.dropped += message.length;
      return;
    }
    if (message.length <= MAX_EVENT_CHARS) this.events.push({ micros, message });
    else {
      for (let at = 0; at < message.length; at += MAX_EVENT_CHARS) this.events.push({ micros, message: message.slice(at, at + MAX_EVENT_CHARS) });
    }
    this.bytes += message.length;
  }

  /** Splits a stream into one event per line, stamped when read. */
  readLines(stream: Readable): void {
    const partial = { decoder: new StringDecoder("utf8"), text: "" };
    this.partials.set(stream, partial);
    stream.on("data", (chunk: Buffer) => this.pushLines(partial, chunk, nowMicros()));
  }

  private pushLines(partial: { decoder: StringDecoder; text: string }, chunk: Buffer, micros: number): void {
    const text = partial.text + partial.decoder.write(chunk);
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      this.push(text.slice(start, nl + 1), micros);
      start = nl + 1;
    }
    partial.text = text.slice(start);
  }

  /**
   * Reads Lambda's telemetry log framing: a 4-byte type (0xa55a0000 with format and level bits), a 4-byte
   * length, an 8-byte timestamp in microseconds, then the message; all big-endian. A text or JSON record is
   * one event. Stratus's bootstraps also send the function's stdout and stderr writes here as raw frames
   * (format bits 01), split into lines like the pipes are: one channel keeps console and print output in the
   * order it was written, which two pipes read independently cannot.
   */
  readFrames(stream: Readable): void {
    const raw = { decoder: new StringDecoder("utf8"), text: "" };
    this.partials.set(stream, raw);
    let pending: Buffer = Buffer.alloc(0);
    stream.on("data", (chunk: Buffer) => {
      // Waiters resume after this handler has parsed the chunk (promise continuations run after it).
      this.framedBytes += chunk.length;
      for (const waiter of this.framedWaiters.filter((w) => w.bytes <= this.framedBytes)) waiter.resolve();
      this.framedWaiters = this.framedWaiters.filter((w) => w.bytes > this.framedBytes);
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= FRAME_HEADER) {
        const type = pending.readUInt32BE(0);
        if (type >>> 16 !== 0xa55a) {
          // Not framing: keep what was written rather than lose it.
          this.pushLines(raw, pending, nowMicros());
          pending = Buffer.alloc(0);
          return;
        }
        const length = pending.readUInt32BE(4);
        if (pending.length < FRAME_HEADER + length) return;
        const micros = Number(pending.readBigUInt64BE(8));
        const body = pending.subarray(FRAME_HEADER, FRAME_HEADER + length);
        if ((type & 0b11) === RAW_OUTPUT_FORMAT) this.pushLines(raw, body, micros);
        else this.push(body.toString("utf8"), micros);
        pending = pending.subarray(FRAME_HEADER + length);
      }
    });
  }

  /**
   * Resolves once `bytes` have been read from the telemetry pipe (the runtime's count at its last call to the
   * Runtime API), or after `timeoutMs` should the count never come (a runtime that miscounts).
   */
  framedReceived(bytes: number, timeoutMs: number): Promise<void> {
    if (this.framedBytes >= bytes) return Promise.resolve();
    return new Promise((resolve) => {
      const waiter = {
        bytes,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      // A waiter that timed out is dropped, so a runtime that miscounts leaves none behind.
      const timer = setTimeout(() => {
        this.framedWaiters = this.framedWaiters.filter((w) => w !== waiter);
        resolve();
      }, timeoutMs);
      this.framedWaiters.push(waiter);
    });
  }

  /** Ends unterminated lines (output without a final newline still belongs to the invocation that wrote it). */
  flushPartialLines(): void {
    for (const partial of this.partials.values()) {
      if (partial.text) this.push(partial.text);
      partial.text = "";
    }
  }

  /**
   * Hands over everything collected so far, in time order: stdout, stderr and the framed records arrive on
   * separate pipes, so arrival order alone can interleave them wrongly.
   */
  take(): LogEvent[] {
    this.flushPartialLines();
    if (this.dropped > 0) {
      const message = `[stratus] ${this.dropped} bytes of log output dropped: more than ${MAX_INVOCATION_LOG_BYTES} bytes in one invocation\n`;
      this.events.push({ micros: nowMicros(), message });
    }
    // Array sort is stable, so events written in the same microsecond keep their arrival order.
    const events = this.events.sort((a, b) => a.micros - b.micros).map((e) => ({ timestamp: Math.floor(e.micros / 1000), message: e.message }));
    this.events = [];
    this.bytes = 0;
    this.dropped = 0;
    return events;
  }
}

/** Milliseconds as Lambda prints them: two decimals. */
export function ms(value: number): string {
  return value.toFixed(2);
}

export interface ReportFields {
  requestId: string;
  durationMs: number;
  billedDurationMs: number;
  memorySize: number;
  maxMemoryUsedMB: number;
  initDurationMs?: number;
  /** Platform failure: `timeout`, or `error` with its type (OOM, runtime exit, failed init). */
  status?: { status: "timeout" } | { status: "error"; errorType: string };
}

export const platformLine = {
  initStart: (runtimeVersion: string, runtimeVersionArn: string) =>
    `INIT_START Runtime Version: ${runtimeVersion}\tRuntime Version ARN: ${runtimeVersionArn}\n`,
  initReport: (initDurationMs: number, status: "error" | "timeout", errorType?: string) =>
    `INIT_REPORT Init Duration: ${ms(initDurationMs)} ms\tPhase: init\tStatus: ${status}${errorType ? `\tError Type: ${errorType}` : ""}\n`,
  start: (requestId: string, version: string) => `START RequestId: ${requestId} Version: ${version}\n`,
  end: (requestId: string) => `END RequestId: ${requestId}\n`,
  report(f: ReportFields): string {
    let line =
      `REPORT RequestId: ${f.requestId}\tDuration: ${ms(f.durationMs)} ms\tBilled Duration: ${f.billedDurationMs} ms\t` +
      `Memory Size: ${f.memorySize} MB\tMax Memory Used: ${f.maxMemoryUsedMB} MB\t`;
    if (f.initDurationMs !== undefined) line += `Init Duration: ${ms(f.initDurationMs)} ms\t`;
    // Lambda ends a plain REPORT with "\t\n" and one that carries a status with just "\n".
    if (!f.status) return `${line}\n`;
    line += `Status: ${f.status.status}`;
    if (f.status.status === "error") line += `\tError Type: ${f.status.errorType}`;
    return `${line}\n`;
  },
};

/** The last `maxBytes` bytes of the log text (for `LogType=Tail`), cut at a character boundary. */
export function logTail(events: LogEvent[], maxBytes = 4096): string {
  const parts: string[] = [];
  let size = 0;
  for (let i = events.length - 1; i >= 0 && size < maxBytes; i--) {
    const message = events[i]!.message;
    parts.push(message);
    size += Buffer.byteLength(message);
  }
  const text = Buffer.from(parts.reverse().join(""));
  if (text.length <= maxBytes) return text.toString("utf8");
  let start = text.length - maxBytes;
  while (start < text.length && (text[start]! & 0xc0) === 0x80) start++;
  return text.toString("utf8", start);
}
