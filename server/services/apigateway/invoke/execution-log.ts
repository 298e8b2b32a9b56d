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
  readonly #lines: string[];

  constructor(requestId: string) {
    this.#lines = [`Execution log for request ${requestId}`];
  }

  add(message: string): void {
    this.#lines.push(`${javaDate(new Date())} : ${message}`);
  }

  text(): string {
    return `${this.#lines.join("\n")}\n`;
  }
}

/** How the log shows a parameter map: `{a=1, b=2}`. */
export function logMap(values: Record<string, string | string[]>): string {
  return `{${Object.entries(values)
    .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(",") : value}`)
    .join(", ")}}`;
}
