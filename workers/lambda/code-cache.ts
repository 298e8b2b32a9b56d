// Extracted function code and layers on this machine's disk, one directory per content SHA-256. Extraction goes
// to a temporary directory that is renamed into place, so readers never see a half-written tree and two
// processes racing on the same SHA both end up with the winner's directory.
import { createHash, randomBytes } from "node:crypto";
import { chmod, mkdir, rename, rm, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { DEFAULT_DATA_DIR } from "../../server/env";
import { CodeArchiveError, entryData, readZipEntries, validateZipEntries, type ZipEntry } from "./zip-archive";

/** `<STRATUS_DATA_DIR>/lambda`, absolute. */
export function lambdaDataDir(): string {
  return path.resolve(process.env.STRATUS_DATA_DIR ?? DEFAULT_DATA_DIR, "lambda");
}

/**
 * The nearest package.json above every code and layer directory. Node looks for the closest package.json to
 * decide whether a `.js` file is CommonJS; without this one it would find the server's own
 * (`"type": "module"`) and load a handler that has no package.json as an ES module, unlike Lambda.
 */
export function packageScopeFile(): string {
  return path.join(lambdaDataDir(), "package.json");
}

const scopesWritten = new Map<string, Promise<void>>();
export function ensurePackageScope(): Promise<void> {
  const file = packageScopeFile();
  let written = scopesWritten.get(file);
  if (!written) {
    written = mkdir(path.dirname(file), { recursive: true }).then(() => writeFile(file, "{}\n"));
    scopesWritten.set(file, written);
  }
  return written;
}

const inFlight = new Map<string, Promise<string>>();

/** Extracted code of a function for this SHA-256 (hex, or base64 as in `CodeSha256`); `load` fetches the .zip. */
export function codeDir(sha256: string, load: () => Promise<Buffer>): Promise<string> {
  return cachedExtract("code", sha256, load);
}

/** Extracted content of a layer version for this SHA-256 (hex or base64). */
export function layerDir(sha256: string, load: () => Promise<Buffer>): Promise<string> {
  return cachedExtract("layers", sha256, load);
}

function hexDigest(sha256: string): string {
  if (/^[0-9a-f]{64}$/i.test(sha256)) return sha256.toLowerCase();
  const bytes = Buffer.from(sha256, "base64");
  if (bytes.length !== 32) throw new Error(`Not a SHA-256 digest: ${sha256}`);
  return bytes.toString("hex");
}

/**
 * Directories this process has seen in place. Extracted code is never removed (a digest's content
 * cannot change), so a warm invocation needs no filesystem check.
 */
const extracted = new Set<string>();

function cachedExtract(kind: "code" | "layers", sha256: string, load: () => Promise<Buffer>): Promise<string> {
  const digest = hexDigest(sha256);
  const target = path.join(lambdaDataDir(), kind, digest);
  if (extracted.has(target)) return Promise.resolve(target);
  let pending = inFlight.get(target);
  if (!pending) {
    pending = extractOnce(target, digest, load)
      .then((dir) => {
        extracted.add(dir);
        return dir;
      })
      .finally(() => inFlight.delete(target));
    inFlight.set(target, pending);
  }
  return pending;
}

async function exists(dir: string): Promise<boolean> {
  try {
    return (await stat(dir)).isDirectory();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}

async function extractOnce(target: string, digest: string, load: () => Promise<Buffer>): Promise<string> {
  await ensurePackageScope();
  if (await exists(target)) return target;
  const zip = await load();
  const actual = createHash("sha256").update(zip).digest("hex");
  if (actual !== digest) throw new Error(`Code archive digest mismatch: expected ${digest}, got ${actual}`);
  const entries = readZipEntries(zip);
  validateZipEntries(entries);

  const temp = `${path.dirname(target)}/.tmp-${digest}-${randomBytes(6).toString("hex")}`;
  await mkdir(temp, { recursive: true });
  try {
    await writeEntries(temp, zip, entries);
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { recursive: true, force: true });
    const code = (err as NodeJS.ErrnoException).code;
    // Another process renamed its copy into place first; theirs is identical.
    if ((code === "ENOTEMPTY" || code === "EEXIST") && (await exists(target))) return target;
    throw err;
  }
  return target;
}

async function writeEntries(root: string, zip: Uint8Array, entries: ZipEntry[]): Promise<void> {
  const made = new Set<string>([root]);
  const ensureDir = async (dir: string) => {
    if (made.has(dir)) return;
    await mkdir(dir, { recursive: true, mode: 0o755 });
    made.add(dir);
  };
  let sinceYield = 0;
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    if (entry.isDirectory) {
      await ensureDir(full.replace(/\/$/, ""));
      continue;
    }
    await ensureDir(path.dirname(full));
    const data = entryData(zip, entry);
    if (entry.isSymlink) {
      const linkTarget = Buffer.from(data).toString("utf8");
      const resolved = path.resolve(path.dirname(full), linkTarget);
      // A link out of the archive would let function code read files it was never given.
      if (path.isAbsolute(linkTarget) || !(resolved === root || resolved.startsWith(root + path.sep))) {
        throw new CodeArchiveError(`Symbolic link ${entry.name} points outside the archive.`);
      }
      await symlink(linkTarget, full);
      continue;
    }
    // Read-only like /var/task; executable when any execute bit was set in the archive.
    const mode = entry.mode & 0o111 ? 0o555 : 0o444;
    await writeFile(full, data, { mode });
    await chmod(full, mode);
    sinceYield += data.byteLength;
    if (sinceYield > 4 * 1024 * 1024) {
      sinceYield = 0;
      await yieldToEventLoop();
    }
  }
}
