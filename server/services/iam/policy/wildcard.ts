/**
 * `*` / `?` wildcard patterns, compiled once: the common shapes (`*`, exact, `prefix*`) become string
 * comparisons, the rest regular expressions shared through a bounded cache (also used for patterns whose
 * policy variables are filled in per request).
 */
import { BoundedCache } from "./bounded-cache";
import type { RequestValues } from "./request";
import { type Template, parseTemplate, variableValue } from "./variables";

/** Whether `value` matches; `values` fills in policy variables. */
export type PatternTest = (value: string, values: RequestValues) => boolean;

const regexCache = new BoundedCache<string, RegExp>(2_000);

function regexFor(source: string): RegExp {
  let regex = regexCache.get(source);
  if (!regex) {
    regex = new RegExp(source, "s");
    regexCache.set(source, regex);
  }
  return regex;
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

export const hasWildcard = (pattern: string) => pattern.includes("*") || pattern.includes("?");

const countColons = (text: string) => text.split(":").length - 1;

/**
 * Builds an anchored regular expression. In an ARN the first five colon-separated segments (arn,
 * partition, service, region, account) are matched one by one, so their wildcards never cross a colon;
 * `boundSegments` is how many of them the pattern spells out.
 */
class SourceBuilder {
  private source = "^";
  private colons = 0;

  constructor(private readonly boundSegments: number) {}

  /** Policy text: `*` and `?` are wildcards. */
  pattern(text: string): void {
    for (const ch of text) {
      const bound = this.colons < this.boundSegments;
      if (ch === "*") this.source += bound ? "[^:]*" : ".*";
      else if (ch === "?") this.source += bound ? "[^:]" : ".";
      else this.literal(ch);
    }
  }

  /** Text matched as is: a variable's value or an escaped character. */
  literal(text: string): void {
    this.colons += countColons(text);
    this.source += escapeRegex(text);
  }

  regex(): RegExp {
    return regexFor(`${this.source}$`);
  }
}

function staticPattern(pattern: string, arn: boolean): PatternTest {
  if (pattern === "*") return () => true;
  if (!hasWildcard(pattern)) return (value) => value === pattern;
  const star = pattern.indexOf("*");
  if (star === pattern.length - 1 && !pattern.includes("?")) {
    // A trailing `*` follows every colon the pattern has, so it may cross colons even in an ARN.
    const prefix = pattern.slice(0, -1);
    return (value) => value.startsWith(prefix);
  }
  const builder = new SourceBuilder(arn ? Math.min(5, countColons(pattern)) : 0);
  builder.pattern(pattern);
  const regex = builder.regex();
  return (value) => regex.test(value);
}

function templatePattern(template: Template, arn: boolean): PatternTest {
  const staticColons = template.reduce((n, part) => n + (part.kind === "text" ? countColons(part.text) : 0), 0);
  const boundSegments = arn ? Math.min(5, staticColons) : 0;
  return (value, values) => {
    const builder = new SourceBuilder(boundSegments);
    for (const part of template) {
      if (part.kind === "text") builder.pattern(part.text);
      else if (part.kind === "char") builder.literal(part.char);
      else {
        const substituted = variableValue(part, values);
        if (substituted === undefined) return false;
        builder.literal(substituted);
      }
    }
    return builder.regex().test(value);
  };
}

/**
 * Compiles a wildcard pattern. `arn` keeps wildcards within ARN segments; `variables` (version 2012-10-17
 * policies) substitutes `${…}` per request.
 */
export function compilePattern(pattern: string, options: { arn: boolean; variables: boolean }): PatternTest {
  const template = options.variables ? parseTemplate(pattern) : undefined;
  return template ? templatePattern(template, options.arn) : staticPattern(pattern, options.arn);
}
