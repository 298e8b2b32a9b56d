import path from "node:path";
import { ORPHAN_GUARD_ARGS } from "./orphan-guard";
import type { ChildSpec } from "./supervisor";

export const PROCESS_NAMES = ["web", "gateway", "workers"] as const;
export type ProcessName = (typeof PROCESS_NAMES)[number];

/** The Next.js CLI script, run with this node so that flags can be added. */
export const NEXT_CLI = path.join("node_modules", "next", "dist", "bin", "next");

const TS_ENTRIES: Record<Exclude<ProcessName, "web">, string> = {
  gateway: "server/gateway/main.ts",
  workers: "workers/main.ts",
};

/** How each process runs; paths are relative to the project root, where the CLI runs them. */
export function processSpec(name: ProcessName, options: { dev: boolean; port: number }): ChildSpec {
  const args =
    name === "web"
      ? [NEXT_CLI, options.dev ? "dev" : "start", "-p", String(options.port)]
      : ["--import", "tsx", TS_ENTRIES[name]];
  return { name, command: process.execPath, args: [...ORPHAN_GUARD_ARGS, ...args] };
}
