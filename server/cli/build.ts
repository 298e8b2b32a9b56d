import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { StartupError } from "./errors";
import { NEXT_CLI } from "./processes";

/** What the console build is made from, besides next.config.*; the check only needs to be cheap and rarely wrong. */
const WEB_SOURCES = ["app", "server", "package.json", "tsconfig.json"];

/** Whether the file, or anything under the directory, changed after `since` (a directory's own mtime covers removals). */
function changedSince(file: string, since: number): boolean {
  const stat = statSync(file, { throwIfNoEntry: false });
  if (!stat) return false;
  if (stat.mtimeMs > since) return true;
  return stat.isDirectory() && readdirSync(file).some((name) => changedSince(path.join(file, name), since));
}

/** Whether `.next` lacks a production build (`next dev` removes it too) or predates a source change. */
export function webBuildIsStale(root = "."): boolean {
  const buildId = statSync(path.join(root, ".next", "BUILD_ID"), { throwIfNoEntry: false });
  if (!buildId) return true;
  const configs = readdirSync(root).filter((name) => name.startsWith("next.config."));
  return [...WEB_SOURCES, ...configs].some((source) => changedSince(path.join(root, source), buildId.mtimeMs));
}

/** Runs `next build` in the foreground; aborting the signal stops it. */
export async function buildWeb(signal: AbortSignal): Promise<void> {
  const child = spawn(process.execPath, [NEXT_CLI, "build"], { stdio: "inherit", signal });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once("exit", resolve);
    child.once("error", reject);
  });
  if (code !== 0) throw new StartupError(`next build failed (exit code ${code})`);
}
