/**
 * Lambda's model constraints (lengths, ranges, patterns, enums), checked as AWS checks them: every
 * violation of a request is reported in one ValidationException, in AWS's wording.
 */
import type { AwsError } from "../../errors";
import { LambdaErrors } from "./errors";

/** A Smithy pattern: AWS matches it against the whole value and quotes its text in messages. */
export interface Pattern {
  text: string;
  regex: RegExp;
}

export function pattern(text: string): Pattern {
  return { text, regex: new RegExp(`^(?:${text})$`) };
}

export const PATTERNS = {
  functionName: pattern(
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?",
  ),
  /** Operations that also accept names with dots (and `$LATEST.PUBLISHED`): Get*, Delete, policy, event invoke config. */
  namespacedFunctionName: pattern(
    "(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST(\\.PUBLISHED)?|[a-zA-Z0-9-_]+))?",
  ),
  qualifier: pattern("(|[a-zA-Z0-9$_-]+)"),
  role: pattern("arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+"),
  handler: pattern("[^\\s]+"),
  alias: pattern("(?!^[0-9]+$)([a-zA-Z0-9-_]+)"),
  version: pattern("(\\$LATEST|[0-9]+)"),
  additionalVersion: pattern("[0-9]+"),
  statementId: pattern("([a-zA-Z0-9-_]+)"),
  namespacedStatementId: pattern("([a-zA-Z0-9-_.]+)"),
  action: pattern("(lambda:[*]|lambda:[a-zA-Z]+|[*])"),
  principal: pattern("[^\\s]+"),
  sourceArn: pattern("arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}(-gov)?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)"),
  sourceAccount: pattern("\\d{12}"),
  eventSourceToken: pattern("[a-zA-Z0-9._\\-]+"),
  principalOrgId: pattern("o-[a-z0-9]{10,32}"),
  resourceArn: pattern("(arn:(aws[a-zA-Z-]*)?:[a-z0-9-.]+:.*)|()"),
  destinationArn: pattern(
    "$|kafka://([^.]([a-zA-Z0-9\\-_.]{0,248}))|arn:(aws[a-zA-Z0-9-]*):([a-zA-Z0-9\\-])+:([a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1})?:(\\d{12})?:(.*)",
  ),
  environmentVariableName: pattern("[a-zA-Z]([a-zA-Z0-9_])+"),
  layerName: pattern("(arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+)|[a-zA-Z0-9-_]+"),
  layerVersionArn: pattern("arn:[a-zA-Z0-9-]+:lambda:[a-zA-Z0-9-]+:\\d{12}:layer:[a-zA-Z0-9-_]+:[0-9]+"),
  taggableResource: pattern(
    "arn:(aws[a-zA-Z-]*):lambda:[a-z]{2}((-gov)|(-iso([a-z]?)))?-[a-z]+-\\d{1}:\\d{12}:(function:[a-zA-Z0-9-_]+(:(\\$LATEST|[a-zA-Z0-9-_]+))?|code-signing-config:csc-[a-z0-9]{17}|event-source-mapping:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|capacity-provider:[a-zA-Z0-9-_]+)",
  ),
  masterRegion: pattern("ALL|[a-z]{2}(-gov)?-[a-z]+-\\d{1}"),
} as const;

/** How AWS quotes a value in a constraint message: `'x'`, `'[a, b]'`, or `null`. */
function quote(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `'[${value.join(", ")}]'`;
  return `'${String(value)}'`;
}

export class Violations {
  readonly #messages: string[] = [];

  add(value: unknown, path: string, constraint: string): this {
    this.#messages.push(`Value ${quote(value)} at '${path}' failed to satisfy constraint: ${constraint}`);
    return this;
  }

  /** A violation by a sensitive member (environment variables): AWS leaves the value out. */
  redacted(path: string, constraint: string): this {
    this.#messages.push(`Value at '${path}' failed to satisfy constraint: ${constraint}`);
    return this;
  }

  required(value: unknown, path: string): this {
    return value === undefined || value === null ? this.add(null, path, "Member must not be null") : this;
  }

  range(value: number | undefined, path: string, min?: number, max?: number): this {
    if (value === undefined) return this;
    if (min !== undefined && value < min) return this.add(value, path, `Member must have value greater than or equal to ${min}`);
    if (max !== undefined && value > max) return this.add(value, path, `Member must have value less than or equal to ${max}`);
    return this;
  }

  length(value: string | readonly unknown[] | undefined, path: string, min?: number, max?: number): this {
    if (value === undefined) return this;
    if (min !== undefined && value.length < min) return this.add(value, path, `Member must have length greater than or equal to ${min}`);
    if (max !== undefined && value.length > max) return this.add(value, path, `Member must have length less than or equal to ${max}`);
    return this;
  }

  matches(value: string | undefined, path: string, p: Pattern): this {
    if (value === undefined || p.regex.test(value)) return this;
    return this.add(value, path, `Member must satisfy regular expression pattern: ${p.text}`);
  }

  oneOf(value: string | undefined, path: string, values: readonly string[]): this {
    if (value === undefined || values.includes(value)) return this;
    return this.add(value, path, `Member must satisfy enum value set: [${values.join(", ")}]`);
  }

  /** The collected violations as AWS's ValidationException, if there are any. */
  error(): AwsError | undefined {
    const n = this.#messages.length;
    return n === 0 ? undefined : LambdaErrors.validation(`${n} validation error${n === 1 ? "" : "s"} detected: ${this.#messages.join("; ")}`);
  }

  check(): void {
    const error = this.error();
    if (error) throw error;
  }
}

/** A fresh collector: `violations().matches(…).range(…).check()`. */
export function violations(): Violations {
  return new Violations();
}
