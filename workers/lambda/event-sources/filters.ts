/** A mapping's FilterCriteria, compiled once per batch: a record passes when any pattern matches what the source exposes of it. */
import { matchesPattern, parsePattern, type Pattern } from "../../../server/services/lambda/event-source-mappings/filter-patterns";
import type { MappingRow } from "../../../server/services/lambda/event-source-mappings/model";

type RecordFilter = (subject: Record<string, unknown>) => boolean;

export function recordFilter(mapping: MappingRow): RecordFilter {
  const patterns: Pattern[] = mapping.filterPatterns.map((source) => {
    const pattern = parsePattern(source);
    // CreateEventSourceMapping and UpdateEventSourceMapping refuse invalid patterns.
    if (!pattern) throw new Error(`Event source mapping ${mapping.uuid} has an invalid filter pattern`);
    return pattern;
  });
  return (subject) => patterns.length === 0 || patterns.some((pattern) => matchesPattern(pattern, subject));
}

/** A JSON text as its value, anything else as undefined. */
export function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
