/** Phone numbers as SNS takes them: separators people type are dropped, then digits with an optional "+". */
export const PHONE_NUMBER = /^\+?[0-9]{5,15}$/;

/** "+1 (555) 010-0000" → "+15550100000". */
export function compactPhoneNumber(value: string): string {
  return value.replace(/[\s().-]/g, "");
}

/** E.164 with its "+": the form opt-outs are kept in. */
export function withPlus(number: string): string {
  return number.startsWith("+") ? number : `+${number}`;
}
