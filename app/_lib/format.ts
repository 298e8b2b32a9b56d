/** 123456789012 → 1234-5678-9012, the way the AWS console shows account IDs. */
export function formatAccountId(accountId: string): string {
  return accountId.replace(/^(\d{4})(\d{4})(\d{4})$/, "$1-$2-$3");
}

const dateTime = new Intl.DateTimeFormat("en-US", {
  year: "numeric",
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZoneName: "short",
});

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** Only same-origin paths may be used as a post-sign-in destination (no open redirects). */
export function safeCallbackUrl(value: string | null | undefined, fallback = "/"): string {
  if (!value || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  return value;
}

/** Sizes the way the AWS console shows them (code packages, stored log bytes): 299 bytes, 1.2 kB, 3.4 MB (decimal units). */
export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
  const units = ["kB", "MB", "GB"];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`;
}

const utf8 = new TextEncoder();

/** A text's size in UTF-8, as services count message bodies and attributes. */
export function byteLength(text: string): number {
  return utf8.encode(text).length;
}

/** A payload as the console shows it: JSON pretty-printed, anything else as is. */
export function prettyPayload(payload: string): string {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch {
    return payload;
  }
}
