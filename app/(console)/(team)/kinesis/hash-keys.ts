/** Hash keys as the console enters them: decimal integers in the 128-bit space shards divide between them. */

export const MAX_HASH_KEY = (1n << 128n) - 1n;

/** The key splitting `[start, end]` into two halves of equal size (it starts the upper child). */
export function midpoint(start: bigint, end: bigint): bigint {
  return (start + end + 1n) / 2n;
}

/** The key `text` names, or undefined when it is not a decimal hash key. */
export function parseHashKey(text: string): bigint | undefined {
  if (!/^(0|[1-9]\d{0,38})$/.test(text)) return undefined;
  const key = BigInt(text);
  return key <= MAX_HASH_KEY ? key : undefined;
}

export const HASH_KEY_RULE = "A decimal integer from 0 to 340282366920938463463374607431768211455 (2^128 − 1).";
