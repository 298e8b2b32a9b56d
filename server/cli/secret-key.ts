import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_DATA_DIR, secretKeyFile } from "../env";
import { errorCode } from "./errors";

/** Reads a generated secret (32 random bytes, hex), creating the file with mode 0600 on first use. */
export function ensureSecretFile(file: string): { value: string; created: boolean } {
  mkdirSync(path.dirname(file), { recursive: true });
  let created = true;
  try {
    // `wx` fails if the file exists, so concurrent first starts cannot overwrite each other's key.
    writeFileSync(file, `${randomBytes(32).toString("hex")}\n`, { mode: 0o600, flag: "wx" });
  } catch (error) {
    if (errorCode(error) !== "EEXIST") throw error;
    created = false;
  }
  return { value: readFileSync(file, "utf8").trim(), created };
}

/**
 * Generates `<STRATUS_DATA_DIR>/secret-key` unless STRATUS_SECRET_KEY is set, so loadEnv() can read it.
 * Returns the file when it was just created.
 */
export function ensureSecretKey(source: Record<string, string | undefined> = process.env): string | undefined {
  if (source.STRATUS_SECRET_KEY !== undefined) return undefined;
  const file = secretKeyFile(source.STRATUS_DATA_DIR ?? DEFAULT_DATA_DIR);
  return ensureSecretFile(file).created ? file : undefined;
}
