/**
 * The Kinesis model's member constraints, checked as the service checks them: every violation of a
 * request (at most ten) in one ValidationException, in AWS's words —
 * `2 validation errors detected: Value '' at 'streamName' failed to satisfy constraint: Member must …; …`.
 * Paths use the members' lowerCamel names (`records.1.member.partitionKey`).
 */
import { KinesisErrors } from "./errors";

/** A Smithy pattern: matched against the whole value, quoted verbatim in the message. */
interface Pattern {
  text: string;
  regex: RegExp;
}

const pattern = (text: string): Pattern => ({ text, regex: new RegExp(`^(?:${text})$`, "u") });

export const PATTERNS = {
  name: pattern("[a-zA-Z0-9_.-]+"),
  streamArn: pattern("arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+"),
  consumerArn: pattern("^(arn):aws.*:kinesis:.*:\\d{12}:.*stream\\/[a-zA-Z0-9_.-]+\\/consumer\\/[a-zA-Z0-9_.-]+:[0-9]+"),
  resourceArn: pattern("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+"),
  hashKey: pattern("0|([1-9]\\d{0,38})"),
  sequenceNumber: pattern("0|([1-9]\\d{0,128})"),
} as const;

/**
 * How the service shows a value: strings quoted, blobs as the Java buffer that held them, lists and maps
 * Java-style. A function is called for the value, so costly renderings happen only for violations.
 */
function shown(value: unknown): string {
  if (typeof value === "function") return shown(value());
  if (value === null || value === undefined) return "null";
  if (Buffer.isBuffer(value)) return `'java.nio.HeapByteBuffer[pos=0 lim=${value.length} cap=${value.length}]'`;
  if (Array.isArray(value)) return `'[${value.map(String).join(", ")}]'`;
  if (typeof value === "object") {
    return `'{${Object.entries(value)
      .map(([k, v]) => `${k}=${String(v)}`)
      .join(", ")}}'`;
  }
  return `'${String(value)}'`;
}

/** AWS reports at most this many violations per request. */
const MAX_REPORTED = 10;

export class Violations {
  readonly #messages: string[] = [];

  add(path: string, value: unknown, constraint: string): this {
    if (this.#messages.length < MAX_REPORTED) this.#messages.push(`Value ${shown(value)} at '${path}' failed to satisfy constraint: Member must ${constraint}`);
    return this;
  }

  /** A string member: the pattern first, then its length bounds, as the service orders them. */
  string(path: string, value: string | undefined, rule: { pattern?: Pattern; min?: number; max?: number }): this {
    if (value === undefined) return this;
    if (rule.pattern && !rule.pattern.regex.test(value)) this.add(path, value, `satisfy regular expression pattern: ${rule.pattern.text}`);
    return this.size(path, value, value.length, rule);
  }

  number(path: string, value: number | undefined, rule: { min?: number; max?: number }): this {
    if (value === undefined) return this;
    if (rule.min !== undefined && value < rule.min) this.add(path, value, `have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) this.add(path, value, `have value less than or equal to ${rule.max}`);
    return this;
  }

  /** A blob, list or map member's length (bytes or entries); `shownAs` is what the message quotes. */
  size(path: string, shownAs: unknown, length: number | undefined, rule: { min?: number; max?: number }): this {
    if (length === undefined) return this;
    if (rule.min !== undefined && length < rule.min) this.add(path, shownAs, `have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && length > rule.max) this.add(path, shownAs, `have length less than or equal to ${rule.max}`);
    return this;
  }

  /** An enum member: answers it typed as one of `allowed`, or undefined when it is absent or none of them. */
  oneOf<T extends string>(path: string, value: string | undefined, allowed: readonly T[]): T | undefined {
    if (value === undefined) return undefined;
    const known = allowed.find((a) => a === value);
    if (known === undefined) this.add(path, value, `satisfy enum value set: [${allowed.join(", ")}]`);
    return known;
  }

  /** Throws the collected violations as one ValidationException. */
  check(): void {
    const n = this.#messages.length;
    if (n > 0) throw KinesisErrors.validation(`${n} validation error${n === 1 ? "" : "s"} detected: ${this.#messages.join("; ")}`);
  }
}

export const violations = () => new Violations();

/** A required enum member after `check()`: `oneOf` answered undefined only for a value it reported, so this never throws. */
export function checked<T>(value: T | undefined): T {
  if (value === undefined) throw new Error("A validated member is missing");
  return value;
}

/** Shared member rules. */
export const checkStreamName = (v: Violations, value: string | undefined, path = "streamName") =>
  v.string(path, value, { pattern: PATTERNS.name, min: 1, max: 128 });
export const checkStreamArn = (v: Violations, value: string | undefined, path = "streamARN") =>
  v.string(path, value, { pattern: PATTERNS.streamArn, min: 1, max: 2048 });
export const checkShardId = (v: Violations, value: string | undefined, path: string) => v.string(path, value, { pattern: PATTERNS.name, min: 1, max: 128 });
export const checkConsumerName = (v: Violations, value: string | undefined) => v.string("consumerName", value, { pattern: PATTERNS.name, min: 1, max: 128 });
export const checkConsumerArn = (v: Violations, value: string | undefined) => v.string("consumerARN", value, { pattern: PATTERNS.consumerArn, min: 1, max: 2048 });
export const checkNextToken = (v: Violations, value: string | undefined) => v.string("nextToken", value, { min: 1, max: 1_048_576 });

/** A stream reference as most operations take it: StreamName, StreamARN or both. */
export function checkStreamRef(v: Violations, input: { StreamName?: string; StreamARN?: string }): Violations {
  checkStreamArn(v, input.StreamARN);
  return checkStreamName(v, input.StreamName);
}

/** A tag map: 1–`max` entries, keys 1–128 and values 0–256 characters. */
export function checkTagMap(v: Violations, path: string, tags: Record<string, string> | undefined, max = 200): Violations {
  if (tags === undefined) return v;
  v.size(path, tags, Object.keys(tags).length, { min: 1, max });
  for (const [key, value] of Object.entries(tags)) {
    v.string(`${path}.${key}.member.key`, key, { min: 1, max: 128 });
    v.string(`${path}.${key}.member.value`, value, { max: 256 });
  }
  return v;
}

export function checkTagKeys(v: Violations, path: string, keys: string[]): Violations {
  v.size(path, keys, keys.length, { min: 1, max: 50 });
  keys.forEach((key, i) => v.string(`${path}.${i + 1}.member`, key, { min: 1, max: 128 }));
  return v;
}
