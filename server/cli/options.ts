import { parseArgs } from "node:util";
import { StartupError } from "./errors";
import { PROCESS_NAMES, type ProcessName } from "./processes";

export interface CliOptions {
  /** `next dev` instead of `next build` + `next start`. */
  dev: boolean;
  processes: ProcessName[];
}

const USAGE = `usage: npm start -- [--dev] [--only ${PROCESS_NAMES.join(",")}]`;

export function parseCliOptions(argv: string[]): CliOptions {
  let values: { dev?: boolean; only?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { dev: { type: "boolean" }, only: { type: "string" } } }));
  } catch (error) {
    throw new StartupError(`${error instanceof Error ? error.message : String(error)} (${USAGE})`);
  }
  if (values.only === undefined) return { dev: values.dev ?? false, processes: [...PROCESS_NAMES] };
  const processes = new Set<ProcessName>();
  for (const part of values.only.split(",").map((s) => s.trim()).filter(Boolean)) {
    const name = PROCESS_NAMES.find((n) => n === part);
    if (!name) throw new StartupError(`--only: unknown process "${part}" (${USAGE})`);
    processes.add(name);
  }
  if (processes.size === 0) throw new StartupError(`--only needs at least one process (${USAGE})`);
  return { dev: values.dev ?? false, processes: [...processes] };
}
