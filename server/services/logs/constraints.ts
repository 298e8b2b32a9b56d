import { LogsErrors } from "./errors";

/**
 * Input constraints of the CloudWatch Logs model, checked the way the service checks them: every
 * violation is collected and reported at once as an InvalidParameterException
 * ("2 validation errors detected: Value 'x' at 'field' failed to satisfy constraint: …; …").
 */
export class Constraints {
  readonly #violations: string[] = [];

  #fail(field: string, value: unknown, constraint: string): void {
    const shown = value === null || value === undefined ? "null" : Array.isArray(value) ? "" : `'${String(value)}'`;
    this.#violations.push(`Value ${shown ? `${shown} ` : ""}at '${field}' failed to satisfy constraint: Member must ${constraint}`);
  }

  /** A string member's length (in characters) and, when given, the pattern it must match whole. */
  string(field: string, value: string | undefined, rule: { min?: number; max?: number; pattern?: string }): this {
    if (value === undefined) return this;
    if (rule.min !== undefined && value.length < rule.min) this.#fail(field, value, `have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max) this.#fail(field, value, `have length less than or equal to ${rule.max}`);
    if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`, "u").test(value)) {
      this.#fail(field, value, `satisfy regular expression pattern: ${rule.pattern}`);
    }
    return this;
  }

  number(field: string, value: number | undefined, rule: { min?: number; max?: number }): this {
    if (value === undefined) return this;
    if (rule.min !== undefined && value < rule.min) this.#fail(field, value, `have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value > rule.max) this.#fail(field, value, `have value less than or equal to ${rule.max}`);
    return this;
  }

  oneOf<T>(field: string, value: T | undefined, allowed: readonly T[]): this {
    if (value !== undefined && !allowed.includes(value)) this.#fail(field, value, `satisfy enum value set: [${allowed.join(", ")}]`);
    return this;
  }

  /** A list or map member's entry count. */
  size(field: string, count: number | undefined, rule: { min?: number; max?: number }): this {
    if (count === undefined) return this;
    if (rule.min !== undefined && count < rule.min) this.#fail(field, [], `have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && count > rule.max) this.#fail(field, [], `have length less than or equal to ${rule.max}`);
    return this;
  }

  /** Throws the collected violations, if any. */
  check(): void {
    const n = this.#violations.length;
    if (n > 0) throw LogsErrors.invalidParameter(`${n} validation error${n === 1 ? "" : "s"} detected: ${this.#violations.join("; ")}`);
  }
}

/** The model's patterns, as AWS quotes them in its messages. */
export const PATTERNS = {
  logGroupName: String.raw`[\.\-_/#A-Za-z0-9]+`,
  logGroupNamePattern: String.raw`[\.\-_/#A-Za-z0-9]*`,
  logStreamName: String.raw`[^:*]*`,
  logGroupIdentifier: String.raw`[\w#+=/:,.@-]*`,
  resourceArn: String.raw`[\w+=/:,.@-]*`,
  tagKey: String.raw`^([\p{L}\p{Z}\p{N}_.:/=+\-@]+)$`,
  tagValue: String.raw`^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$`,
} as const;

/** Shared member rules. */
export const checkLogGroupName = (c: Constraints, value: string | undefined, field = "logGroupName") =>
  c.string(field, value, { min: 1, max: 512, pattern: PATTERNS.logGroupName });
export const checkLogStreamName = (c: Constraints, value: string | undefined, field = "logStreamName") =>
  c.string(field, value, { min: 1, max: 512, pattern: PATTERNS.logStreamName });
export const checkLogGroupIdentifier = (c: Constraints, value: string | undefined) =>
  c.string("logGroupIdentifier", value, { min: 1, max: 2048, pattern: PATTERNS.logGroupIdentifier });
export const checkNextToken = (c: Constraints, value: string | undefined) => c.string("nextToken", value, { min: 1 });
