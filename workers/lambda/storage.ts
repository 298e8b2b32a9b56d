// Disk used under a context's temporary directory, for the EphemeralStorage limit.
import { readdirSync, type Dirent } from "node:fs";
import { lstat, readdir } from "node:fs/promises";
import path from "node:path";

/**
 * Allocated bytes (not apparent sizes, so sparse files count for what they occupy) of everything under `dir`.
 * Measured after every invocation, so an empty directory (the common case) is answered without a thread-pool trip.
 */
export async function diskUsage(dir: string): Promise<number> {
  try {
    if (readdirSync(dir).length === 0) return 0;
  } catch (err) {
    // The function removed the directory itself.
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return 0;
    throw err;
  }
  let total = 0;
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (err) {
      // Removed by the function while we walked.
      if ((err as NodeJS.ErrnoException).code === "ENOENT") continue;
      throw err;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else {
        try {
          total += (await lstat(full)).blocks * 512;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
        }
      }
    }
  }
  return total;
}
