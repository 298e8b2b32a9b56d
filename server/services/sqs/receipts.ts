import { SqsErrors } from "./errors";

/** What a receipt handle identifies: one delivery of one message row. */
export interface Receipt {
  queueId: string;
  rowId: string;
  /** The message's receipt token at that delivery; a later receive changes it. */
  token: string;
}

// Real handles start with "AQEB"; ours keep that look and carry the row and token, base64url-encoded.
const PREFIX = "AQEB";

export function encodeReceipt(receipt: Receipt): string {
  return PREFIX + Buffer.from(`${receipt.queueId}:${receipt.rowId}:${receipt.token}`).toString("base64url");
}

export function decodeReceipt(handle: string, queueId: string): Receipt {
  if (handle.startsWith(PREFIX)) {
    const [q, rowId, token] = Buffer.from(handle.slice(PREFIX.length), "base64url").toString("utf8").split(":");
    if (q === queueId && rowId && /^\d+$/.test(rowId) && token) return { queueId: q, rowId, token };
  }
  throw SqsErrors.receiptHandleIsInvalid(handle);
}
