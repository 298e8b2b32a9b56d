import { type AwsError, isAwsError } from "../../errors";
import { SqsErrors } from "./errors";
import { MAX_BATCH_ENTRIES } from "./limits";

export interface BatchFailure {
  Id: string;
  SenderFault: boolean;
  Code: string;
  Message: string;
}

/** Batch responses always carry both lists (AWS marks them required). */
export interface BatchResult<T> {
  Successful: T[];
  Failed: BatchFailure[];
}

const ENTRY_ID = /^[A-Za-z0-9_-]{1,80}$/;

/** Whole-request checks shared by every *Batch operation, in AWS's order. */
export function assertValidBatch(entries: readonly { Id: string }[], entryType: string): void {
  if (entries.length === 0) throw SqsErrors.emptyBatchRequest(entryType);
  if (entries.length > MAX_BATCH_ENTRIES) throw SqsErrors.tooManyEntriesInBatchRequest(entries.length);
  const seen = new Set<string>();
  for (const { Id } of entries) {
    if (!ENTRY_ID.test(Id)) throw SqsErrors.invalidBatchEntryId();
    if (seen.has(Id)) throw SqsErrors.batchEntryIdsNotDistinct(Id);
    seen.add(Id);
  }
}

/** A per-entry failure names the error by its query code, as AWS's batch results do. */
export function batchFailure(id: string, error: AwsError): BatchFailure {
  return { Id: id, SenderFault: error.fault === "Sender", Code: error.queryCode ?? error.code, Message: error.message };
}

/** Runs `fn` per entry, collecting AWS errors as failures; anything else aborts the request. */
export async function perEntry<E extends { Id: string }, R>(entries: readonly E[], fn: (entry: E) => Promise<R>): Promise<BatchResult<R & { Id: string }>> {
  const result: BatchResult<R & { Id: string }> = { Successful: [], Failed: [] };
  for (const entry of entries) {
    try {
      result.Successful.push({ ...(await fn(entry)), Id: entry.Id });
    } catch (e) {
      if (!isAwsError(e)) throw e;
      result.Failed.push(batchFailure(entry.Id, e));
    }
  }
  return result;
}
