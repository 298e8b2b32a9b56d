/**
 * The execution log of one request, in API Gateway's form (`<date> : <message>` lines), as
 * TestInvokeMethod returns it.
 */
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Java's Date.toString() in UTC, e.g. `Thu Dec 05 02:30:00 UTC 2026`. */
function javaDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}`;
  return `${DAYS[date.getUTCDay()]} ${MONTHS[date.getUTCMonth()]} ${pad(date.getUTCDate())} ${time} UTC ${date.getUTCFullYear()}`;
}

export class ExecutionLog {
  readonly #entries: { at: Date; message: string }[] = [];

  constructor(readonly requestId: string) {}

  add(message: string): void {
    this.#entries.push({ at: new Date(), message });
  }

  /** As TestInvokeMethod returns it. */
  text(): string {
    return [`Execution log for request ${this.requestId}`, ...this.#entries.map(({ at, message }) => `${javaDate(at)} : ${message}`)].join("\n") + "\n";
  }

  /** As the execution log group receives it: one line per entry, tagged with the request id. */
  lines(): string[] {
    return this.#entries.map(({ message }) => `(${this.requestId}) ${message}`);
  }
}

/** How the log shows a parameter map: `{a=1, b=2}`. */
export function logMap(values: Record<string, string | string[]>): string {
  return `{${Object.entries(values)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(",") : value}`)
    .join(", ")}}`;
}
