import { invalid } from "./errors";

/** AWS documents numeric matching for -10^9..10^9 with five digits of accuracy after the decimal point. */
const LIMIT = 1e9;
const SCALE = 1e5;

export function inNumericRange(n: number): boolean {
  return n >= -LIMIT && n <= LIMIT;
}

/** Operands of `numeric` and numeric `anything-but` must be comparable; exact numeric values need not be. */
export function checkNumericOperand(n: number): number {
  if (!inNumericRange(n)) invalid("Value must be between -1.0E9 and 1.0E9, inclusive");
  return n;
}

/** Fixed-point form at AWS's five-decimal accuracy, so 0.000001 and 0.000002 compare equal as they do there. */
export function comparable(n: number): number {
  return Math.round(n * SCALE);
}

/** Exact numeric matching: compared at five decimals inside the range, literally outside it (e.g. account ids). */
export function numbersEqual(a: number, b: number): boolean {
  return inNumericRange(a) && inNumericRange(b) ? comparable(a) === comparable(b) : a === b;
}
