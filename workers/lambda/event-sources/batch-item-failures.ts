/** A function's answer under ReportBatchItemFailures (`{"batchItemFailures": [{"itemIdentifier": …}]}`), as Lambda reads it. */

/**
 * The items (SQS message IDs, stream sequence numbers) a response says failed: none for an empty or
 * null response or list; every item (`"all"`) for anything AWS treats as invalid (not a JSON object, an
 * item without a non-empty `itemIdentifier` or with other keys, an identifier not in the batch).
 */
export function failedItems(response: Buffer, identifiers: ReadonlySet<string>): ReadonlySet<string> | "all" {
  const text = response.toString("utf8").trim();
  if (text === "") return new Set();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return "all";
  }
  if (parsed === null) return new Set();
  if (typeof parsed !== "object" || Array.isArray(parsed)) return "all";
  const failures = "batchItemFailures" in parsed ? parsed.batchItemFailures : undefined;
  if (failures === undefined || failures === null) return new Set();
  if (!Array.isArray(failures)) return "all";
  const failed = new Set<string>();
  for (const item of failures) {
    const ok = typeof item === "object" && item !== null && "itemIdentifier" in item && Object.keys(item).length === 1;
    const id = ok ? item.itemIdentifier : undefined;
    if (typeof id !== "string" || id === "" || !identifiers.has(id)) return "all";
    failed.add(id);
  }
  return failed;
}
