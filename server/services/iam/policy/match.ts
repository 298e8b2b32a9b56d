/**
 * Action / NotAction and Resource / NotResource, compiled: `*`, a set of exact names, and wildcard patterns.
 * Actions match case-insensitively (patterns are stored lower-cased; callers lower-case the action once per
 * request), resources case-sensitively, segment by segment, with policy variables in 2012-10-17 policies.
 */
import type { RequestValues } from "./request";
import { type PatternTest, compilePattern, hasWildcard } from "./wildcard";

export interface ElementMatcher {
  /** NotAction / NotResource: the statement covers everything the list does not. */
  readonly not: boolean;
  readonly any: boolean;
  readonly exact: ReadonlySet<string>;
  readonly patterns: readonly PatternTest[];
}

function compileElement(patterns: readonly string[], not: boolean, options: { arn: boolean; variables: boolean }): ElementMatcher {
  let any = false;
  const exact = new Set<string>();
  const compiled: PatternTest[] = [];
  for (const pattern of patterns) {
    if (pattern === "*") any = true;
    else if (!hasWildcard(pattern) && !(options.variables && pattern.includes("${"))) exact.add(pattern);
    else compiled.push(compilePattern(pattern, options));
  }
  return { not, any, exact, patterns: compiled };
}

export function compileActions(actions: readonly string[], not: boolean): ElementMatcher {
  return compileElement(
    actions.map((action) => action.toLowerCase()),
    not,
    { arn: false, variables: false },
  );
}

export function compileResources(resources: readonly string[], not: boolean, variables: boolean): ElementMatcher {
  return compileElement(resources, not, { arn: true, variables });
}

/** Whether the element covers `value` (for actions, lower-cased). */
export function elementMatches(element: ElementMatcher, value: string, values: RequestValues): boolean {
  if (element.any || element.exact.has(value)) return !element.not;
  for (const pattern of element.patterns) if (pattern(value, values)) return !element.not;
  return element.not;
}
